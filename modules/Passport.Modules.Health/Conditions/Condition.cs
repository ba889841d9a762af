using Passport.Modules.Health.Items;
using Passport.Sdk;

namespace Passport.Modules.Health.Conditions;

/// <summary>A condition or diagnosis, e.g. epilepsy (SNOMED CT 84757009).</summary>
public sealed record Condition(
    Guid Id,
    string Name,
    string? SnomedCode,
    DateOnly? Onset,
    Provenance RecordedBy,
    Provenance? VerifiedBy = null) : IHealthItem<Condition>
{
    public static string Group => HealthModule.Clinical;

    public static List<Condition> CurrentIn(HealthView view) => view.Conditions;

    public static IHealthItemChange Recorded(Condition item) => new ConditionRecorded(item);

    public static ICurrentHealthItemChange Amended(Guid amendmentId, Condition item) => new ConditionAmended(amendmentId, item);

    public static ICurrentHealthItemChange Ended(Guid itemId, Provenance endedBy) => new ConditionEnded(itemId, endedBy);

    public Condition VerifiedAs(Provenance verifiedBy) => this with { VerifiedBy = verifiedBy };
}

public sealed record ConditionRecorded(Condition Item) : HealthItemRecorded<Condition>(Item);

public sealed record ConditionAmended(Guid AmendmentId, Condition Item) : HealthItemAmended<Condition>(AmendmentId, Item);

public sealed record ConditionEnded(Guid ItemId, Provenance RecordedBy) : HealthItemEnded<Condition>(ItemId, RecordedBy);

public sealed class ConditionInput : IHealthItemInput<Condition>
{
    public string Name { get; set; } = "";
    public string? SnomedCode { get; set; }
    public DateOnly? Onset { get; set; }

    public Condition ToItem(Guid id, Provenance recordedBy) => new(
        id,
        InputRules.Required("input.name", Name),
        SnomedCt.OptionalConceptId("input.snomedCode", SnomedCode),
        HealthInputRules.OptionalPastDate("input.onset", Onset, recordedBy),
        recordedBy);
}
