using Passport.Modules.Health.Alerts;
using Passport.Modules.Health.Allergies;
using Passport.Modules.Health.Clinicians;
using Passport.Modules.Health.Conditions;
using Passport.Modules.Health.EmergencyCarePlans;
using Passport.Modules.Health.Equipment;
using Passport.Modules.Health.Growth;
using Passport.Modules.Health.Immunisations;
using Passport.Modules.Health.Medications;
using Passport.Sdk.Items;

namespace Passport.Modules.Health;

/// <summary>The health module's read model of one passport's current items, in the <c>health</c> schema.</summary>
public sealed class HealthView : ItemsView
{
    public List<Allergy> Allergies { get; set; } = [];
    public List<Alert> Alerts { get; set; } = [];
    public List<EmergencyCarePlan> EmergencyCarePlans { get; set; } = [];
    public List<EquipmentItem> Equipment { get; set; } = [];

    public List<Condition> Conditions { get; set; } = [];
    public List<Medication> Medications { get; set; } = [];
    public List<Clinician> Clinicians { get; set; } = [];

    public List<GrowthMeasurement> Growth { get; set; } = [];

    public List<Immunisation> Immunisations { get; set; } = [];
}
