using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Modules.Health.Medications;

/// <summary>A medicine the child takes, and how they take it in their own words.</summary>
public sealed record Medication(string Name, string? Dose, string? Route, string? Frequency, string? HowITakeIt) : RecordedItem
{
    internal static void Declare(ItemKind<HealthView, Medication> kind) => kind
        .Describe("a medication", "Medicines", "Medicines the child takes.")
        .Text("name", "Medicine", required: true, hint: "For example, buccal midazolam", description: "The medicine, e.g. Buccal midazolam.")
        .Text("dose", "Dose (optional)", hint: "For example, 5 mg", description: "How much, e.g. 5 mg.")
        .Text("route", "How it is given (optional)", hint: "For example, by mouth, in the cheek or inhaled", description: "How it is given, e.g. by mouth, buccal, inhaled.")
        .Text("frequency", "How often (optional)", hint: "For example, twice a day or when needed", description: "How often, e.g. twice a day, when needed.")
        .LongText("howITakeIt", "How I take it (optional)", hint: "In the child's words or the family's, for example, crushed in yoghurt", maxLength: HealthModule.NoteText, description: "In the child's words or their family's, e.g. crushed in yoghurt.")
        .Form("Add a medicine", "Save medicine", familyTitle: "Report a medicine");
}
