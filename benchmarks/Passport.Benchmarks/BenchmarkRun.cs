using System.Diagnostics;
using System.Globalization;
using Npgsql;
using Passport.Host.Identity;
using Passport.LocalPostgres;

namespace Passport.Benchmarks;

/// <summary>One run: a throwaway cluster, the real host, then seed, measure, seed more, measure again.</summary>
internal static class BenchmarkRun
{
    private const string Issuer = "https://keycloak.benchmark/realms/passport";
    private const string Audience = "passport-api";

    public const string RawRead = "raw: SELECT document + INSERT audit row, one transaction";
    public const string PassportRead = "passport(id) audited read";
    public const string RawWrite = "raw: INSERT event row";
    public const string PassportWrite = "recordAllergy recorded fact";
    public const string ReadAtRate = "passport(id) at 70 % of its peak";
    public const string WriteAtRate = "recordAllergy at 70 % of its peak";
    public const string Mixed = "mixed: 90 % reads by five personas, 10 % writes";
    public const string SmallCaseload = "myPassports(first: 20), caseload 20";
    public const string LargeCaseload = "myPassports(first: 20), caseload 2,000";

    public static async Task<Report> RunAsync(BenchmarkOptions options, Action<string> log)
    {
        var folder = Path.Combine(Path.GetTempPath(), "passport-bench-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var loadBefore = LoadAverage();
        LocalPostgresCluster? postgres = null;
        HostProcess? host = null;
        try
        {
            postgres = await StartPostgresAsync(Path.Combine(folder, "pg"), options, log);
            var keys = Path.Combine(folder, "keys");
            var key = SigningKey.LoadOrCreate(keys);
            log("Starting the host …");
            // Production (HostProcess's default), with offline JWKS validation of the benchmark's own key. Request logging at
            // Information would measure the console, not the service.
            host = await HostProcess.StartAsync(
                new Dictionary<string, string?>
                {
                    ["ConnectionStrings__Passport"] = postgres.ConnectionString,
                    ["Auth__JwksFile"] = SigningKey.JwksPath(keys),
                    ["Auth__Issuer"] = Issuer,
                    ["Auth__Audience"] = Audience,
                    ["Passport__PluginsPath"] = TestPaths.PluginsPath,
                    ["Logging__LogLevel__Default"] = "Warning",
                },
                TimeSpan.FromSeconds(180));
            log($"Host ready on {host.BaseAddress} (process {host.ProcessId}); PostgreSQL on port {postgres.Port} ({(options.IsDurable ? "durable" : "non-durable")}).");

            await using var region = SeededRegion.Open(postgres.ConnectionString, TestPaths.PluginsPath);
            await using var raw = await RawPostgres.CreateAsync(postgres.ConnectionString, options.Concurrency + 2, region);
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = host.BaseAddress,
                Timeout = TimeSpan.FromSeconds(60),
            };
            var passport = new PassportOperations(http, region, key, Issuer, Audience);

            var measurements = new List<Measurement>();
            var seeding = new List<Seeding>();
            var statements = new List<(int Passports, string Operation, int Completed, IReadOnlyList<StatementFigures> Top)>();
            foreach (var scale in options.ScalePoints)
            {
                log($"Seeding up to {scale:N0} passports …");
                var before = region.Passports.Count;
                await ResetStatementsAsync(postgres.ConnectionString);
                var seedClock = Stopwatch.StartNew();
                await region.SeedUpToAsync(scale, log);
                seedClock.Stop();
                foreach (var statement in (await TopStatementsAsync(postgres.ConnectionString)).Take(6))
                {
                    log($"    seeding spent {statement.TotalMs / 1000:F1} s in {statement.Calls:N0} × {statement.Query[..Math.Min(100, statement.Query.Length)]}");
                }

                var events = await CountAsync(postgres.ConnectionString, "select count(*) from passport.mt_events");
                await raw.CopyPassportDocumentsAsync();
                await AnalyzeAsync(postgres.ConnectionString);
                seeding.Add(new Seeding(scale, scale - before, seedClock.Elapsed, events, await SizesAsync(postgres.ConnectionString)));
                log($"Seeded {scale - before:N0} passports in {seedClock.Elapsed.TotalSeconds:F1} s ({(scale - before) / seedClock.Elapsed.TotalSeconds:N0}/s; {events:N0} events in all). Measuring at concurrency {options.Concurrency} …");

                if (scale == options.ScalePoints[0])
                {
                    // The host's first requests compile code (Wolverine generates and compiles its handlers at run time,
                    // which takes seconds): one request of each first, then a whole warm-up and measurement, discarded.
                    log("  warming up the host (not counted) …");
                    var random = new Random(0);
                    foreach (var first in new[] { await passport.ReadAsync(random, CancellationToken.None), await passport.RecordAllergyAsync(random, CancellationToken.None), await passport.MixedAsync(random, CancellationToken.None) })
                    {
                        if (first is not null)
                        {
                            throw new InvalidOperationException("The host's first answer was not a passport: " + first);
                        }
                    }

                    await LoadRun.MeasureAsync(PassportRead, scale, options, passport.ReadAsync);
                    await LoadRun.MeasureAsync(Mixed, scale, options, passport.MixedAsync);
                }

                Measurement Add(Measurement measurement)
                {
                    measurements.Add(measurement);
                    log($"  {measurement.Operation}: {measurement.PerSecond:F0}/s{(measurement.OfferedPerSecond is { } offered ? $" (offered {offered:F0}/s)" : "")}, p50 {measurement.P50:F1} ms, p95 {measurement.P95:F1} ms, p99 {measurement.P99:F1} ms, failed {measurement.Failed}"
                        + (measurement.HostRssMiB is { } rss ? $", host RSS ≤ {rss:F0} MiB" : "")
                        + (measurement.Cpu is { } cpu ? $", CPU per request: host {cpu.HostMs:F2} ms, PostgreSQL {cpu.PostgresMs:F2} ms, load generator {cpu.ClientMs:F2} ms" : "")
                        + (measurement.FirstFailure is { } failure ? $" (first: {failure})" : ""));
                    return measurement;
                }

                var pid = host.ProcessId;
                Add(await LoadRun.MeasureAsync(RawRead, scale, options, raw.AuditedReadAsync, pid));
                await ResetStatementsAsync(postgres.ConnectionString);
                var read = Add(await LoadRun.MeasureAsync(PassportRead, scale, options, passport.ReadAsync, pid));
                statements.Add((scale, PassportRead, read.Completed, await TopStatementsAsync(postgres.ConnectionString)));
                Add(await LoadRun.MeasureAsync(RawWrite, scale, options, raw.AppendEventAsync, pid));
                await ResetStatementsAsync(postgres.ConnectionString);
                var write = Add(await LoadRun.MeasureAsync(PassportWrite, scale, options, passport.RecordAllergyAsync, pid));
                statements.Add((scale, PassportWrite, write.Completed, await TopStatementsAsync(postgres.ConnectionString)));
                Add(await LoadRun.MeasureAtRateAsync(ReadAtRate, scale, options, Math.Max(1, read.PerSecond * 0.7), passport.ReadAsync, pid));
                Add(await LoadRun.MeasureAtRateAsync(WriteAtRate, scale, options, Math.Max(1, write.PerSecond * 0.7), passport.RecordAllergyAsync, pid));
                Add(await LoadRun.MeasureAsync(Mixed, scale, options, passport.MixedAsync, pid));
                Add(await LoadRun.MeasureAsync(SmallCaseload, scale, options, passport.MyPassports(SeededRegion.SmallCaseload), pid));
                Add(await LoadRun.MeasureAsync(LargeCaseload, scale, options, passport.MyPassports(SeededRegion.LargeCaseload), pid));
            }

            var machine = new Machine(
                Environment.ProcessorCount,
                MemoryGiB(),
                await raw.ServerVersionAsync(),
                loadBefore,
                LoadAverage(),
                Environment.Version.ToString());
            return new Report(options, machine, seeding, measurements, statements, DateTimeOffset.UtcNow);
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

    /// <summary>
    /// A throwaway cluster with pg_stat_statements loaded (to see where PostgreSQL's time goes) and
    /// the run's settings: started once to write them with ALTER SYSTEM, then again so they apply.
    /// </summary>
    private static async Task<LocalPostgresCluster> StartPostgresAsync(string folder, BenchmarkOptions options, Action<string> log)
    {
        var first = await LocalPostgresCluster.StartAsync(folder, "passport", keepData: true, durable: options.IsDurable, log: log);
        await using (var connection = new NpgsqlConnection(first.ConnectionString))
        {
            await connection.OpenAsync();
            foreach (var (name, value) in options.PostgresSettings.Prepend(new("shared_preload_libraries", "pg_stat_statements")))
            {
                await using var set = new NpgsqlCommand($"alter system set {name} = '{value.Replace("'", "''", StringComparison.Ordinal)}'", connection);
                await set.ExecuteNonQueryAsync();
            }
        }

        await first.DisposeAsync();
        var cluster = await LocalPostgresCluster.StartAsync(folder, "passport", keepData: false, durable: options.IsDurable, log: log);
        await using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            await connection.OpenAsync();
            await using var extension = new NpgsqlCommand("create extension if not exists pg_stat_statements", connection);
            await extension.ExecuteNonQueryAsync();
        }

        return cluster;
    }

    private static async Task ResetStatementsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var reset = new NpgsqlCommand("select pg_stat_statements_reset()", connection);
        await reset.ExecuteNonQueryAsync();
    }

    /// <summary>The statements PostgreSQL spent most time on during a scale point's rows (the raw baselines' included).</summary>
    private static async Task<IReadOnlyList<StatementFigures>> TopStatementsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var top = new NpgsqlCommand("""
            select calls, total_exec_time, mean_exec_time, rows, left(regexp_replace(query, '\s+', ' ', 'g'), 160)
            from pg_stat_statements where query not like '%pg_stat_statements%'
            order by total_exec_time desc limit 15
            """, connection);
        var figures = new List<StatementFigures>();
        await using var reader = await top.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            figures.Add(new StatementFigures(reader.GetInt64(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetString(4)));
        }

        return figures;
    }

    private static async Task<long> CountAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>The database's size and the largest tables with their indexes, after seeding.</summary>
    private static async Task<string> SizesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var sizes = new NpgsqlCommand("""
            select pg_size_pretty(pg_database_size(current_database())) || ' in all; ' || string_agg(n || ' ' || t || ' + ' || i || ' indexes', ', ')
            from (select c.relname as n, pg_size_pretty(pg_table_size(c.oid)) as t, pg_size_pretty(pg_indexes_size(c.oid)) as i
                  from pg_class c join pg_namespace s on s.oid = c.relnamespace
                  where c.relkind = 'r' and s.nspname not in ('pg_catalog', 'information_schema', 'bench_raw', 'bench_seed')
                  order by pg_total_relation_size(c.oid) desc limit 4) x
            """, connection);
        return (string)(await sizes.ExecuteScalarAsync())!;
    }

    /// <summary>Fresh planner statistics after a bulk load, for Marten's tables and the raw ones alike.</summary>
    private static async Task AnalyzeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var analyze = new NpgsqlCommand("vacuum analyze", connection) { CommandTimeout = 0 };
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

/// <summary>One seeding step: how many passports it added, how long it took, the events then stored, and the largest tables.</summary>
internal sealed record Seeding(int Passports, int Added, TimeSpan Took, long Events, string Sizes);

/// <summary>One statement's share of PostgreSQL's time during a scale point's rows (pg_stat_statements).</summary>
internal sealed record StatementFigures(long Calls, double TotalMs, double MeanMs, long Rows, string Query);
