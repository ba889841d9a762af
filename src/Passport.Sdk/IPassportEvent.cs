namespace Passport.Sdk;

/// <summary>
/// Marks an event appended to a passport's event stream. Every module event on a passport stream
/// implements it, so the passport's version and history follow every change, whichever module
/// made it.
/// </summary>
public interface IPassportEvent
{
    /// <summary>Who made the change, when, and whether it is verified.</summary>
    Provenance RecordedBy { get; }
}
