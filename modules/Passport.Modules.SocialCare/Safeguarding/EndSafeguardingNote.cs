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

/// <summary>The command: end a safeguarding note, already authorised.</summary>
public sealed record EndSafeguardingNote(Guid PassportId, SafeguardingNoteEnded Ended);

public static class EndSafeguardingNoteHandler
{
    /// <summary>Only a current note of this passport can be ended; otherwise nothing is written.</summary>
    public static async Task Handle(EndSafeguardingNote command, IDocumentSession session)
    {
        var view = await session.LoadAsync<SocialCareView>(command.PassportId);
        if (view?.SafeguardingNotes.Exists(n => n.Id == command.Ended.NoteId) != true)
        {
            throw SafeguardingNotes.Unknown();
        }

        await session.AppendToPassportAsync(command.PassportId, command.Ended);
    }
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
                return await SocialCareRecording.ChangeAsync(c, passportId, SocialCareModule.SafeguardingGroup, "safeguarding notes", recordedBy =>
                {
                    var noteId = SafeguardingNotes.NoteId(c.GetArgument<string>("noteId"));
                    return new EndSafeguardingNote(passportId, new SafeguardingNoteEnded(noteId, recordedBy));
                });
            });
}
