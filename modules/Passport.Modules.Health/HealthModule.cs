using JasperFx.Events.Projections;
using Marten;
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

/// <summary>The health sector's module: emergency information, clinical details, growth, immunisations.</summary>
public sealed class HealthModule : PassportModule
{
    public const string Emergency = "health.emergency";
    public const string Clinical = "health.clinical";
    public const string Growth = "health.growth";
    public const string Immunisations = "health.immunisations";

    /// <summary>Every kind of item the module holds; each is recorded, amended, ended and verified the same way.</summary>
    internal static IReadOnlyList<IHealthItemKind> ItemKinds { get; } =
    [
        new HealthItemKind<Allergy, AllergyInput, AllergyInputGraphType>("Allergy", "an allergy"),
        new HealthItemKind<Alert, AlertInput, AlertInputGraphType>("Alert", "an alert"),
        new HealthItemKind<EmergencyCarePlan, EmergencyCarePlanInput, EmergencyCarePlanInputGraphType>("EmergencyCarePlan", "an emergency care plan"),
        new HealthItemKind<EquipmentItem, EquipmentInput, EquipmentInputGraphType>("Equipment", "equipment that travels with the child"),
        new HealthItemKind<Condition, ConditionInput, ConditionInputGraphType>("Condition", "a condition or diagnosis"),
        new HealthItemKind<Medication, MedicationInput, MedicationInputGraphType>("Medication", "a medication"),
        new HealthItemKind<Clinician, ClinicianInput, ClinicianInputGraphType>("Clinician", "a key clinician or service"),
        new HealthItemKind<GrowthMeasurement, GrowthMeasurementInput, GrowthMeasurementInputGraphType>("GrowthMeasurement", "a growth measurement"),
        new HealthItemKind<Immunisation, ImmunisationInput, ImmunisationInputGraphType>("Immunisation", "an immunisation"),
    ];

    /// <summary>Every event the module appends: each kind's recorded, amended and ended events.</summary>
    internal static IReadOnlyList<Type> EventTypes { get; } = typeof(HealthModule).Assembly.GetTypes()
        .Where(type => type is { IsClass: true, IsAbstract: false } && type.IsAssignableTo(typeof(IHealthItemChange)))
        .ToList();

    public override ModuleManifest Manifest { get; } = new(
        Name: "health",
        Sector: Sectors.Health,
        IsRequired: true,
        FieldGroups:
        [
            new(Emergency, "Allergies, alerts, emergency care plan, equipment that travels with the child") { FamilyWrites = true },
            new(Clinical, "Conditions, medications, key clinicians and services") { FamilyWrites = true },
            new(Growth, "Height, weight and head circumference measurements") { FamilyWrites = true },
            new(Immunisations, "Vaccines given and when") { FamilyWrites = true },
        ],
        DatabaseSchema: "health");

    /// <summary>The retention job purges a closed passport: the module's view goes with it.</summary>
    public override void PurgePassport(IDocumentSession session, Guid passportId) => session.Delete<HealthView>(passportId);

    public override void ConfigureMarten(StoreOptions options)
    {
        options.Events.AddEventTypes(EventTypes);
        options.Projections.Add<HealthViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<HealthView>().DatabaseSchemaName(Manifest.DatabaseSchema);
    }

    public override async Task<string?> GroupOfItemAsync(IQuerySession session, Guid passportId, Guid itemId, CancellationToken cancellationToken)
    {
        var view = await session.LoadAsync<HealthView>(passportId, cancellationToken).ConfigureAwait(false);
        return view?.GroupOf(itemId);
    }

    public override void ConfigureSchema(IPassportSchemaBuilder schema)
    {
        schema.AddSection<HealthGraphType>(
            "health",
            "The health section: what a health professional, or anyone in an emergency, must know.",
            (passport, context) => context.Loader<HealthView>().Load(passport.Id).Then(view => new HealthSection(passport, view)));
        schema.AddMutations(mutation =>
        {
            foreach (var kind in ItemKinds)
            {
                kind.DefineMutations(mutation, schema.PassportType);
            }
        });
    }
}
