using Passport.Sdk.Items;

namespace Passport.Plugins.Example.Notes;

/// <summary>
/// A note about the child, as the passport shows it. One constructor parameter per declared field,
/// named as the field; the kit adds the id and who recorded and verified it (<see cref="RecordedItem"/>).
/// </summary>
public sealed record ExampleSectionNote(string Summary, string? Details) : RecordedItem
{
    /// <summary>
    /// The kind's fields, their rules and words. From this the kit makes the events, the graph
    /// types, the mutations (<c>recordExampleSectionNote</c>, <c>amendExampleSectionNote</c>,
    /// <c>endExampleSectionNote</c>) and the web app's block and form.
    /// </summary>
    internal static void Declare(ItemKind<ExampleSectionView, ExampleSectionNote> kind) => kind
        .Describe("a note", "Notes", "Notes about the child. An empty list means none recorded, never that they are hidden.")
        .Text("summary", "What is the note about?", required: true, hint: "In a line, for example, weekly appointments", description: "What the note is about, in a line.")
        .LongText("details", "The note (optional)", description: "The note itself.")
        .Form("Add a note", "Save note", familyTitle: "Report a note");
}
