using System.Globalization;
using System.Text.RegularExpressions;
using Marten;
using Npgsql;
using Passport.Core;
using Passport.Core.AccessLog;
using Passport.Core.Retention;
using Passport.Sdk;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// The retention job (SPEC §4: "purged by a retention job after that"), on hosts of their own that
/// look every second.
/// </summary>
[Collection(PassportCollection.Name)]
public partial class RetentionTests(PassportFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The retention job's PostgreSQL advisory-lock key (docs/operations.md).</summary>
    private const long RetentionLockKey = 0x5041_5353_5055_5247;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task The_retention_job_purges_a_passport_observed_closed_longer_than_the_retention_period_and_nothing_else()
    {
        var database = await fixture.NewDatabaseAsync();
        var environment = fixture.HostEnvironment(database);
        environment["Passport__Retention__PurgeAfter"] = "10.00:00:00";
        environment["Passport__Retention__Interval"] = "00:00:01";
        await using var host = await HostProcess.StartAsync(environment);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Four passports with the same people on them: one open; one closed 5 days ago and one
        // closed 11 days ago, both first seen closed by the job today (kept); one closed 11 days
        // ago that the job saw closed then (purged). Each has data in the core and in two modules.
        var carer = Persona.Carer();
        var doctor = Persona.Professional("health");
        var socialWorker = Persona.Professional("social-care");
        var open = await FilledPassportAsync(http, carer, doctor, socialWorker);
        var recentlyClosed = await FilledPassportAsync(http, carer, doctor, socialWorker);
        var closedLongAgoSeenToday = await FilledPassportAsync(http, carer, doctor, socialWorker);
        var due = await FilledPassportAsync(http, carer, doctor, socialWorker);
        var before = new Dictionary<string, SortedDictionary<string, long>> { [open] = await RowsAboutAsync(database, open) };
        before[open].Keys.ShouldContain("passport.mt_events");
        before[open].Keys.ShouldContain("health.mt_doc_healthview");
        before[open].Keys.ShouldContain("social_care.mt_doc_socialcareview");
        before[open].Keys.ShouldContain("passport.mt_doc_notification");
        before[open].Keys.ShouldContain("passport.mt_doc_sharecode");
        before[open].Keys.ShouldContain("passport.mt_doc_familyinvitation");
        before[open].Keys.ShouldContain("passport.mt_doc_emergencycard");
        before[open].Keys.ShouldContain("audit.mt_doc_accesslogentry");
        var dueAccessLog = (await RowsAboutAsync(database, due))["audit.mt_doc_accesslogentry"];

        (await CorrectDateOfBirthAsync(http, carer, recentlyClosed, Today.AddYears(-25).AddDays(-5))).ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);
        (await CorrectDateOfBirthAsync(http, carer, closedLongAgoSeenToday, Today.AddYears(-25).AddDays(-11))).ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);

        // While another node holds the job's advisory lock, this one does not run it.
        await using (var otherNode = new NpgsqlConnection(database))
        {
            await otherNode.OpenAsync();
            await using (var take = new NpgsqlCommand($"select pg_advisory_lock({RetentionLockKey})", otherNode))
            {
                await take.ExecuteNonQueryAsync();
            }

            var skipped = RunSkipped().Matches(host.Output).Count;
            (await CorrectDateOfBirthAsync(http, carer, due, Today.AddYears(-25).AddDays(-11))).ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);
            // The correcting clinician's reads are in the access log too, which the purge keeps.
            dueAccessLog = (await RowsAboutAsync(database, due))["audit.mt_doc_accesslogentry"];
            await RecordClosureObservedAsync(database, due, Today.AddDays(-11));
            await WaitUntilAsync(() => Task.FromResult(RunSkipped().Matches(host.Output).Count >= skipped + 2), host);
            (await RowsAboutAsync(database, due)).Keys.ShouldContain("passport.mt_doc_passportview");
            // Its carer, doctor, social worker and the clinician who corrected the date of birth.
            (await MemberRowsAsync(database, due)).ShouldBe(4);
        }

        // Purged: nothing in any table names it but the tombstone and its access log, which holds
        // no child content and is kept for auditors.
        await WaitUntilAsync(async () => !(await RowsAboutAsync(database, due)).ContainsKey("passport.mt_doc_passportview"), host);
        var purged = new SortedDictionary<string, long>(StringComparer.Ordinal) { ["audit.mt_doc_accesslogentry"] = dueAccessLog, ["audit.mt_doc_passportpurged"] = 1 };
        (await RowsAboutAsync(database, due)).ShouldBe(purged);
        host.Output.ShouldContain($"Retention purged closed passport {due}");

        // None of them has it among their passports any more (the doctor's list is read below).
        (await MemberRowsAsync(database, due)).ShouldBe(0);

        // The others closed are seen closed today, once, and kept for the whole period from today.
        foreach (var kept in new[] { recentlyClosed, closedLongAgoSeenToday })
        {
            await WaitUntilAsync(async () => (await ClosureObservedOnAsync(database, kept)).Count == 1, host);
            (await ClosureObservedOnAsync(database, kept)).ShouldBe([Date(Today)]);
            before[kept] = await RowsAboutAsync(database, kept);
        }

        // Two more runs change nothing.
        var runs = Runs(host.Output);
        await WaitUntilAsync(() => Task.FromResult(Runs(host.Output) >= runs + 2), host);
        (await RowsAboutAsync(database, due)).ShouldBe(purged);
        Regex.Matches(host.Output, $"Retention purged closed passport {due}").Count.ShouldBe(1);
        foreach (var (passport, rows) in before)
        {
            (await RowsAboutAsync(database, passport)).ShouldBe(rows);
        }

        // (A read, so after the counts above: it adds to the open passport's access log.)
        (await PassportFixture.GraphQLAsync(http, fixture.Token(doctor), "{ myPassports { id } }")).Ok()["myPassports"]!.AsArray()
            .Select(p => p!["id"]!.GetValue<string>()).ShouldBe([open]);

        // Auditors still read the closed passports' logs, the purged one's included; to anyone else the purged one is gone.
        var auditor = fixture.Token(Persona.Auditor());
        (await PassportFixture.GraphQLAsync(http, auditor, "query($id: ID!) { accessLog(passportId: $id) { basis } }", new { id = recentlyClosed })).Ok()["accessLog"]!.AsArray().ShouldNotBeEmpty();
        (await PassportFixture.GraphQLAsync(http, auditor, "query($id: ID!) { accessLog(passportId: $id) { basis } }", new { id = due })).Ok()["accessLog"]!.AsArray()
            .Select(e => e!["basis"]!.GetValue<string>()).ShouldContain("CARE_TEAM");
        (await PassportFixture.GraphQLAsync(http, fixture.Token(carer), "query($id: ID!) { accessLog(passportId: $id) { basis } }", new { id = due })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await PassportFixture.GraphQLAsync(http, fixture.Token(carer), "query($id: ID!) { passport(id: $id) { id } }", new { id = due })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await PassportFixture.GraphQLAsync(http, fixture.Token(carer), "query($id: ID!) { passport(id: $id) { id } }", new { id = open })).Ok();
    }

    [Fact]
    public async Task A_purged_passports_access_log_is_deleted_AccessLogYears_after_the_purge()
    {
        var database = await fixture.NewDatabaseAsync();
        var environment = fixture.HostEnvironment(database);
        environment["Passport__Retention__AccessLogYears"] = "8";
        environment["Passport__Retention__Interval"] = "00:00:01";
        await using var host = await HostProcess.StartAsync(environment);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Two passports purged before this host ran: nine years ago and seven years ago, as the job leaves them.
        var purgedNineYearsAgo = Guid.NewGuid();
        var purgedSevenYearsAgo = Guid.NewGuid();
        using (var store = CoreStore(database))
        {
            await using var session = store.LightweightSession();
            foreach (var (id, years) in new[] { (purgedNineYearsAgo, 9), (purgedSevenYearsAgo, 7) })
            {
                var purgedAt = DateTimeOffset.UtcNow.AddYears(-years);
                session.Store(new PassportPurged { Id = id, PurgedAt = purgedAt });
                session.Store(new AccessLogEntry { Id = Guid.NewGuid(), PassportId = id, At = purgedAt.AddDays(-40), Subject = "gp-1", DisplayName = "Dr Gee", Sector = "health", Basis = AccessBasis.CareTeam, Groups = ["health.emergency"] });
            }

            await session.SaveChangesAsync();
        }

        await WaitUntilAsync(async () => !(await RowsAboutAsync(database, purgedNineYearsAgo.ToString())).ContainsKey("audit.mt_doc_accesslogentry"), host);
        // The job logs after its transaction commits, so the line may follow the rows' deletion by a moment.
        await WaitUntilAsync(() => Task.FromResult(host.Output.Contains("Retention deleted the access logs of 1 passports purged 8 years ago or more", StringComparison.Ordinal)), host);
        (await RowsAboutAsync(database, purgedNineYearsAgo.ToString())).ShouldBe(new SortedDictionary<string, long>(StringComparer.Ordinal) { ["audit.mt_doc_passportpurged"] = 1 });
        (await RowsAboutAsync(database, purgedSevenYearsAgo.ToString())).ShouldBe(new SortedDictionary<string, long>(StringComparer.Ordinal) { ["audit.mt_doc_accesslogentry"] = 1, ["audit.mt_doc_passportpurged"] = 1 });

        var auditor = fixture.Token(Persona.Auditor());
        (await PassportFixture.GraphQLAsync(http, auditor, "query($id: ID!) { accessLog(passportId: $id) { displayName basis groups } }", new { id = purgedNineYearsAgo })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        var kept = (await PassportFixture.GraphQLAsync(http, auditor, "query($id: ID!) { accessLog(passportId: $id) { displayName basis groups } }", new { id = purgedSevenYearsAgo })).Ok()["accessLog"]!.AsArray();
        kept.ShouldContain(e => e!["displayName"]!.GetValue<string>() == "Dr Gee" && e["basis"]!.GetValue<string>() == "CARE_TEAM");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("eight")]
    public async Task An_invalid_AccessLogYears_stops_the_host_at_start(string years)
    {
        var (exitCode, output) = await HostProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Passport"] = "Host=127.0.0.1;Database=unused",
            ["Auth__Authority"] = "https://keycloak.test/realms/passport",
            ["Passport__PluginsPath"] = TestPaths.PluginsPath,
            ["Passport__Retention__AccessLogYears"] = years,
        });
        exitCode.ShouldBe(2, output);
        output.ShouldContain("AccessLogYears");
    }

    /// <summary>
    /// A passport with an allergy (health), an involvement (social care), a notification, an
    /// unused share code, an open invitation and access-log entries.
    /// </summary>
    private async Task<string> FilledPassportAsync(HttpClient http, Persona carer, Persona doctor, Persona socialWorker)
    {
        async Task<System.Text.Json.Nodes.JsonNode> Ok(Persona who, string query, object variables) =>
            (await PassportFixture.GraphQLAsync(http, fixture.Token(who), query, variables)).Ok();

        var id = (await Ok(carer, "mutation($dob: Date!) { createPassport(input: { givenName: \"Robin\", familyName: \"Hale\", dateOfBirth: $dob, localAuthority: \"E06000052\" }) { id } }", new { dob = Date(Today.AddYears(-20)) }))["createPassport"]!["id"]!.GetValue<string>();
        foreach (var (professional, sector) in new[] { (doctor, "health"), (socialWorker, "social-care") })
        {
            var code = (await Ok(carer, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id, s = sector }))["createShareCode"]!["code"]!.GetValue<string>();
            await Ok(professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });
        }

        await Ok(carer, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"education\") { code } }", new { id });
        await Ok(carer, "mutation($id: ID!) { inviteCarer(passportId: $id, mayEdit: false, mayManageSharing: false, mayInvite: false) { code } }", new { id });
        await Ok(carer, "mutation($id: ID!) { issueEmergencyCard(passportId: $id) { url } }", new { id });
        await Ok(socialWorker, "mutation($id: ID!) { recordInvolvement(passportId: $id, input: { allocatedWorker: \"Jo Smith\" }) { id } }", new { id });
        await Ok(doctor, "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Peanuts\", severity: SEVERE }) { id } }", new { id });

        // The social worker is told of the severe allergy (asynchronously, through Wolverine).
        var filled = ++_filled;
        await WaitUntilAsync(async () => (await Ok(socialWorker, "{ myNotifications { message } }", new { }))["myNotifications"]!.AsArray().Count(n => n!["message"]!.GetValue<string>().Contains("Peanuts")) == filled);
        return id;
    }

    private int _filled;

    /// <summary>Rows naming the passport, table by table: by id, by stream, or anywhere in a document's JSON.</summary>
    /// <summary>The passport's rows in the membership table "my passports" reads (not an mt_ table, so not in <see cref="RowsAboutAsync"/>).</summary>
    private static async Task<long> MemberRowsAsync(string connectionString, string passportId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("select count(*) from passport.passport_member where passport_id = @id::uuid", connection);
        count.Parameters.AddWithValue("id", passportId);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<SortedDictionary<string, long>> RowsAboutAsync(string connectionString, string passportId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var tables = new List<(string Schema, string Table)>();
        await using (var list = new NpgsqlCommand("select table_schema, table_name from information_schema.tables where table_name like 'mt\\_%' and table_schema not in ('wolverine', 'pg_catalog', 'information_schema') and table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (schema, table) in tables)
        {
            var condition = table switch
            {
                "mt_events" => "stream_id::text = @id or data::text like '%' || @id || '%'",
                "mt_streams" => "id::text = @id",
                _ when table.StartsWith("mt_doc_", StringComparison.Ordinal) => "id::text = @id or data::text like '%' || @id || '%'",
                _ => null,
            };
            if (condition is null)
            {
                continue;
            }

            await using var count = new NpgsqlCommand($"select count(*) from \"{schema}\".\"{table}\" where {condition}", connection);
            count.Parameters.AddWithValue("id", passportId);
            var n = (long)(await count.ExecuteScalarAsync())!;
            if (n > 0)
            {
                rows[$"{schema}.{table}"] = n;
            }
        }

        return rows;
    }

    /// <summary>What the job records the first time it sees a passport closed, as it would have on that day.</summary>
    private static async Task RecordClosureObservedAsync(string connectionString, string passportId, DateOnly observedOn)
    {
        using var store = CoreStore(connectionString);
        await using var session = store.LightweightSession();
        session.Events.Append(Guid.Parse(passportId), new PassportClosureObserved(observedOn, new Provenance(RetentionJob.Actor, "Retention job", "system", null, null, DateTimeOffset.UtcNow, true)));
        await session.SaveChangesAsync();
    }

    /// <summary>The days recorded on the passport's stream as the day it was seen closed.</summary>
    private static async Task<List<string>> ClosureObservedOnAsync(string connectionString, string passportId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("select data ->> 'ObservedOn' from passport.mt_events where stream_id::text = @id and type = 'passport_closure_observed' order by version", connection);
        query.Parameters.AddWithValue("id", passportId);
        var days = new List<string>();
        await using var reader = await query.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            days.Add(reader.GetString(0));
        }

        return days;
    }

    private static DocumentStore CoreStore(string connectionString) => DocumentStore.For(options =>
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = PassportCoreRegistration.PassportSchemaName;
        PassportCoreRegistration.ConfigureCoreMarten(options);
    });

    /// <summary>A health professional the family shares the passport with corrects the date of birth, with a reason (only health or social care may close a passport so).</summary>
    private async Task<GraphQLResponse> CorrectDateOfBirthAsync(HttpClient http, Persona carer, string id, DateOnly born)
    {
        var code = (await PassportFixture.GraphQLAsync(http, fixture.Token(carer), "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();
        var doctor = fixture.Token(Persona.Professional("health"));
        (await PassportFixture.GraphQLAsync(http, doctor, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();
        return await PassportFixture.GraphQLAsync(http, doctor, "mutation($id: ID!, $dob: Date!) { updateChildDetails(passportId: $id, input: { givenName: \"Robin\", familyName: \"Hale\", dateOfBirth: $dob, localAuthority: \"E06000052\" }, reason: \"Birth certificate seen at clinic\") { id } }", new { id, dob = Date(born) });
    }

    private static int Runs(string output) => RunFinished().Matches(output).Count;

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, HostProcess? host = null)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The condition did not hold in time.\n{host?.Output}");
            }

            await Task.Delay(50);
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [GeneratedRegex("Retention run skipped")]
    private static partial Regex RunSkipped();

    [GeneratedRegex("Retention run finished")]
    private static partial Regex RunFinished();
}
