using System.Text.Json.Serialization;
using Passport.Sdk;
using Passport.Sdk.IntegrationEvents;

namespace Passport.Modules.Health.Items;

/// <summary>A change to one health item, as appended to the passport's stream and applied to <see cref="HealthView"/>.</summary>
public interface IHealthItemChange : IPassportEvent, IPassportItemEvent
{
    /// <summary>The view with this change applied.</summary>
    HealthView ApplyTo(HealthView view);

    /// <summary>
    /// What the rest of the care team must be told of this change, or null when it is not emergency
    /// information. Its id is this change's own, so a repeated delivery is recognised.
    /// </summary>
    EmergencyInformationChanged? EmergencyInformation(Guid passportId);
}

/// <summary>A change to an item already on the passport: refused unless the item is current.</summary>
public interface ICurrentHealthItemChange : IHealthItemChange
{
    /// <summary>True when the changed item is a current item of its kind in the view.</summary>
    bool IsCurrentIn(HealthView view);
}

/// <summary>An item was recorded. Each kind names its own event (<c>MedicationRecorded</c>…), which the passport's history shows.</summary>
/// <typeparam name="TItem">The kind of item.</typeparam>
/// <param name="Item">The item as recorded, with who recorded it.</param>
public abstract record HealthItemRecorded<TItem>(TItem Item) : IHealthItemChange
    where TItem : class, IHealthItem<TItem>
{
    [JsonIgnore]
    public Provenance RecordedBy => Item.RecordedBy;

    [JsonIgnore]
    public string? FieldGroup => TItem.Group;

    [JsonIgnore]
    public Guid ItemId => Item.Id;

    public HealthView ApplyTo(HealthView view)
    {
        TItem.CurrentIn(view).Add(Item);
        return view;
    }

    public EmergencyInformationChanged? EmergencyInformation(Guid passportId) =>
        TItem.EmergencyNotice(Item, "recorded") is { } what ? new(Item.Id, passportId, what, RecordedBy) : null;
}

/// <summary>
/// An item's values were replaced. The amended item carries who amended it: a family amendment of
/// a verified item is shown as reported by the family until a health professional confirms it.
/// </summary>
/// <typeparam name="TItem">The kind of item.</typeparam>
/// <param name="AmendmentId">Identifies this amendment.</param>
/// <param name="Item">The item with its new values, under its existing id.</param>
public abstract record HealthItemAmended<TItem>(Guid AmendmentId, TItem Item) : ICurrentHealthItemChange
    where TItem : class, IHealthItem<TItem>
{
    [JsonIgnore]
    public Provenance RecordedBy => Item.RecordedBy;

    [JsonIgnore]
    public string? FieldGroup => TItem.Group;

    [JsonIgnore]
    public Guid ItemId => Item.Id;

    public bool IsCurrentIn(HealthView view) => TItem.CurrentIn(view).Exists(i => i.Id == Item.Id);

    public HealthView ApplyTo(HealthView view)
    {
        var items = TItem.CurrentIn(view);
        var index = items.FindIndex(i => i.Id == Item.Id);
        if (index >= 0)
        {
            items[index] = Item;
        }

        return view;
    }

    public EmergencyInformationChanged? EmergencyInformation(Guid passportId) =>
        TItem.EmergencyNotice(Item, "amended") is { } what ? new(AmendmentId, passportId, what, RecordedBy) : null;
}

/// <summary>An item ended: it leaves the passport's current list and stays in its history.</summary>
/// <typeparam name="TItem">The kind of item.</typeparam>
/// <param name="ItemId">The item.</param>
/// <param name="RecordedBy">Who ended it.</param>
public abstract record HealthItemEnded<TItem>(Guid ItemId, Provenance RecordedBy) : ICurrentHealthItemChange
    where TItem : class, IHealthItem<TItem>
{
    [JsonIgnore]
    public string? FieldGroup => TItem.Group;

    public bool IsCurrentIn(HealthView view) => TItem.CurrentIn(view).Exists(i => i.Id == ItemId);

    public HealthView ApplyTo(HealthView view)
    {
        TItem.CurrentIn(view).RemoveAll(i => i.Id == ItemId);
        return view;
    }

    public EmergencyInformationChanged? EmergencyInformation(Guid passportId) => null;
}
