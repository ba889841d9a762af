using Passport.Sdk.Items;

namespace Passport.Modules.Health.Alerts;

/// <summary>An alert: what anyone treating the child must know at once (e.g. no intramuscular injections).</summary>
public sealed record Alert(string Title, string? Details) : RecordedItem
{
    internal static void Declare(ItemKind<HealthView, Alert> kind) => kind
        .Describe("an alert", "Alerts", "What anyone treating the child must know at once.")
        .Text("title", "Alert", required: true, hint: "In a few words, for example, no injections into a muscle", description: "The alert in a few words, e.g. No intramuscular injections.")
        .LongText("details", "Why, and what to do instead (optional)", maxLength: HealthModule.NoteText, description: "Why, and what to do instead.")
        .Form("Add an alert", "Save alert", familyTitle: "Report an alert")
        .LeadsPage();
}
