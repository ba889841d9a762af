namespace Passport.Sdk;

/// <summary>
/// A passport event saying the child's legal status was set. The core reads it to know when social
/// care has a statutory role (a child protection plan, or looked after), during which the family
/// cannot remove social care from the care team (SPEC §4), without knowing the module that records it.
/// </summary>
public interface ISocialCareLegalStatusSet : IPassportEvent
{
    /// <summary>True for a child protection plan or looked after.</summary>
    bool IsStatutory { get; }
}
