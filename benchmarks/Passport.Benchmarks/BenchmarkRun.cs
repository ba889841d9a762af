using System.Diagnostics;
using System.Globalization;
using Passport.Host.Identity;
using Passport.LocalPostgres;

namespace Passport.Benchmarks;

/// <summary>One run: a throwaway cluster, the real host, then seed, measure, seed more, measure again.</summary>
internal static class BenchmarkRun
{
    private const string Issuer = "https://keycloak.benchmark/realms/passport";
    private const string Audience = "passport-api";
    private const int Professionals = 50;

    public const string RawRead = "raw: SELECT document + INSERT audit row, one transaction";
    public const string PassportRead = "passport(id) audited read";
    public const string RawWrite = "raw: INSERT event row";
    public const string PassportWrite = "recordAllergy recorded fact";

    public static async Task<Report> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        var folder = Path.Combine(Path.GetTempPath(), "passport-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var loadBefore = LoadAverage();
        LocalPostgresCluster? postgres = null;
        HostProcess? host = null;
        try
        {
            postgres = await LocalPostgresCluster.StartAsync(Path.Combine(folder, "pg"), "passport", keepData: false, durable: options.IsDurable, log: log);
            var key = SigningKey.LoadOrCreate(Path.Combine(folder, "keys"));
            log("Starting the host …");
            // Production (HostProcess's default), with offline JWKS validation of the benchmark's own key. Request logging at
            // Information would measure the console, not the service.
            host = await HostProcess.StartAsync(
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings__Passport"] = postgres.ConnectionString,
                    ["Auth__JwksFile"] = SigningKey.JwksPath(Path.Combine(folder, "keys")),
                    ["Auth__Issuer"] = Issuer,
                    ["Auth__Audience"] = Audience,
                    ["Passport__PluginsPath"] = TestPaths.PluginsPath,
                    ["Logging__LogLevel__Default"] = "Warning",
                },
                TimeSpan.FromSeconds(180));
            log($"Host ready on {host.BaseAddress}; PostgreSQL on port {postgres.Port} ({(options.IsDurable ? "durable" : "non-durable")}).");

            var tokens = Enumerable.Range(0, Professionals)
                .Select(i => key.Issue(
                    new TokenClaims(SeededRegion.ProfessionalSubject(i), SeededRegion.ProfessionalName(i), SeededRegion.ProfessionalSubject(i), ["professional"], "health", SeededRegion.Organisation),
                    Issuer,
                    Audience,
                    DateTimeOffset.UtcNow,
                    TimeSpan.FromHours(12)))
                .ToArray();

            await using var region = SeededRegion.Open(postgres.ConnectionString, TestPaths.PluginsPath, Professionals);
            await using var raw = await RawPostgres.CreateAsync(postgres.ConnectionString, options.Concurrency + 2, region);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = options.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = host.BaseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            };
            var passport = new PassportOperations(http, region, tokens);

            var measurements = new List<Measurement>();
            var seeding = new List<(int Passports, TimeSpan Took)>();
            foreach (var scale in options.ScalePoints)
            {
                log($"Seeding up to {scale:N0} passports …");
                var seedClock = Stopwatch.StartNew();
                await region.SeedUpToAsync(scale, log);
                seedClock.Stop();
                await raw.CopyPassportDocumentsAsync();
                await AnalyzeAsync(postgres.ConnectionString);
                seeding.Add((scale, seedClock.Elapsed));
                log($"Seeded {scale:N0} passports in {seedClock.Elapsed.TotalSeconds:F1} s. Measuring at concurrency {options.Concurrency} …");

                if (scale == options.ScalePoints[0])
                {
                    // The host's first requests compile code (Wolverine generates and compiles its handlers at run time,
                    // which takes seconds): one request of each first, then a whole warm-up and measurement, discarded.
                    log("  warming up the host (not counted) …");
                    foreach (var first in new[] { await passport.ReadAsync(new Random(0), CancellationToken.None), await passport.RecordAllergyAsync(new Random(0), CancellationToken.None) })
                    {
                        if (first is not null)
                        {
                            throw new InvalidOperationException("The host's first answer was not a passport: " + first);
                        }
                    }

                    await LoadRun.MeasureAsync(PassportRead, scale, options, passport.ReadAsync);
                    await LoadRun.MeasureAsync(PassportWrite, scale, options, passport.RecordAllergyAsync);
                }

                foreach (var (name, operation) in new (string, LoadRun.Operation)[]
                {
                    (RawRead, raw.AuditedReadAsync),
                    (PassportRead, passport.ReadAsync),
                    (RawWrite, raw.AppendEventAsync),
                    (PassportWrite, passport.RecordAllergyAsync),
                })
                {
                    var measurement = await LoadRun.MeasureAsync(name, scale, options, operation);
                    measurements.Add(measurement);
                    log($"  {name}: {measurement.PerSecond:F0}/s, p50 {measurement.P50:F1} ms, p95 {measurement.P95:F1} ms, p99 {measurement.P99:F1} ms, failed {measurement.Failed}"
                        + (measurement.FirstFailure is { } failure ? $" (first: {failure})" : ""));
                }
            }

            var machine = new Machine(
                Environment.ProcessorCount,
                MemoryGiB(),
                await raw.ServerVersionAsync(),
                loadBefore,
                LoadAverage(),
                Environment.Version.ToString());
            return new Report(options, machine, seeding, measurements, DateTimeOffset.UtcNow);
        }
        catch when (host is not null)
        {
            log("Host output:\n" + host.Output);
            throw;
        }
        finally
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }

            if (postgres is not null)
            {
                await postgres.DisposeAsync();
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Fresh planner statistics after a bulk load, for Marten's tables and the raw ones alike.</summary>
    private static async Task AnalyzeAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var analyze = new Npgsql.NpgsqlCommand("analyze", connection) { CommandTimeout = 0 };
        await analyze.ExecuteNonQueryAsync();
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double MemoryGiB()
    {
        var line = File.Exists("/proc/meminfo") ? File.ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)) : null;
        var kib = line?.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return kib is null ? double.NaN : double.Parse(kib, CultureInfo.InvariantCulture) / (1024 * 1024);
    }
}
