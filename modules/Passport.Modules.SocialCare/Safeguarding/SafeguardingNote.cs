using Passport.Sdk.Items;

namespace Passport.Modules.SocialCare.Safeguarding;

/// <summary>A safeguarding note. Only social-care professionals record them; the family never sees them.</summary>
public sealed record SafeguardingNote(string Note) : RecordedItem
{
    internal static void Declare(ItemKind<SocialCareView, SafeguardingNote> kind) => kind
        .Describe("a safeguarding note", "Safeguarding", "Current safeguarding notes, oldest first. Never shown to the family. An empty list means none recorded, never that they are hidden.")
        .Mutations(record: "addSafeguardingNote", itemArgument: "noteId")
        .FieldsAsArguments()
        .LongText("note", "Safeguarding note", required: true, description: "The note; never shown to the family.")
        .Form("Add a safeguarding note", "Save note");
}
