using System.Reflection;
using Passport.Host.Identity;
using Passport.LocalPostgres;

namespace Passport.Host.Embedded;

/// <summary>
/// The embedded default (Development only): with no <c>ConnectionStrings__Passport</c> the host
/// runs its own PostgreSQL cluster in a data folder kept between runs, with no Auth__* settings it
/// signs demo tokens with a development key it keeps in the same folder, and with no
/// <c>Passport__PluginsPath</c> it loads the demo's plugins folder.
/// </summary>
internal static class DevelopmentDefaults
{
    public static string DataFolder(IConfiguration configuration) =>
        configuration["Passport:DataFolder"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(BuildMetadata("DefaultDataFolder") ?? Path.Combine(Environment.CurrentDirectory, ".passport"));

    /// <summary>
    /// The plugins folder when <c>Passport__PluginsPath</c> is unset: the region's default set that
    /// the module builds fill (<c>artifacts/plugins</c>, the four sector modules), or for the
    /// Development demo the folder that also holds the repository's extra plugins
    /// (<c>artifacts/demo-plugins</c>), so a local-authority administrator has a module to switch on
    /// (ADR 12).
    /// </summary>
    public static string DefaultPluginsFolder(bool demo, ILogger log)
    {
        if (demo && BuildMetadata("DemoPluginsPath") is { } demoFolder)
        {
            log.LogInformation("Development: plugins from the demo folder {Folder} (sector modules and extra plugins); set Passport__PluginsPath to use another folder", demoFolder);
            return Path.GetFullPath(demoFolder);
        }

        return Path.GetFullPath(BuildMetadata("DefaultPluginsPath") ?? Path.Combine(AppContext.BaseDirectory, "plugins"));
    }

    public static string? BuildMetadata(string key) =>
        typeof(DevelopmentDefaults).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    /// <summary>
    /// The embedded demo database, named by the shape of the data in it. When stored event shapes
    /// change before a first release (ADR 14), the number goes up: the demo is seeded afresh in a
    /// new database, and a developer's older demo database stays untouched beside it.
    /// </summary>
    public const string DemoDatabase = "passport_2";

    public static async Task<LocalPostgresCluster> StartDatabaseAsync(string dataFolder, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            var cluster = await LocalPostgresCluster.StartAsync(
                Path.Combine(dataFolder, "postgres"), DemoDatabase, keepData: true, durable: true, log: message => log.LogInformation("{Message}", message), cancellationToken: cancellationToken);
            log.LogInformation("Embedded PostgreSQL is running on port {Port} with its data in {Folder}", cluster.Port, cluster.DataFolder);
            return cluster;
        }
        catch (PostgresBinariesNotFoundException e)
        {
            throw new InvalidOperationException(
                "No ConnectionStrings__Passport is set and no PostgreSQL server binaries were found for the embedded default. " +
                "Install PostgreSQL (e.g. apt-get install postgresql) or set ConnectionStrings__Passport. " + e.Message, e);
        }
    }

    /// <summary>Points Auth at the development key's JWKS and turns on demo tokens.</summary>
    public static SigningKey UseDevelopmentSigningKey(ConfigurationManager configuration, string dataFolder)
    {
        var keyFolder = Path.Combine(dataFolder, "dev-identity");
        var key = SigningKey.LoadOrCreate(keyFolder);
        configuration["Auth:JwksFile"] = SigningKey.JwksPath(keyFolder);
        configuration["Auth:Issuer"] = DevTokenEndpoint.Issuer;
        configuration["Passport:DevTokens:Enabled"] = "true";
        return key;
    }
}
