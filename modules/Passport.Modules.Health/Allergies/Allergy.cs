using Passport.Modules.Health.Items;
using Passport.Sdk;

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
public sealed record Allergy(
    Guid Id,
    string Substance,
    string? Reaction,
    AllergySeverity Severity,
    Provenance RecordedBy,
    AllergyStatus Status = AllergyStatus.Active,
    Provenance? VerifiedBy = null) : IHealthItem<Allergy>
{
    public static string Group => HealthModule.Emergency;

    public static List<Allergy> CurrentIn(HealthView view) => view.Allergies;

    public static IHealthItemChange Recorded(Allergy item) =>
        new AllergyRecorded(item.Id, item.Substance, item.Reaction, item.Severity, item.RecordedBy, item.Status);

    public static ICurrentHealthItemChange Amended(Guid amendmentId, Allergy item) => new AllergyAmended(amendmentId, item);

    public static ICurrentHealthItemChange Ended(Guid itemId, Provenance endedBy) => new AllergyEnded(itemId, endedBy);

    public static string EmergencyNotice(Allergy item, string change) =>
        $"{item.Severity} allergy {change}: {item.Substance}{(item.Status == AllergyStatus.Resolved ? " (resolved)" : "")}";

    public Allergy VerifiedAs(Provenance verifiedBy) => this with { VerifiedBy = verifiedBy };
}

public sealed record AllergyAmended(Guid AmendmentId, Allergy Item) : HealthItemAmended<Allergy>(AmendmentId, Item);

public sealed record AllergyEnded(Guid ItemId, Provenance RecordedBy) : HealthItemEnded<Allergy>(ItemId, RecordedBy);

public sealed class AllergyInput : IHealthItemInput<Allergy>
{
    public string Substance { get; set; } = "";
    public string? Reaction { get; set; }
    public AllergySeverity Severity { get; set; }
    public AllergyStatus? Status { get; set; }

    public Allergy ToItem(Guid id, Provenance recordedBy) => new(
        id,
        InputRules.Required("input.substance", Substance),
        InputRules.Optional("input.reaction", Reaction, HealthInputRules.NoteText),
        Severity,
        recordedBy,
        Status ?? AllergyStatus.Active);
}
