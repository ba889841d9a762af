using Passport.Sdk;

namespace Passport.Modules.Health.Items;

/// <summary>One recorded health item (an allergy, a medication, a growth measurement…) with its provenance.</summary>
public interface IHealthItem : IPassportItem
{
    /// <summary>Who recorded the item's current values, when, and whether they are a health professional.</summary>
    Provenance RecordedBy { get; }

    /// <summary>The health professional who confirmed what the family reported; null until then.</summary>
    Provenance? VerifiedBy { get; }
}

/// <summary>
/// A kind of health item. What differs between kinds is declared here once per kind; recording,
/// amending, ending and verifying are done the same way for all of them (see <see cref="HealthItemKind{TItem,TInput,TInputGraphType}"/>).
/// </summary>
/// <typeparam name="TSelf">The item type.</typeparam>
public interface IHealthItem<TSelf> : IHealthItem
    where TSelf : class, IHealthItem<TSelf>
{
    /// <summary>The field group every item of this kind belongs to.</summary>
    static abstract string Group { get; }

    /// <summary>The current items of this kind in the view.</summary>
    static abstract List<TSelf> CurrentIn(HealthView view);

    /// <summary>The event that records the item.</summary>
    static abstract IHealthItemChange Recorded(TSelf item);

    /// <summary>The event that replaces an item's values with <paramref name="item"/>'s.</summary>
    static abstract ICurrentHealthItemChange Amended(Guid amendmentId, TSelf item);

    /// <summary>The event that takes an item off the current list.</summary>
    static abstract ICurrentHealthItemChange Ended(Guid itemId, Provenance endedBy);

    /// <summary>
    /// Plain words for the care team when recording or amending an item of this kind is emergency
    /// information (see <see cref="Passport.Sdk.IntegrationEvents.EmergencyInformationChanged"/>); null when it is not.
    /// </summary>
    /// <param name="item">The item as recorded or amended.</param>
    /// <param name="change">"recorded" or "amended".</param>
    static virtual string? EmergencyNotice(TSelf item, string change) => null;

    /// <summary>The same item, confirmed by a health professional.</summary>
    TSelf VerifiedAs(Provenance verifiedBy);
}

/// <summary>The GraphQL input for one kind of item.</summary>
/// <typeparam name="TItem">The item it describes.</typeparam>
public interface IHealthItemInput<out TItem>
    where TItem : IHealthItem
{
    /// <summary>Checks the input and makes the item it describes. Failures name the input field, e.g. <c>input.dose</c>.</summary>
    /// <param name="id">The item's id: new when recording, the amended item's when amending.</param>
    /// <param name="recordedBy">Who is recording, as the recorder authorised them; its time is "now" for date checks.</param>
    /// <returns>The item.</returns>
    TItem ToItem(Guid id, Provenance recordedBy);
}
