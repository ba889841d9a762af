using System.Diagnostics;
using System.Text.Json.Nodes;
using Passport.Host.Identity;
using Passport.LocalPostgres;
using Passport.Tests.Integration.Infrastructure;
using Passport.Tests.Operations.Infrastructure;
using Xunit.Abstractions;

namespace Passport.Tests.Operations;

/// <summary>
/// Issue 16, part 5: <c>pg_dump</c> (custom format) of a live database while the host takes
/// writes over HTTP, <c>pg_restore</c> into a new cluster, and a host on the restored cluster
/// serves the same passports, access logs and history, compared through GraphQL as the real
/// personas, for every passport acknowledged before the dump started.
/// </summary>
public class BackupAndRestoreTests(ITestOutputHelper output)
{
    private const string Issuer = "https://keycloak.test/realms/passport";
    private const string Audience = "passport-api";
    private const int Writers = 3;

    private const string CreatePassport = "mutation($given: String!) { createPassport(input: { givenName: $given, familyName: \"Backup\", dateOfBirth: \"2015-09-10\", localAuthority: \"E06000026\" }) { id version } }";
    private const string UpdateAboutMe = "mutation($id: ID!, $v: Int!, $likes: String!) { updateAboutMe(passportId: $id, expectedVersion: $v, input: { likes: $likes, communication: \"Makaton and pictures\" }) { version } }";
    private const string CreateShareCode = "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }";
    private const string RedeemShareCode = "mutation($code: String!) { redeemShareCode(code: $code) { id } }";
    private const string ReadAsClinician = "query($id: ID!) { passport(id: $id) { id child { givenName } health { allergies { substance } } } }";
    private const string RecordAllergy = "mutation($id: ID!, $substance: String!) { recordAllergy(passportId: $id, input: { substance: $substance, reaction: \"Hives\", severity: MODERATE }) { version } }";

    private const string AccessLog = "query($id: ID!) { accessLog(passportId: $id, first: 500) { at displayName sector organisation basis groups } }";
    private const string PassportContent = """
        query($id: ID!) { passport(id: $id) {
          id version localAuthority
          child { givenName familyName dateOfBirth }
          aboutMe { likes communication lastReviewed recordedBy { displayName role recordedAt verified } }
          health { allergies { id substance reaction severity verified recordedBy { displayName sector organisation recordedAt } } }
          careTeam { subject displayName sector organisation since howJoined }
          carers { subject displayName mayEdit }
        } }
        """;
    private const string History = "query($id: ID!) { history(passportId: $id, first: 200) { version at change group itemId recordedBy { displayName role sector recordedAt verified } } }";

    [Fact]
    public async Task A_dump_taken_under_write_load_restores_into_a_new_cluster_that_serves_the_same_passports_access_logs_and_history()
    {
        var clock = Stopwatch.StartNew();
        var folder = TestPaths.NewTempFolder("backup");
        try
        {
            var key = SigningKey.LoadOrCreate(Path.Combine(folder, "keys"));
            await using var source = await LocalPostgresCluster.StartAsync(Path.Combine(folder, "source"), "passport", keepData: false, durable: true);
            await using var sourceHost = await HostProcess.StartAsync(HostEnvironment(folder, source.ConnectionString));
            using var sourceHttp = new HttpClient { BaseAddress = sourceHost.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

            var carers = Enumerable.Range(0, Writers).Select(w => Persona.Carer($"Backup Carer {w}")).ToArray();
            var clinicians = Enumerable.Range(0, Writers).Select(_ => Persona.Professional("health", "Derriford Hospital")).ToArray();
            string TokenOf(Persona persona) => key.Issue(persona.Claims, Issuer, Audience, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30));
            var carerTokens = carers.Select(TokenOf).ToArray();
            var clinicianTokens = clinicians.Select(TokenOf).ToArray();

            // One write of the load: a carer creates a passport, writes About me and shares it with
            // health; a clinician joins the care team, reads it and records an allergy. Acknowledged
            // when all six answered without an error, so each passport has history and access-log entries.
            var answers = new System.Collections.Concurrent.ConcurrentBag<TimeSpan>();
            var answerClock = Stopwatch.StartNew();
            async Task<GraphQLResponse> Send(string token, string query, object variables)
            {
                var response = await PassportFixture.GraphQLAsync(sourceHttp, token, query, variables);
                answers.Add(answerClock.Elapsed);
                return response;
            }

            await using var load = WriteLoad.Start(Writers, async (w, n) =>
            {
                var created = DataOf(await Send(carerTokens[w], CreatePassport, new { given = $"W{w}N{n}" }))["createPassport"]!;
                var id = created["id"]!.GetValue<string>();
                DataOf(await Send(carerTokens[w], UpdateAboutMe, new { id, v = created["version"]!.GetValue<int>(), likes = $"Trains, writer {w}, write {n}" }));
                var code = DataOf(await Send(carerTokens[w], CreateShareCode, new { id }))["createShareCode"]!["code"]!.GetValue<string>();
                DataOf(await Send(clinicianTokens[w], RedeemShareCode, new { code }));
                DataOf(await Send(clinicianTokens[w], ReadAsClinician, new { id }));
                DataOf(await Send(clinicianTokens[w], RecordAllergy, new { id, substance = $"Penicillin {n}" }));
                return id;
            });
            await load.WaitForAcknowledgedAsync(60, TimeSpan.FromSeconds(180));

            var dumpFile = Path.Combine(folder, "passport.dump");
            var dumpStartedAt = answerClock.Elapsed;
            var dumpStartedIntoLoad = load.Clock.Elapsed;
            var before = load.Acknowledged;
            var dumpClock = Stopwatch.StartNew();
            await Task.Run(() => ServerProcess.Run(Tool("pg_dump"), "--format=custom", "--file", dumpFile, LibpqUri(source.Port)));
            var dumpTime = dumpClock.Elapsed;
            var dumpEndedAt = answerClock.Elapsed;
            await load.StopAsync();
            var answeredDuringDump = answers.Count(a => a > dumpStartedAt && a < dumpEndedAt);
            Say($"Load: {Writers} writers, each write six requests (create, About me, share code, clinician joins, reads, records an allergy); "
                + $"{load.Acknowledged.Count} writes acknowledged in {load.Clock.Elapsed.TotalSeconds:0.0} s, {load.Failures.Count} failed.");
            Say($"pg_dump --format=custom started {dumpStartedIntoLoad.TotalSeconds:0.0} s into the load with {before.Count} writes acknowledged; "
                + $"it took {dumpTime.TotalSeconds:0.0} s ({new FileInfo(dumpFile).Length / 1024} KiB) while the host answered {answeredDuringDump} requests of the load.");
            answeredDuringDump.ShouldBeGreaterThan(0, "the dump ran under write load");
            load.Failures.ShouldBeEmpty("the load runs undisturbed by the dump");

            await using var restored = await LocalPostgresCluster.StartAsync(Path.Combine(folder, "restored"), "passport", keepData: false, durable: true);
            var restoreClock = Stopwatch.StartNew();
            await Task.Run(() => ServerProcess.Run(Tool("pg_restore"), "--exit-on-error", "--no-owner", "--dbname", LibpqUri(restored.Port), dumpFile));
            Say($"pg_restore into a new cluster (port {restored.Port}) took {restoreClock.Elapsed.TotalSeconds:0.0} s.");

            await using var restoredHost = await HostProcess.StartAsync(HostEnvironment(folder, restored.ConnectionString));
            using var restoredHttp = new HttpClient { BaseAddress = restoredHost.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

            // The load never touches a passport again once its write is acknowledged, so the source
            // still holds exactly what the dump saw. Each access log is read first on both hosts: the
            // carer's reads below add to it (reading the access log itself does not).
            int accessLogEntries = 0, historyEntries = 0;
            foreach (var write in before)
            {
                var token = carerTokens[write.Writer];
                var what = $"passport {write.Written} (writer {write.Writer}, acknowledged at {write.AnsweredAt.TotalSeconds:0.0} s)";
                foreach (var (query, part) in new[] { (AccessLog, "access log"), (PassportContent, "content"), (History, "history") })
                {
                    var original = DataOf(await PassportFixture.GraphQLAsync(sourceHttp, token, query, new { id = write.Written }));
                    var copy = DataOf(await PassportFixture.GraphQLAsync(restoredHttp, token, query, new { id = write.Written }));
                    copy.ToJsonString().ShouldBe(original.ToJsonString(), $"the {part} of {what}");
                    accessLogEntries += copy["accessLog"]?.AsArray().Count ?? 0;
                    historyEntries += copy["history"]?.AsArray().Count ?? 0;
                }
            }

            // The clinician's side of the same data: still on the care team, still seeing the allergy.
            foreach (var write in before)
            {
                var seen = DataOf(await PassportFixture.GraphQLAsync(restoredHttp, clinicianTokens[write.Writer], ReadAsClinician, new { id = write.Written }));
                seen["passport"]!["health"]!["allergies"]!.AsArray().Count.ShouldBe(1, $"the clinician sees the allergy on {write.Written}");
            }

            // Writes acknowledged after the dump started may or may not be in it (the snapshot is taken as it starts).
            var duringDump = load.Acknowledged.Skip(before.Count).ToList();
            var presentFromDuring = 0;
            foreach (var write in duringDump)
            {
                var read = await PassportFixture.GraphQLAsync(restoredHttp, carerTokens[write.Writer], "query($id: ID!) { passport(id: $id) { id } }", new { id = write.Written });
                presentFromDuring += read.Data?["passport"] is JsonObject ? 1 : 0;
            }

            Say($"Compared through GraphQL, source host against restored host, as the carers and clinicians: all {before.Count} passports acknowledged before the dump started, "
                + $"{before.Count} identical in content, {historyEntries} history entries and {accessLogEntries} access-log entries identical.");
            Say($"Of the {duringDump.Count} writes acknowledged after the dump started, {presentFromDuring} are in the restored copy (the dump is the snapshot taken as it started). Whole test {clock.Elapsed.TotalSeconds:0} s.");
            before.Count.ShouldBeGreaterThanOrEqualTo(60);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Dictionary<string, string?> HostEnvironment(string folder, string connectionString) => new()
    {
        ["ConnectionStrings__Passport"] = connectionString,
        ["Auth__JwksFile"] = SigningKey.JwksPath(Path.Combine(folder, "keys")),
        ["Auth__Issuer"] = Issuer,
        ["Auth__Audience"] = Audience,
        ["Passport__PluginsPath"] = TestPaths.PluginsPath,
    };

    private static JsonNode DataOf(GraphQLResponse response) =>
        response.Errors.Count == 0 && response.Status == 200 && response.Data is not null
            ? response.Data
            : throw new WriteRefusedException($"HTTP {response.Status} {string.Join(",", response.ErrorCodes)}");

    private static string Tool(string name) => Path.Combine(LocalPostgresCluster.FindBinaries(), name);

    private static string LibpqUri(int port) => $"postgresql://passport@127.0.0.1:{port}/passport";

    private void Say(string text)
    {
        output.WriteLine(text);
        Console.WriteLine(text);
    }
}
