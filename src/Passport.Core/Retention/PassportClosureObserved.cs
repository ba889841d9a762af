using Passport.Sdk;

namespace Passport.Core.Retention;

/// <summary>
/// The retention job saw, on <see cref="ObservedOn"/>, that the passport had closed. The retention
/// period counts from this day, not from the computed closing day: a passport whose closing day
/// is long past when it is first seen closed (a date of birth corrected back by years, or a job
/// that was not running) is still kept for the whole period.
/// </summary>
/// <param name="ObservedOn">The day the job first saw the passport closed.</param>
/// <param name="RecordedBy">The retention job.</param>
public sealed record PassportClosureObserved(DateOnly ObservedOn, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}
