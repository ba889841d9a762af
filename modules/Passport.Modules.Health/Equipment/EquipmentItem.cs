using Passport.Modules.Health.Items;
using Passport.Sdk;

namespace Passport.Modules.Health.Equipment;

/// <summary>A piece of equipment that must travel with the child, e.g. a suction machine, an adrenaline auto-injector.</summary>
public sealed record EquipmentItem(Guid Id, string Name, string? Notes, Provenance RecordedBy, Provenance? VerifiedBy = null) : IHealthItem<EquipmentItem>
{
    public static string Group => HealthModule.Emergency;

    public static List<EquipmentItem> CurrentIn(HealthView view) => view.Equipment;

    public static IHealthItemChange Recorded(EquipmentItem item) => new EquipmentItemRecorded(item);

    public static ICurrentHealthItemChange Amended(Guid amendmentId, EquipmentItem item) => new EquipmentItemAmended(amendmentId, item);

    public static ICurrentHealthItemChange Ended(Guid itemId, Provenance endedBy) => new EquipmentItemEnded(itemId, endedBy);

    public EquipmentItem VerifiedAs(Provenance verifiedBy) => this with { VerifiedBy = verifiedBy };
}

public sealed record EquipmentItemRecorded(EquipmentItem Item) : HealthItemRecorded<EquipmentItem>(Item);

public sealed record EquipmentItemAmended(Guid AmendmentId, EquipmentItem Item) : HealthItemAmended<EquipmentItem>(AmendmentId, Item);

public sealed record EquipmentItemEnded(Guid ItemId, Provenance RecordedBy) : HealthItemEnded<EquipmentItem>(ItemId, RecordedBy);

public sealed class EquipmentInput : IHealthItemInput<EquipmentItem>
{
    public string Name { get; set; } = "";
    public string? Notes { get; set; }

    public EquipmentItem ToItem(Guid id, Provenance recordedBy) => new(
        id,
        InputRules.Required("input.name", Name),
        InputRules.Optional("input.notes", Notes, HealthInputRules.NoteText),
        recordedBy);
}
