using GraphQL;
using GraphQL.Types;
using Marten;
using Passport.Sdk;

namespace Passport.Modules.SocialCare.Safeguarding;

/// <summary>Social care ended a safeguarding note: it leaves the current list and stays in the passport's history.</summary>
public sealed record SafeguardingNoteEnded(Guid NoteId, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => SocialCareModule.SafeguardingGroup;

    public Guid ItemId => NoteId;
}

internal static class EndSafeguardingNoteMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("endSafeguardingNote", passportType)
            .Description("Ends a safeguarding note: it leaves the current list and stays in the passport's history. Only social-care professionals end them.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IdGraphType>>("noteId")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var noteId = SafeguardingNotes.NoteId(c.GetArgument<string>("noteId"));
                return await c.ChangePassportAsync(SafeguardingNotes.ToCurrent(passportId, noteId, recordedBy => new SafeguardingNoteEnded(noteId, recordedBy)));
            });
}
