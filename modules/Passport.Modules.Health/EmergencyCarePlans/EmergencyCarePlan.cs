using Passport.Modules.Health.Items;
using Passport.Sdk;

namespace Passport.Modules.Health.EmergencyCarePlans;

/// <summary>What to do in an emergency, e.g. a seizure plan: when to give rescue medication, when to call 999.</summary>
public sealed record EmergencyCarePlan(Guid Id, string Title, string Plan, Provenance RecordedBy, Provenance? VerifiedBy = null) : IHealthItem<EmergencyCarePlan>
{
    public static string Group => HealthModule.Emergency;

    public static List<EmergencyCarePlan> CurrentIn(HealthView view) => view.EmergencyCarePlans;

    public static IHealthItemChange Recorded(EmergencyCarePlan item) => new EmergencyCarePlanRecorded(item);

    public static ICurrentHealthItemChange Amended(Guid amendmentId, EmergencyCarePlan item) => new EmergencyCarePlanAmended(amendmentId, item);

    public static ICurrentHealthItemChange Ended(Guid itemId, Provenance endedBy) => new EmergencyCarePlanEnded(itemId, endedBy);

    /// <summary>Whoever may have to follow the plan must know it changed.</summary>
    public static string EmergencyNotice(EmergencyCarePlan item, string change) => $"Emergency care plan {change}: {item.Title}";

    public EmergencyCarePlan VerifiedAs(Provenance verifiedBy) => this with { VerifiedBy = verifiedBy };
}

public sealed record EmergencyCarePlanRecorded(EmergencyCarePlan Item) : HealthItemRecorded<EmergencyCarePlan>(Item);

public sealed record EmergencyCarePlanAmended(Guid AmendmentId, EmergencyCarePlan Item) : HealthItemAmended<EmergencyCarePlan>(AmendmentId, Item);

public sealed record EmergencyCarePlanEnded(Guid ItemId, Provenance RecordedBy) : HealthItemEnded<EmergencyCarePlan>(ItemId, RecordedBy);

public sealed class EmergencyCarePlanInput : IHealthItemInput<EmergencyCarePlan>
{
    public string Title { get; set; } = "";
    public string Plan { get; set; } = "";

    public EmergencyCarePlan ToItem(Guid id, Provenance recordedBy) => new(
        id,
        InputRules.Required("input.title", Title),
        InputRules.Required("input.plan", Plan, InputRules.LongText),
        recordedBy);
}
