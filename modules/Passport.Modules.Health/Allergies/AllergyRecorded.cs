using Passport.Modules.Health.Items;
using Passport.Sdk;
using Passport.Sdk.IntegrationEvents;

namespace Passport.Modules.Health.Allergies;

/// <summary>An allergy was recorded on the passport.</summary>
/// <remarks>
/// The first health event: passports' streams hold it in this shape, so it keeps it. Status came
/// later, as an optional last member: events stored before it read as active.
/// </remarks>
public sealed record AllergyRecorded(
    Guid AllergyId,
    string Substance,
    string? Reaction,
    AllergySeverity Severity,
    Provenance RecordedBy,
    AllergyStatus Status = AllergyStatus.Active) : IHealthItemChange
{
    public string? FieldGroup => HealthModule.Emergency;

    public Guid ItemId => AllergyId;

    public HealthView ApplyTo(HealthView view)
    {
        view.Allergies.Add(AsAllergy());
        return view;
    }

    /// <summary>Every allergy recorded is told to the care team.</summary>
    public EmergencyInformationChanged? EmergencyInformation(Guid passportId) =>
        new(AllergyId, passportId, Allergy.EmergencyNotice(AsAllergy(), "recorded"), RecordedBy);

    private Allergy AsAllergy() => new(AllergyId, Substance, Reaction, Severity, RecordedBy, Status);
}
