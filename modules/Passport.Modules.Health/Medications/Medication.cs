using Passport.Modules.Health.Items;
using Passport.Sdk;

namespace Passport.Modules.Health.Medications;

/// <summary>A medicine the child takes, and how they take it.</summary>
public sealed record Medication(
    Guid Id,
    string Name,
    string? Dose,
    string? Route,
    string? Frequency,
    string? HowITakeIt,
    Provenance RecordedBy,
    Provenance? VerifiedBy = null) : IHealthItem<Medication>
{
    public static string Group => HealthModule.Clinical;

    public static List<Medication> CurrentIn(HealthView view) => view.Medications;

    public static IHealthItemChange Recorded(Medication item) => new MedicationRecorded(item);

    public static ICurrentHealthItemChange Amended(Guid amendmentId, Medication item) => new MedicationAmended(amendmentId, item);

    public static ICurrentHealthItemChange Ended(Guid itemId, Provenance endedBy) => new MedicationEnded(itemId, endedBy);

    public Medication VerifiedAs(Provenance verifiedBy) => this with { VerifiedBy = verifiedBy };
}

public sealed record MedicationRecorded(Medication Item) : HealthItemRecorded<Medication>(Item);

public sealed record MedicationAmended(Guid AmendmentId, Medication Item) : HealthItemAmended<Medication>(AmendmentId, Item);

public sealed record MedicationEnded(Guid ItemId, Provenance RecordedBy) : HealthItemEnded<Medication>(ItemId, RecordedBy);

public sealed class MedicationInput : IHealthItemInput<Medication>
{
    public string Name { get; set; } = "";
    public string? Dose { get; set; }
    public string? Route { get; set; }
    public string? Frequency { get; set; }
    public string? HowITakeIt { get; set; }

    public Medication ToItem(Guid id, Provenance recordedBy) => new(
        id,
        InputRules.Required("input.name", Name),
        InputRules.Optional("input.dose", Dose, InputRules.ShortText),
        InputRules.Optional("input.route", Route, InputRules.ShortText),
        InputRules.Optional("input.frequency", Frequency, InputRules.ShortText),
        InputRules.Optional("input.howITakeIt", HowITakeIt, HealthInputRules.NoteText),
        recordedBy);
}
