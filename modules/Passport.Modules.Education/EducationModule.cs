using JasperFx.Events.Projections;
using Marten;
using Passport.Modules.Education.Sen;
using Passport.Modules.Education.Setting;
using Passport.Sdk;

namespace Passport.Modules.Education;

/// <summary>The education sector's module: the child's school or nursery, SEN support and EHCP.</summary>
public sealed class EducationModule : PassportModule
{
    public const string Setting = "education.setting";
    public const string Sen = "education.sen";

    public override ModuleManifest Manifest { get; } = new(
        Name: "education",
        Sector: Sectors.Education,
        IsRequired: true,
        FieldGroups:
        [
            new(Setting, "School or nursery, year group, SENCo contact") { FamilyWrites = true },
            new(Sen, "SEN support, EHCP, needs, reasonable adjustments, healthcare plan in school") { FamilyWrites = true },
        ],
        DatabaseSchema: "education");

    /// <summary>The retention job purges a closed passport: the module's view goes with it.</summary>
    public override void PurgePassport(IDocumentSession session, Guid passportId) => session.Delete<EducationView>(passportId);

    public override void ConfigureMarten(StoreOptions options)
    {
        options.Events.AddEventType<EducationSettingSet>();
        options.Events.AddEventType<EducationSettingEnded>();
        options.Events.AddEventType<SenSupportSet>();
        options.Events.AddEventType<SenSupportEnded>();
        options.Events.AddEventType<ItemVerified>();
        options.Projections.Add<EducationViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<EducationView>().DatabaseSchemaName(Manifest.DatabaseSchema);
    }

    public override async Task<string?> GroupOfItemAsync(IQuerySession session, Guid passportId, Guid itemId, CancellationToken cancellationToken) =>
        EducationItems.GroupOf(await session.LoadAsync<EducationView>(passportId, cancellationToken).ConfigureAwait(false), itemId);

    public override void ConfigureSchema(IPassportSchemaBuilder schema)
    {
        schema.AddSection<EducationGraphType>(
            "education",
            "The education section: the child's school or nursery and the support they have there.",
            (passport, context) => context.Loader<EducationView>().Load(passport.Id).Then(view => new EducationSection(passport, view)));
        schema.AddMutations(mutation =>
        {
            SetEducationSettingMutation.Define(mutation, schema.PassportType);
            EndEducationSettingMutation.Define(mutation, schema.PassportType);
            SetSenSupportMutation.Define(mutation, schema.PassportType);
            EndSenSupportMutation.Define(mutation, schema.PassportType);
        });
    }
}
