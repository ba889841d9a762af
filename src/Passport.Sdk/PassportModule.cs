using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Passport.Sdk;

/// <summary>
/// The entry point of a sector module or extra plugin. The host finds exactly one public,
/// non-abstract subclass in each plugin assembly and creates it with its parameterless
/// constructor. At start it calls <see cref="ConfigureServices"/> then <see cref="ConfigureSchema"/>
/// for each module; <see cref="ConfigureMarten"/> is called when the document store is built.
/// </summary>
/// <remarks>
/// Wolverine handlers in the plugin assembly are discovered by the host; GraphQL graph types in
/// it are registered with the container. A module never references the host, the core or another
/// module: it talks to them through this SDK and its integration events.
/// </remarks>
public abstract class PassportModule
{
    private readonly Lazy<ModuleManifest> _manifest;

    /// <summary>Creates the module; its manifest is read when first asked for.</summary>
    protected PassportModule() => _manifest = new(() => ModuleManifest.Beside(GetType().Assembly));

    /// <summary>
    /// What the module is: its name, sector, section and field groups, read from the
    /// <c>passport-plugin.json</c> beside the module's assembly (the plugin folder). The file is
    /// the one declaration; the host reads the same file before it loads the assembly.
    /// </summary>
    public ModuleManifest Manifest => _manifest.Value;

    /// <summary>Registers the module's own services. Called once at start.</summary>
    /// <param name="services">The host's service collection.</param>
    /// <param name="configuration">The host's configuration.</param>
    public virtual void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
    }

    /// <summary>
    /// Registers the module's events, projections and documents with Marten. Documents belong in
    /// the module's own PostgreSQL schema (<see cref="ModuleManifest.DatabaseSchema"/>).
    /// </summary>
    /// <param name="options">The store options of the host's single document store.</param>
    public virtual void ConfigureMarten(StoreOptions options)
    {
    }

    /// <summary>
    /// The field group of one of the module's items on a passport, or null when the module has no
    /// such item. The core asks every module when an item is verified or withheld, so it can decide
    /// who may do that and refuse ids that name nothing.
    /// </summary>
    /// <param name="session">A query session for the module's own views.</param>
    /// <param name="passportId">The passport.</param>
    /// <param name="itemId">The item.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The item's group, or null.</returns>
    public virtual Task<string?> GroupOfItemAsync(IQuerySession session, Guid passportId, Guid itemId, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    /// <summary>
    /// Deletes everything the module keeps about one passport outside its event stream (its views
    /// and other documents). The retention job calls it when a closed passport is purged, in the
    /// same session (one transaction) that deletes the stream, so queue deletions on
    /// <paramref name="session"/> and do not save. It must be safe to call when nothing is left.
    /// A module that keeps documents must override it, or they outlive the passport.
    /// </summary>
    /// <param name="session">The purge's session; do not call SaveChanges.</param>
    /// <param name="passportId">The passport being purged.</param>
    public virtual void PurgePassport(IDocumentSession session, Guid passportId)
    {
    }

    /// <summary>
    /// The module's section of the passport page as the web app renders it: its blocks, fields and
    /// forms. Null: the web app shows nothing of the module (its data is still in the API).
    /// </summary>
    public virtual Pages.SectionPage? Page => null;

    /// <summary>
    /// What the module puts into a passport's FHIR summary (<c>GET /fhir/Patient/{id}/$summary</c>) and
    /// takes from an imported bundle (<c>POST /fhir</c>). Null: the module is in neither.
    /// </summary>
    public virtual Fhir.FhirMapping? Fhir => null;

    /// <summary>Contributes the module's section of <c>Passport</c> and its mutations.</summary>
    /// <param name="schema">The builder of the one GraphQL schema.</param>
    public abstract void ConfigureSchema(IPassportSchemaBuilder schema);
}
