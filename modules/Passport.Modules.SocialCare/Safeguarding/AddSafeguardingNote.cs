using GraphQL;
using GraphQL.Types;
using Marten;
using Passport.Sdk;

namespace Passport.Modules.SocialCare.Safeguarding;

/// <summary>Social care added a safeguarding note to the passport.</summary>
public sealed record SafeguardingNoteAdded(Guid NoteId, string Note, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => SocialCareModule.SafeguardingGroup;

    public Guid ItemId => NoteId;
}

/// <summary>A safeguarding note as the passport shows it (never to the family).</summary>
public sealed record SafeguardingNote(Guid Id, string Note, Provenance RecordedBy, Provenance? VerifiedBy = null) : IPassportItem
{
    /// <summary>Recorded, or since verified, by a social-care professional.</summary>
    public bool IsVerified => RecordedBy.IsVerified || VerifiedBy is not null;
}

public sealed class SafeguardingNoteGraphType : ObjectGraphType<SafeguardingNote>
{
    public SafeguardingNoteGraphType()
    {
        Name = "SafeguardingNote";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("note").Resolve(c => c.Source.Note);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded, or since verified, by a social-care professional.")
            .Resolve(c => c.Source.IsVerified);
        Field<ProvenanceGraphType>("verifiedBy")
            .Description("The social-care professional who verified the note, when someone else recorded it; null otherwise.")
            .Resolve(c => c.Source.VerifiedBy);
    }
}

internal static class AddSafeguardingNoteMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("addSafeguardingNote", passportType)
            .Description("Adds a safeguarding note. Only social-care professionals record them; the family never sees them.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("note")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                return await c.ChangePassportAsync(PassportChange.Recording(passportId, SocialCareModule.SafeguardingGroup, recordedBy =>
                    new SafeguardingNoteAdded(Guid.CreateVersion7(), InputRules.Required("note", c.GetArgument<string>("note"), InputRules.LongText), recordedBy)));
            });
}
