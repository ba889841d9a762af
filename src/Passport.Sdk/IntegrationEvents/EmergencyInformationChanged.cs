namespace Passport.Sdk.IntegrationEvents;

/// <summary>
/// Integration event: a module recorded or changed something a person must know in an emergency
/// (an allergy, an emergency care plan…). Published through Wolverine's durable outbox by the
/// module's handler; the core tells every other member of the care team. Delivery is at least
/// once, so the receiving handler is idempotent on <see cref="ChangeId"/>.
/// </summary>
/// <param name="ChangeId">Identifies this change; the same change delivered twice has the same id.</param>
/// <param name="PassportId">The passport.</param>
/// <param name="What">Plain words for the notification, e.g. "Severe allergy recorded: peanuts".</param>
/// <param name="RecordedBy">Who made the change (they are not notified of their own change).</param>
/// <param name="FieldGroup">
/// The field group of the change: a member is shown the notification only while they may see this
/// group on the passport. Emergency information is <c>health.emergency</c> (SPEC §3), the default,
/// which also covers messages queued before the group was carried.
/// </param>
public sealed record EmergencyInformationChanged(Guid ChangeId, Guid PassportId, string What, Provenance RecordedBy, string FieldGroup = EmergencyInformationChanged.EmergencyGroup)
{
    /// <summary>The field group of emergency information (SPEC §3).</summary>
    public const string EmergencyGroup = "health.emergency";
}
