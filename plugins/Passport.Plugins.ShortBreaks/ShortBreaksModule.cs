using JasperFx.Events.Projections;
using Marten;
using Passport.Plugins.ShortBreaks.Plans;
using Passport.Sdk;

namespace Passport.Plugins.ShortBreaks;

/// <summary>
/// The Short Breaks extra plugin: respite provision for disabled children (eligibility, provider,
/// what the child needs during a stay). Social care assesses for and commissions short breaks, so
/// social-care professionals own and verify it. Each local authority enables it for its own
/// children; while it is disabled the host answers its fields and mutations with
/// <c>MODULE_NOT_ENABLED</c>.
/// </summary>
public sealed class ShortBreaksModule : PassportModule
{
    public const string Plan = "shortBreaks.plan";

    public override ModuleManifest Manifest { get; } = new(
        Name: "short-breaks",
        Sector: Sectors.SocialCare,
        IsRequired: false,
        FieldGroups:
        [
            // The family may report a plan; social care (the module's sector) records and verifies it.
            new(Plan, "Short breaks: eligibility, provider and what the child needs during a stay") { FamilyWrites = true },
        ],
        DatabaseSchema: "short_breaks");

    /// <summary>The retention job purges a closed passport: the module's view goes with it.</summary>
    public override void PurgePassport(IDocumentSession session, Guid passportId) => session.Delete<ShortBreaksView>(passportId);

    public override void ConfigureMarten(StoreOptions options)
    {
        options.Events.AddEventType<ShortBreaksPlanRecorded>();
        options.Events.AddEventType<ShortBreaksPlanEnded>();
        options.Events.AddEventType<ItemVerified>();
        options.Projections.Add<ShortBreaksViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ShortBreaksView>().DatabaseSchemaName(Manifest.DatabaseSchema);
    }

    public override async Task<string?> GroupOfItemAsync(IQuerySession session, Guid passportId, Guid itemId, CancellationToken cancellationToken) =>
        ShortBreaksItems.GroupOf(await session.LoadAsync<ShortBreaksView>(passportId, cancellationToken).ConfigureAwait(false), itemId);

    public override void ConfigureSchema(IPassportSchemaBuilder schema)
    {
        schema.AddSection<ShortBreaksGraphType>(
            "shortBreaks",
            "The short breaks section: the child's short breaks (respite) plan, where their local authority has enabled the Short Breaks module.",
            (passport, context) => context.Loader<ShortBreaksView>().Load(passport.Id).Then(view => new ShortBreaksSection(passport, view)));
        schema.AddMutations(mutation =>
        {
            RecordShortBreaksPlanMutation.Define(mutation, schema.PassportType);
            EndShortBreaksPlanMutation.Define(mutation, schema.PassportType);
        });
    }
}
