using JasperFx.Events.Projections;
using Marten;
using Passport.Modules.Health.Allergies;
using Passport.Sdk;

namespace Passport.Modules.Health;

/// <summary>The health sector's module: emergency information, clinical details, growth, immunisations.</summary>
public sealed class HealthModule : PassportModule
{
    public const string Emergency = "health.emergency";
    public const string Clinical = "health.clinical";
    public const string Growth = "health.growth";
    public const string Immunisations = "health.immunisations";

    public override ModuleManifest Manifest { get; } = new(
        Name: "health",
        Sector: Sectors.Health,
        IsRequired: true,
        FieldGroups:
        [
            new(Emergency, "Allergies, alerts, emergency care plan, equipment that travels with the child"),
            new(Clinical, "Conditions, medications, key clinicians and services"),
            new(Growth, "Height, weight and head circumference measurements"),
            new(Immunisations, "Vaccines given and when"),
        ],
        DatabaseSchema: "health");

    public override void ConfigureMarten(StoreOptions options)
    {
        options.Events.AddEventType<AllergyRecorded>();
        options.Projections.Add<HealthViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<HealthView>().DatabaseSchemaName(Manifest.DatabaseSchema);
    }

    public override void ConfigureSchema(IPassportSchemaBuilder schema)
    {
        schema.AddSection<HealthGraphType>(
            "health",
            "The health section: what a health professional, or anyone in an emergency, must know.",
            (passport, context) => context.Loader<HealthView>().Load(passport.Id).Then(view => new HealthSection(passport, view)));
        schema.AddMutations(mutation => RecordAllergyMutation.Define(mutation, schema.PassportType));
    }
}
