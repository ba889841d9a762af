using System.Text.Json.Serialization;

namespace Passport.Sdk.Items;

/// <summary>
/// A change to one recorded item as the kit appends it to the passport's stream. The core and
/// other readers of the stream see the item through this, without knowing the module.
/// </summary>
public interface IItemChange : IPassportEvent, IPassportItemEvent
{
    /// <summary>The kind of item changed.</summary>
    Type ItemType { get; }

    /// <summary>The item as it now is; null when the change ended it.</summary>
    RecordedItem? Current { get; }
}

/// <summary>An item ended: it left the passport's current view and stays in its history.</summary>
public interface IItemEnded : IItemChange
{
    /// <summary>The day it ended, in the UK: the day given, or the day the end was recorded.</summary>
    DateOnly EndedOn { get; }
}

/// <summary>An item was recorded. Its event type name is the kind's (e.g. <c>allergy_recorded</c>), which the history shows.</summary>
/// <typeparam name="TItem">The kind of item.</typeparam>
/// <param name="Group">The item's field group.</param>
/// <param name="Item">The item as recorded, with who recorded it.</param>
public sealed record ItemRecorded<TItem>(string Group, TItem Item) : IItemChange
    where TItem : RecordedItem
{
    /// <inheritdoc />
    [JsonIgnore]
    public Provenance RecordedBy => Item.RecordedBy;

    /// <inheritdoc />
    [JsonIgnore]
    public string? FieldGroup => Group;

    /// <inheritdoc />
    [JsonIgnore]
    public Guid ItemId => Item.Id;

    /// <inheritdoc />
    [JsonIgnore]
    public Type ItemType => typeof(TItem);

    /// <inheritdoc />
    [JsonIgnore]
    public RecordedItem? Current => Item;
}

/// <summary>
/// An item's values were replaced under its id. The amended item carries who amended it: a
/// family amendment of a verified item shows as reported by the family until a professional confirms it.
/// </summary>
/// <typeparam name="TItem">The kind of item.</typeparam>
/// <param name="AmendmentId">Identifies this amendment (an item is amended many times).</param>
/// <param name="Group">The item's field group.</param>
/// <param name="Item">The item with its new values.</param>
public sealed record ItemAmended<TItem>(Guid AmendmentId, string Group, TItem Item) : IItemChange
    where TItem : RecordedItem
{
    /// <inheritdoc />
    [JsonIgnore]
    public Provenance RecordedBy => Item.RecordedBy;

    /// <inheritdoc />
    [JsonIgnore]
    public string? FieldGroup => Group;

    /// <inheritdoc />
    [JsonIgnore]
    public Guid ItemId => Item.Id;

    /// <inheritdoc />
    [JsonIgnore]
    public Type ItemType => typeof(TItem);

    /// <inheritdoc />
    [JsonIgnore]
    public RecordedItem? Current => Item;
}

/// <summary>An item ended: it leaves the current view and stays in the passport's history.</summary>
/// <typeparam name="TItem">The kind of item.</typeparam>
/// <param name="ItemId">The item.</param>
/// <param name="Group">The item's field group.</param>
/// <param name="RecordedBy">Who ended it, and when.</param>
/// <param name="On">The day it ended when the kind asks for it; otherwise null, and it ended the day it was recorded.</param>
public sealed record ItemEnded<TItem>(Guid ItemId, string Group, Provenance RecordedBy, DateOnly? On = null) : IItemEnded
    where TItem : RecordedItem
{
    /// <inheritdoc />
    [JsonIgnore]
    public string? FieldGroup => Group;

    /// <inheritdoc />
    [JsonIgnore]
    public Type ItemType => typeof(TItem);

    /// <inheritdoc />
    [JsonIgnore]
    public RecordedItem? Current => null;

    /// <inheritdoc />
    [JsonIgnore]
    public DateOnly EndedOn => On ?? UkDate.Of(RecordedBy.RecordedAt);
}
