namespace Passport.Sdk;

/// <summary>
/// A professional of the sector that owns a group confirmed an item the family reported. Appended
/// by the core's <c>verifyItem</c>; a module's projection applies it to its own item (keeping who
/// first recorded it) to show the item as verified, and by whom.
/// </summary>
/// <param name="Group">The item's field group.</param>
/// <param name="ItemId">The item.</param>
/// <param name="RecordedBy">The professional who verified it.</param>
public sealed record ItemVerified(string Group, Guid ItemId, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    /// <inheritdoc />
    public string? FieldGroup => Group;
}
