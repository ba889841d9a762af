using System.Diagnostics;
using System.Globalization;
using Passport.Host.Identity;
using Passport.Tests.Integration.Infrastructure;
using Passport.Tests.Operations.Infrastructure;
using Xunit.Abstractions;

namespace Passport.Tests.Operations;

/// <summary>
/// Issue 16, part 3: the host on highly available PostgreSQL (Patroni + etcd, a primary and a
/// synchronous standby on loopback), connected with a multi-host connection string. The
/// primary's machine is lost under write load: Patroni promotes the standby, the host follows
/// without a restart, and every write it acknowledged is still there.
/// </summary>
public class HighAvailabilityTests(ITestOutputHelper output)
{
    private const string Issuer = "https://keycloak.test/realms/passport";
    private const string CreatePassport = "mutation($given: String!) { createPassport(input: { givenName: $given, familyName: \"Failover\", dateOfBirth: \"2016-05-04\", localAuthority: \"E06000052\" }) { id } }";
    private const int Writers = 4;

    [PatroniFact]
    public async Task Losing_the_primary_under_write_load_promotes_the_standby_and_loses_no_acknowledged_write()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await PatroniCluster.StartAsync(Say);
        var folder = TestPaths.NewTempFolder("ha-keys");
        try
        {
            var key = SigningKey.LoadOrCreate(folder);
            await using var host = await HostProcess.StartAsync(new Dictionary<string, string?>
            {
                ["ConnectionStrings__Passport"] = cluster.ConnectionString,
                ["Auth__JwksFile"] = SigningKey.JwksPath(folder),
                ["Auth__Issuer"] = Issuer,
                ["Auth__Audience"] = "passport-api",
                ["Passport__PluginsPath"] = TestPaths.PluginsPath,
            });
            Say($"Host ready on {host.BaseAddress} with {Redacted(cluster.ConnectionString)} after {clock.Elapsed.TotalSeconds:0.0} s.");

            using var http = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(20) };
            var carers = Enumerable.Range(0, Writers).Select(w => Persona.Carer($"Failover Carer {w}")).ToArray();
            var tokens = carers.Select(c => key.Issue(c.Claims, Issuer, "passport-api", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30))).ToArray();

            await using var load = WriteLoad.Start(Writers, async (writer, n) =>
            {
                var response = await PassportFixture.GraphQLAsync(http, tokens[writer], CreatePassport, new { given = $"W{writer}N{n}" });
                return response.Errors.Count == 0 && response.Status == 200
                    ? response.Data!["createPassport"]!["id"]!.GetValue<string>()
                    : throw new WriteRefusedException($"HTTP {response.Status} {string.Join(",", response.ErrorCodes)}");
            });
            await load.WaitForAcknowledgedAsync(40, TimeSpan.FromSeconds(90));

            var primary = await cluster.WaitForPrimaryAsync(TimeSpan.FromSeconds(5));
            primary.KillAsLostMachine();

            // Taken once every process of the node is gone: a write sent later cannot have reached it.
            var killedAt = load.Clock.Elapsed;
            var beforeKill = load.Acknowledged.Count;
            Say($"Killed {primary.Name} (Patroni, postmaster and backends, SIGKILL) at {killedAt.TotalSeconds:0.0} s into the load, after {beforeKill} acknowledged writes.");

            var promoted = await cluster.WaitForPrimaryAsync(TimeSpan.FromSeconds(60), not: primary);
            var promotedAt = load.Clock.Elapsed;
            var firstAfter = await load.WaitForFirstAcknowledgedSentAfterAsync(killedAt, TimeSpan.FromSeconds(90));
            var failover = firstAfter.AnsweredAt - killedAt;
            Say($"Patroni reported {promoted.Name} primary {(promotedAt - killedAt).TotalSeconds:0.0} s after the kill; the host's first acknowledged write after the kill came {failover.TotalSeconds:0.0} s after it.");

            // Keep writing on the new primary for a while, so the host is seen serving, not just one lucky write.
            await load.WaitForAcknowledgedAsync(load.Acknowledged.Count + 40, TimeSpan.FromSeconds(60));
            await load.StopAsync();

            var acknowledged = load.Acknowledged;
            var failures = load.Failures;
            var found = 0;
            var missing = new List<string>();
            foreach (var write in acknowledged)
            {
                var read = await PassportFixture.GraphQLAsync(http, tokens[write.Writer], "query($id: ID!) { passport(id: $id) { id child { givenName } } }", new { id = write.Written });
                if (read.Errors.Count == 0 && read.Data?["passport"]?["id"]?.GetValue<string>() == write.Written)
                {
                    found++;
                }
                else
                {
                    missing.Add($"{write.Written} (writer {write.Writer}, answered at {write.AnsweredAt.TotalSeconds:0.0} s): {read.Body}");
                }
            }

            Say($"Load: {Writers} writers creating passports over HTTP for {load.Clock.Elapsed.TotalSeconds:0.0} s; "
                + $"{acknowledged.Count} acknowledged ({beforeKill} before the kill), {failures.Count} failed during the failover ({WriteLoad.Describe(failures)}).");
            Say($"Acknowledged writes: {acknowledged.Count}; found on the promoted primary through the host: {found}.");
            Say($"Failover time (kill to first successful write): {failover.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s; whole test {clock.Elapsed.TotalSeconds:0} s.");

            missing.ShouldBeEmpty("every acknowledged write survives the failover");
            found.ShouldBe(acknowledged.Count);
            acknowledged.Count(a => a.SentAt > killedAt).ShouldBeGreaterThan(0, "the host served writes on the new primary without a restart");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Redacted(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { Password = "…" }.ConnectionString;

    private void Say(string text)
    {
        output.WriteLine(text);
        Console.WriteLine(text);
    }
}

/// <summary>A test that needs Patroni and etcd: skipped, with the reason, on a machine without them.</summary>
public sealed class PatroniFactAttribute : FactAttribute
{
    public PatroniFactAttribute()
    {
        if (PatroniCluster.WhyUnavailable() is { } reason)
        {
            Skip = reason;
        }
    }
}
