using GraphQL;
using GraphQL.Types;
using Marten;
using Passport.Sdk;

namespace Passport.Modules.SocialCare.Safeguarding;

/// <summary>Social care amended a safeguarding note: it keeps its id and place, takes the new text and the amender's provenance.</summary>
public sealed record SafeguardingNoteAmended(Guid NoteId, string Note, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => SocialCareModule.SafeguardingGroup;

    public Guid ItemId => NoteId;
}

/// <summary>What the safeguarding-note mutations share.</summary>
internal static class SafeguardingNotes
{
    public static PassportException Unknown() =>
        PassportException.Invalid("noteId", "noteId is not a current safeguarding note of this passport.");

    /// <summary>A malformed id is answered like an unknown one.</summary>
    public static Guid NoteId(string? value) => Guid.TryParse(value, out var id) ? id : throw Unknown();

    /// <summary>A change to a current note of this passport; any other id is refused and nothing is written.</summary>
    public static IPassportChange ToCurrent(Guid passportId, Guid noteId, Func<Provenance, object> changed) =>
        PassportChange.ToCurrentItem<SocialCareView>(passportId, SocialCareModule.SafeguardingGroup, noteId, "noteId", view => view.SafeguardingNotes.Exists(n => n.Id == noteId), changed, Unknown);
}

internal static class AmendSafeguardingNoteMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("amendSafeguardingNote", passportType)
            .Description("Amends a current safeguarding note, keeping its id. Only social-care professionals amend them; the family never sees them.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IdGraphType>>("noteId")
            .Argument<NonNullGraphType<StringGraphType>>("note")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var noteId = SafeguardingNotes.NoteId(c.GetArgument<string>("noteId"));
                return await c.ChangePassportAsync(SafeguardingNotes.ToCurrent(passportId, noteId, recordedBy =>
                    new SafeguardingNoteAmended(noteId, InputRules.Required("note", c.GetArgument<string>("note"), InputRules.LongText), recordedBy)));
            });
}
