using Passport.Modules.Health.Alerts;
using Passport.Modules.Health.Allergies;
using Passport.Modules.Health.Clinicians;
using Passport.Modules.Health.Conditions;
using Passport.Modules.Health.EmergencyCarePlans;
using Passport.Modules.Health.Equipment;
using Passport.Modules.Health.Growth;
using Passport.Modules.Health.Immunisations;
using Passport.Modules.Health.Medications;
using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Modules.Health;

/// <summary>
/// The health sector's module: emergency information, clinical details, growth, immunisations.
/// Every kind is a list the kit records, amends, ends, verifies and withholds alike.
/// </summary>
public sealed class HealthModule : RecordedItemsModule<HealthView>
{
    public const string Emergency = "health.emergency";
    public const string Clinical = "health.clinical";
    public const string Growth = "health.growth";
    public const string Immunisations = "health.immunisations";

    /// <summary>Longest note-like text (a reaction, how I take my medicine, equipment notes).</summary>
    internal const int NoteText = InputRules.ShortText * 5;

    protected override RecordedItems<HealthView> Items { get; } = new RecordedItems<HealthView>()
        .List<Allergy>("Allergy", "allergies", Emergency, view => view.Allergies, Allergy.Declare)
        .List<Alert>("Alert", "alerts", Emergency, view => view.Alerts, Alert.Declare)
        .List<EmergencyCarePlan>("EmergencyCarePlan", "emergencyCarePlans", Emergency, view => view.EmergencyCarePlans, EmergencyCarePlan.Declare)
        .List<EquipmentItem>("Equipment", "equipment", Emergency, view => view.Equipment, EquipmentItem.Declare)
        .List<Condition>("Condition", "conditions", Clinical, view => view.Conditions, Condition.Declare)
        .List<Medication>("Medication", "medications", Clinical, view => view.Medications, Medication.Declare)
        .List<Clinician>("Clinician", "clinicians", Clinical, view => view.Clinicians, Clinician.Declare)
        .List<GrowthMeasurement>("GrowthMeasurement", "growth", Growth, view => view.Growth, GrowthMeasurement.Declare)
        .List<Immunisation>("Immunisation", "immunisations", Immunisations, view => view.Immunisations, Immunisation.Declare);

    /// <summary>Builds the FHIR mapping with the module, so a mistake in it stops the host at start.</summary>
    public HealthModule() => Fhir = HealthFhir.Mapping(Items);

    /// <inheritdoc />
    public override Sdk.Fhir.FhirMapping Fhir { get; }

    protected override string SectionType => "Health";

    protected override string SectionDescription => "The health section: what a health professional, or anyone in an emergency, must know.";
}
