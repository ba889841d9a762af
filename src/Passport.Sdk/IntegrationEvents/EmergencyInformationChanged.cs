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
public sealed record EmergencyInformationChanged(Guid ChangeId, Guid PassportId, string What, Provenance RecordedBy);
