namespace Passport.Sdk;

/// <summary>
/// One recorded item of a passport (an allergy, a contact, a medication…). A professional, or the
/// young person from 16, can withhold a single item from the family; the host removes withheld
/// items from every list a field returns, so a module only needs to implement this on its items.
/// </summary>
public interface IPassportItem
{
    /// <summary>The item's id, unique within the passport.</summary>
    Guid Id { get; }
}
