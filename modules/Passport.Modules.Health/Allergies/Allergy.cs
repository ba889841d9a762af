using Passport.Sdk.Items;

namespace Passport.Modules.Health.Allergies;

public enum AllergySeverity
{
    Mild,
    Moderate,
    Severe,
}

/// <summary>Whether the allergy still applies (FHIR AllergyIntolerance clinical status).</summary>
public enum AllergyStatus
{
    Active,
    Resolved,
}

/// <summary>An allergy as the passport shows it.</summary>
public sealed record Allergy(string Substance, string? Reaction, AllergySeverity Severity, AllergyStatus Status = AllergyStatus.Active) : RecordedItem
{
    /// <summary>Every allergy recorded or amended is told to the care team: it is emergency information.</summary>
    internal static void Declare(ItemKind<HealthView, Allergy> kind) => kind
        .Describe("an allergy", "Allergies", "Known allergies. An empty list means none recorded, never that they are hidden.")
        .Text("substance", "What is the child allergic to?", required: true, hint: "For example, peanuts, penicillin or latex", description: "What the child is allergic to, e.g. peanuts, penicillin, latex.")
        .Text("reaction", "What happens (optional)", hint: "For example, anaphylaxis or hives", maxLength: HealthModule.NoteText, description: "What happens, e.g. anaphylaxis, hives.")
        .Choice("severity", "How severe is it?", "Severity", [(AllergySeverity.Mild, "Mild"), (AllergySeverity.Moderate, "Moderate"), (AllergySeverity.Severe, "Severe")], required: true)
        .Choice("status", "Does it still apply?", "AllergyStatus", [(AllergyStatus.Active, "Yes, it still applies"), (AllergyStatus.Resolved, "No, it has resolved")], defaultValue: AllergyStatus.Active, description: "Whether the allergy still applies; ACTIVE when omitted.")
        .Notify((allergy, change) => $"{allergy.Severity} allergy {change}: {allergy.Substance}{(allergy.Status == AllergyStatus.Resolved ? " (resolved)" : "")}")
        .Form("Add an allergy", "Save allergy", familyTitle: "Report an allergy")
        .LeadsPage();
}
