using JasperFx.Events.Projections;
using Marten;
using Passport.Plugins.Example.Notes;
using Passport.Sdk;

namespace Passport.Plugins.Example;

/// <summary>
/// The example-module plugin: notes about the child that professionals of the example-sector sector
/// record and verify, and the family can report. It is an extra module: each local authority enables it for
/// its own children; while it is disabled the host answers its fields and mutations with
/// <c>MODULE_NOT_ENABLED</c>.
/// </summary>
public sealed class ExampleSectionModule : PassportModule
{
    /// <summary>The plugin's field group: what the region's policy and the family's sharing decide on.</summary>
    public const string Group = "exampleGroup.items";

    public override ModuleManifest Manifest { get; } = new(
        Name: "example-module",
        Sector: "example-sector",
        IsRequired: false,
        FieldGroups:
        [
            // Professionals of the module's sector record verified notes; FamilyWrites lets the family report them too.
            new(Group, "Notes kept by the example-sector service") { FamilyWrites = true },
        ],
        DatabaseSchema: "example_schema");

    /// <summary>The retention job purges a closed passport: the module's view goes with it.</summary>
    public override void PurgePassport(IDocumentSession session, Guid passportId) => session.Delete<ExampleSectionView>(passportId);

    public override void ConfigureMarten(StoreOptions options)
    {
        options.Events.AddEventType<ExampleSectionNoteRecorded>();
        options.Events.AddEventType<ItemVerified>();
        options.Projections.Add<ExampleSectionViewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ExampleSectionView>().DatabaseSchemaName(Manifest.DatabaseSchema);
    }

    public override async Task<string?> GroupOfItemAsync(IQuerySession session, Guid passportId, Guid itemId, CancellationToken cancellationToken) =>
        ExampleSectionView.GroupOf(await session.LoadAsync<ExampleSectionView>(passportId, cancellationToken).ConfigureAwait(false), itemId);

    public override void ConfigureSchema(IPassportSchemaBuilder schema)
    {
        schema.AddSection<ExampleSectionGraphType>(
            "exampleSection",
            "The example-sector section: notes about the child, where their local authority has enabled the example-module module.",
            (passport, context) => context.Loader<ExampleSectionView>().Load(passport.Id).Then(view => new ExampleSectionSection(passport, view)));
        schema.AddMutations(mutation => RecordExampleSectionNoteMutation.Define(mutation, schema.PassportType));
    }
}
