using System.Reflection;
using Passport.Host.Identity;
using Passport.LocalPostgres;

namespace Passport.Host.Embedded;

/// <summary>
/// The embedded default (Development only): with no <c>ConnectionStrings__Passport</c> the host
/// runs its own PostgreSQL cluster in a data folder kept between runs, and with no Auth__*
/// settings it signs demo tokens with a development key it keeps in the same folder.
/// </summary>
internal static class DevelopmentDefaults
{
    public static string DataFolder(IConfiguration configuration) =>
        configuration["Passport:DataFolder"] is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.GetFullPath(BuildMetadata("DefaultDataFolder") ?? Path.Combine(Environment.CurrentDirectory, ".passport"));

    public static string? BuildMetadata(string key) =>
        typeof(DevelopmentDefaults).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;

    public static async Task<LocalPostgresCluster> StartDatabaseAsync(string dataFolder, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            var cluster = await LocalPostgresCluster.StartAsync(
                Path.Combine(dataFolder, "postgres"), "passport", keepData: true, durable: true, log: message => log.LogInformation("{Message}", message), cancellationToken: cancellationToken);
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
