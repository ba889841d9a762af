using Passport.Sdk.Items;

namespace Passport.Plugins.ShortBreaks.Plans;

/// <summary>
/// The child's short breaks (respite) plan: eligibility, provider and what the child needs during a
/// stay. A passport has one current plan: recording it again amends it and keeps its id; after a
/// plan ended, a new plan gets a new id.
/// </summary>
public sealed record ShortBreaksPlan(
    bool EligibilityAssessed,
    DateOnly? AssessedOn,
    int? HoursPerYear,
    string? Provider,
    string? Routines,
    string? NightTimeCare,
    string? MedicationSupport) : RecordedItem
{
    public const int MinHoursPerYear = 0;

    /// <summary>More than anyone is commissioned: about 40 hours a week all year round.</summary>
    public const int MaxHoursPerYear = 2000;

    internal static void Declare(ItemKind<ShortBreaksView, ShortBreaksPlan> kind) => kind
        .Describe("a short breaks plan", "Short breaks plan", "The child's short breaks plan; null when none is recorded.")
        .Mutations(record: "recordShortBreaksPlan")
        .YesNo("eligibilityAssessed", "The local authority has assessed the child as eligible for short breaks", required: true, description: "True when the local authority has assessed the child as eligible for short breaks.")
        .Date("assessedOn", "Date eligibility was assessed (optional)", hint: "For example, 2 9 2024", description: "When eligibility was assessed: not in the future.")
        .WholeNumber("hoursPerYear", "Hours of short breaks a year (optional)", MinHoursPerYear, MaxHoursPerYear, hint: $"Between {MinHoursPerYear} and {MaxHoursPerYear}", description: $"Hours of short breaks a year, {MinHoursPerYear} to {MaxHoursPerYear}.")
        .Text("provider", "Who provides the short breaks (optional)", hint: "For example, Sunflower House overnight short breaks", description: "Who provides the short breaks, e.g. Sunflower House overnight short breaks.")
        .LongText("routines", "The child's routines during a stay (optional)", hint: "Mornings, meals and bedtime", description: "The child's routines during a stay: mornings, meals, bedtime.")
        .LongText("nightTimeCare", "Care the child needs at night (optional)", hint: "For example, repositioning or monitoring", description: "Care the child needs at night, e.g. repositioning, monitoring.")
        .LongText("medicationSupport", "Support with medication during a stay (optional)", description: "Support with medication during a stay.")
        .Form("Record the short breaks plan", "Save short breaks plan", familyTitle: "Report the short breaks plan");
}
