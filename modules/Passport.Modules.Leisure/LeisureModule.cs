using JasperFx.Events.Projections;
using Marten;
using Passport.Modules.Leisure.Activities;
using Passport.Sdk;

namespace Passport.Modules.Leisure;

/// <summary>The leisure sector's module: activities and clubs, the support a child needs there, dietary needs for clubs.</summary>
public sealed class LeisureModule : PassportModule
{
    public const string Activities = "leisure.activities";

    public override ModuleManifest Manifest { get; } = new(
        Name: "leisure",
        Sector: Sectors.Leisure,
        IsRequired: true,
        FieldGroups:
        [
            new(Activities, "Activities and clubs, support needed, dietary needs for clubs") { FamilyWrites = true },
        ],
        DatabaseSchema: "leisure");

    /// <summary>The retention job purges a closed passport: the module's view goes with it.</summary>
    public override void PurgePassport(IDocumentSession session, Guid passportId) => session.Delete<LeisureView>(passportId);

    public override void ConfigureMarten(StoreOptions options)
    {
        options.Events.AddEventType<ActivityAdded>();
        options.Events.AddEventType<ActivityAmended>();
        options.Events.AddEventType<ActivityEnded>();
        options.Events.AddEventType<ItemVerified>();
        options.Projections.Add<LeisureViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<LeisureView>().DatabaseSchemaName(Manifest.DatabaseSchema);
    }

    public override async Task<string?> GroupOfItemAsync(IQuerySession session, Guid passportId, Guid itemId, CancellationToken cancellationToken) =>
        LeisureItems.GroupOf(await session.LoadAsync<LeisureView>(passportId, cancellationToken).ConfigureAwait(false), itemId);

    public override void ConfigureSchema(IPassportSchemaBuilder schema)
    {
        schema.AddSection<LeisureGraphType>(
            "leisure",
            "The leisure section: the activities and clubs a child goes to and the support they need there.",
            (passport, context) => context.Loader<LeisureView>().Load(passport.Id).Then(view => new LeisureSection(passport, view)));
        schema.AddMutations(mutation =>
        {
            AddActivityMutation.Define(mutation, schema.PassportType);
            AmendActivityMutation.Define(mutation, schema.PassportType);
            EndActivityMutation.Define(mutation, schema.PassportType);
        });
    }
}
