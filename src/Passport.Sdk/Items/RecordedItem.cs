using System.Text.Json.Serialization;

namespace Passport.Sdk.Items;

/// <summary>
/// One recorded item of a passport (an allergy, a school, a short breaks plan) with its
/// provenance. A module declares its item as a positional record deriving from this, with one
/// constructor parameter per declared field (see <see cref="ItemKind{TView,TItem}"/>); the kit
/// sets <see cref="Id"/>, <see cref="RecordedBy"/> and <see cref="VerifiedBy"/>.
/// </summary>
public abstract record RecordedItem : IPassportItem
{
    /// <summary>The item's id: kept when the item is amended, new after it ended.</summary>
    public Guid Id { get; init; }

    /// <summary>Who recorded the item's current values, when, and whether that made them verified.</summary>
    public Provenance RecordedBy { get; init; } = null!;

    /// <summary>The professional of an owning sector who confirmed what the family reported; null until then.</summary>
    public Provenance? VerifiedBy { get; init; }

    /// <summary>Recorded by, or since confirmed by, a professional of a sector that records the item's group.</summary>
    [JsonIgnore]
    public bool IsVerified => RecordedBy.IsVerified || VerifiedBy is not null;
}
