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

/// <summary>The command: amend a safeguarding note, already authorised and validated.</summary>
public sealed record AmendSafeguardingNote(Guid PassportId, SafeguardingNoteAmended Amended);

public static class AmendSafeguardingNoteHandler
{
    /// <summary>Only a current note of this passport can be amended; otherwise nothing is written.</summary>
    public static async Task Handle(AmendSafeguardingNote command, IDocumentSession session)
    {
        var view = await session.LoadAsync<SocialCareView>(command.PassportId);
        if (view?.SafeguardingNotes.Exists(n => n.Id == command.Amended.NoteId) != true)
        {
            throw SafeguardingNotes.Unknown();
        }

        await session.AppendToPassportAsync(command.PassportId, command.Amended);
    }
}

/// <summary>What the safeguarding-note mutations share.</summary>
internal static class SafeguardingNotes
{
    public static PassportException Unknown() =>
        PassportException.Invalid("noteId", "noteId is not a current safeguarding note of this passport.");

    /// <summary>A malformed id is answered like an unknown one.</summary>
    public static Guid NoteId(string? value) => Guid.TryParse(value, out var id) ? id : throw Unknown();
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
                return await SocialCareRecording.ChangeAsync(c, passportId, SocialCareModule.SafeguardingGroup, "safeguarding notes", recordedBy =>
                {
                    var noteId = SafeguardingNotes.NoteId(c.GetArgument<string>("noteId"));
                    var text = InputRules.Required("note", c.GetArgument<string>("note"), InputRules.LongText);
                    return new AmendSafeguardingNote(passportId, new SafeguardingNoteAmended(noteId, text, recordedBy));
                });
            });
}
