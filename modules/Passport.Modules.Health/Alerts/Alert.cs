using Passport.Modules.Health.Items;
using Passport.Sdk;

namespace Passport.Modules.Health.Alerts;

/// <summary>Something anyone treating the child must know at once, e.g. "No intramuscular injections: bleeding disorder".</summary>
public sealed record Alert(Guid Id, string Title, string? Details, Provenance RecordedBy, Provenance? VerifiedBy = null) : IHealthItem<Alert>
{
    public static string Group => HealthModule.Emergency;

    public static List<Alert> CurrentIn(HealthView view) => view.Alerts;

    public static IHealthItemChange Recorded(Alert item) => new AlertRecorded(item);

    public static ICurrentHealthItemChange Amended(Guid amendmentId, Alert item) => new AlertAmended(amendmentId, item);

    public static ICurrentHealthItemChange Ended(Guid itemId, Provenance endedBy) => new AlertEnded(itemId, endedBy);

    public Alert VerifiedAs(Provenance verifiedBy) => this with { VerifiedBy = verifiedBy };
}

public sealed record AlertRecorded(Alert Item) : HealthItemRecorded<Alert>(Item);

public sealed record AlertAmended(Guid AmendmentId, Alert Item) : HealthItemAmended<Alert>(AmendmentId, Item);

public sealed record AlertEnded(Guid ItemId, Provenance RecordedBy) : HealthItemEnded<Alert>(ItemId, RecordedBy);

public sealed class AlertInput : IHealthItemInput<Alert>
{
    public string Title { get; set; } = "";
    public string? Details { get; set; }

    public Alert ToItem(Guid id, Provenance recordedBy) => new(
        id,
        InputRules.Required("input.title", Title),
        InputRules.Optional("input.details", Details, HealthInputRules.NoteText),
        recordedBy);
}
