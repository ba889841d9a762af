using GraphQL;
using GraphQL.Types;
using Passport.Sdk;

namespace Passport.Plugins.Example.Notes;

/// <summary>A note was recorded on the passport.</summary>
public sealed record ExampleSectionNoteRecorded(Guid NoteId, string Summary, string? Details, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => ExampleSectionModule.Group;

    public Guid ItemId => NoteId;
}

/// <summary>A note as the passport shows it.</summary>
public sealed record ExampleSectionNote(Guid Id, string Summary, string? Details, Provenance RecordedBy, Provenance? VerifiedBy = null) : IPassportItem
{
    /// <summary>Recorded by a professional of the owning sector, or reported by the family and verified by one since.</summary>
    public bool IsVerified => RecordedBy.IsVerified || VerifiedBy is not null;
}

public sealed class ExampleSectionNoteInput
{
    public string Summary { get; set; } = "";
    public string? Details { get; set; }
}

public sealed class ExampleSectionNoteInputGraphType : InputObjectGraphType<ExampleSectionNoteInput>
{
    public ExampleSectionNoteInputGraphType()
    {
        Name = "ExampleSectionNoteInput";
        Field<NonNullGraphType<StringGraphType>>("summary").Description("What the note is about, in a line.");
        Field<StringGraphType>("details").Description("The note itself.");
    }
}

public sealed class ExampleSectionNoteGraphType : ObjectGraphType<ExampleSectionNote>
{
    public ExampleSectionNoteGraphType()
    {
        Name = "ExampleSectionNote";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("summary").Resolve(c => c.Source.Summary);
        Field<StringGraphType>("details").Resolve(c => c.Source.Details);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded, or since verified, by a professional of the example-sector sector; false when reported by the family.")
            .Resolve(c => c.Source.IsVerified);
        Field<ProvenanceGraphType>("verifiedBy")
            .Description("The professional of the example-sector sector who verified what the family reported; null until then.")
            .Resolve(c => c.Source.VerifiedBy);
    }
}

internal static class RecordExampleSectionNoteMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("recordExampleSectionNote", passportType)
            .Description("Records a note: verified when a professional of the example-sector sector records it, reported when the family does.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<ExampleSectionNoteInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var details = ExampleSectionNoteDetails.From(c.GetArgument<ExampleSectionNoteInput>("input"));
                // The core decides who may write the group (ExampleSectionModule's manifest says who) on the
                // passport as it is being appended to; this only builds the event from who is recording.
                return await c.ChangePassportAsync(PassportChange.Recording(
                    passportId,
                    ExampleSectionModule.Group,
                    recordedBy => new ExampleSectionNoteRecorded(Guid.CreateVersion7(), details.Summary, details.Details, recordedBy)));
            });
}

/// <summary>A note's input, trimmed and checked the way every module checks text.</summary>
internal sealed record ExampleSectionNoteDetails(string Summary, string? Details)
{
    public static ExampleSectionNoteDetails From(ExampleSectionNoteInput input) => new(
        InputRules.Required("input.summary", input.Summary),
        InputRules.Optional("input.details", input.Details));
}
