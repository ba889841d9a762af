using Passport.Sdk.Items;

namespace Passport.Modules.Health.Conditions;

/// <summary>A condition or diagnosis, with its SNOMED CT concept id when known.</summary>
public sealed record Condition(string Name, string? SnomedCode, DateOnly? Onset) : RecordedItem
{
    internal static void Declare(ItemKind<HealthView, Condition> kind) => kind
        .Describe("a condition or diagnosis", "Conditions", "Conditions and diagnoses.")
        .Text("name", "Condition or diagnosis", required: true, hint: "For example, epilepsy", description: "The condition or diagnosis, e.g. Epilepsy.")
        .Text("snomedCode", "SNOMED CT code (optional)", hint: "If you know it, for example, 84757009", description: "Its SNOMED CT concept id, e.g. 84757009, when known.")
        .Date("onset", "Date it started or was diagnosed (optional)", hint: "For example, 15 3 2024", description: "When it began or was diagnosed.")
        .Validate(condition => condition with { SnomedCode = SnomedCt.OptionalConceptId("input.snomedCode", condition.SnomedCode) })
        .Form("Add a condition", "Save condition", familyTitle: "Report a condition");
}
