namespace Passport.Sdk;

/// <summary>
/// A recorded item that is the child's legal status as social care records it. The core reads it
/// from the kit's item events (<see cref="Items.IItemChange.Current"/>) to know when social care
/// has a statutory role (a child protection plan, or looked after), during which the family
/// cannot remove social care from the care team (SPEC §4), without knowing the module that records it.
/// </summary>
public interface ISocialCareLegalStatus
{
    /// <summary>True for a child protection plan or looked after.</summary>
    bool IsStatutory { get; }
}
