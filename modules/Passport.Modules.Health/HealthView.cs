using GraphQL.Types;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Passport.Modules.Health.Alerts;
using Passport.Modules.Health.Allergies;
using Passport.Modules.Health.Clinicians;
using Passport.Modules.Health.Conditions;
using Passport.Modules.Health.EmergencyCarePlans;
using Passport.Modules.Health.Equipment;
using Passport.Modules.Health.Growth;
using Passport.Modules.Health.Immunisations;
using Passport.Modules.Health.Items;
using Passport.Modules.Health.Medications;
using Passport.Sdk;

namespace Passport.Modules.Health;

/// <summary>The health module's read model of one passport, in the <c>health</c> schema: the current items of every kind.</summary>
public sealed class HealthView : IPassportView
{
    public Guid Id { get; set; }

    public List<Allergy> Allergies { get; set; } = [];
    public List<Alert> Alerts { get; set; } = [];
    public List<EmergencyCarePlan> EmergencyCarePlans { get; set; } = [];
    public List<EquipmentItem> Equipment { get; set; } = [];

    public List<Condition> Conditions { get; set; } = [];
    public List<Medication> Medications { get; set; } = [];
    public List<Clinician> Clinicians { get; set; } = [];

    public List<GrowthMeasurement> Growth { get; set; } = [];

    public List<Immunisation> Immunisations { get; set; } = [];

    /// <summary>The field group of a current item, or null when no current item has the id.</summary>
    public string? GroupOf(Guid itemId) =>
        HealthModule.ItemKinds.Select(kind => kind.GroupOf(this, itemId)).FirstOrDefault(group => group is not null);

    /// <summary>Shows a current item as confirmed by a health professional; an id that names none is ignored.</summary>
    public HealthView Verify(Guid itemId, Provenance verifiedBy)
    {
        foreach (var kind in HealthModule.ItemKinds)
        {
            kind.Verify(this, itemId, verifiedBy);
        }

        return this;
    }
}

/// <summary>
/// Applies every health item change (each event applies itself to its kind's list) and the core's
/// <see cref="ItemVerified"/>, which names an item of any module: only this module's are touched.
/// </summary>
public sealed class HealthViewProjection : SingleStreamProjection<HealthView, Guid>
{
    public HealthViewProjection()
    {
        foreach (var type in HealthModule.EventTypes)
        {
            IncludeType(type);
        }

        IncludeType<ItemVerified>();
    }

    public override HealthView? Evolve(HealthView? snapshot, Guid id, IEvent e) => e.Data switch
    {
        IHealthItemChange change => change.ApplyTo(snapshot ?? new HealthView { Id = id }),
        ItemVerified verified => snapshot?.Verify(verified.ItemId, verified.RecordedBy),
        _ => snapshot,
    };
}

/// <summary>The health section of one passport as GraphQL resolves it.</summary>
public sealed record HealthSection(PassportNode Passport, HealthView? View) : IPassportScoped;

/// <summary>Every list is empty when none is recorded, and null with FIELD_NOT_PERMITTED when hidden: never empty because hidden.</summary>
public sealed class HealthGraphType : ObjectGraphType<HealthSection>
{
    public HealthGraphType()
    {
        Name = "Health";
        Field<ListGraphType<NonNullGraphType<AllergyGraphType>>>("allergies")
            .Description("Known allergies. An empty list means none recorded, never that they are hidden.")
            .InFieldGroup(HealthModule.Emergency)
            .Resolve(c => c.Source.View?.Allergies ?? []);
        Field<ListGraphType<NonNullGraphType<AlertGraphType>>>("alerts")
            .Description("What anyone treating the child must know at once.")
            .InFieldGroup(HealthModule.Emergency)
            .Resolve(c => c.Source.View?.Alerts ?? []);
        Field<ListGraphType<NonNullGraphType<EmergencyCarePlanGraphType>>>("emergencyCarePlans")
            .Description("What to do in an emergency, e.g. a seizure plan.")
            .InFieldGroup(HealthModule.Emergency)
            .Resolve(c => c.Source.View?.EmergencyCarePlans ?? []);
        Field<ListGraphType<NonNullGraphType<EquipmentGraphType>>>("equipment")
            .Description("Equipment that must travel with the child.")
            .InFieldGroup(HealthModule.Emergency)
            .Resolve(c => c.Source.View?.Equipment ?? []);

        Field<ListGraphType<NonNullGraphType<ConditionGraphType>>>("conditions")
            .Description("Conditions and diagnoses.")
            .InFieldGroup(HealthModule.Clinical)
            .Resolve(c => c.Source.View?.Conditions ?? []);
        Field<ListGraphType<NonNullGraphType<MedicationGraphType>>>("medications")
            .Description("Medicines the child takes.")
            .InFieldGroup(HealthModule.Clinical)
            .Resolve(c => c.Source.View?.Medications ?? []);
        Field<ListGraphType<NonNullGraphType<ClinicianGraphType>>>("clinicians")
            .Description("Key clinicians and services.")
            .InFieldGroup(HealthModule.Clinical)
            .Resolve(c => c.Source.View?.Clinicians ?? []);

        Field<ListGraphType<NonNullGraphType<GrowthMeasurementGraphType>>>("growth")
            .Description("Growth measurements, oldest first.")
            .InFieldGroup(HealthModule.Growth)
            .Resolve(c => c.Source.View?.Growth.OrderBy(m => m.MeasuredOn).ThenBy(m => m.RecordedBy.RecordedAt).ToList() ?? []);

        Field<ListGraphType<NonNullGraphType<ImmunisationGraphType>>>("immunisations")
            .Description("Vaccines given, oldest first.")
            .InFieldGroup(HealthModule.Immunisations)
            .Resolve(c => c.Source.View?.Immunisations.OrderBy(i => i.GivenOn).ToList() ?? []);
    }
}
