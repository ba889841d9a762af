using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// The retention job (SPEC §4: "purged by a retention job after that"), on a host of its own that
/// looks every second and keeps closed passports for 10 days.
/// </summary>
[Collection(PassportCollection.Name)]
public partial class RetentionTests(PassportFixture fixture)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>The retention job's PostgreSQL advisory-lock key (docs/operations.md).</summary>
    private const long RetentionLockKey = 0x5041_5353_5055_5247;

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task The_retention_job_purges_a_passport_closed_longer_than_the_retention_period_and_nothing_else()
    {
        var database = await fixture.NewDatabaseAsync();
        var environment = fixture.HostEnvironment(database);
        environment["Passport__Retention__PurgeAfter"] = "10.00:00:00";
        environment["Passport__Retention__Interval"] = "00:00:01";
        await using var host = await HostProcess.StartAsync(environment);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        // Three passports with the same people on them: one open, one closed 5 days ago (kept),
        // one closed 11 days ago (purged). Each has data in the core and in two modules.
        var carer = Persona.Carer();
        var doctor = Persona.Professional("health");
        var socialWorker = Persona.Professional("social-care");
        var open = await FilledPassportAsync(http, carer, doctor, socialWorker);
        var recentlyClosed = await FilledPassportAsync(http, carer, doctor, socialWorker);
        var due = await FilledPassportAsync(http, carer, doctor, socialWorker);
        var before = new Dictionary<string, SortedDictionary<string, long>>
        {
            [open] = await RowsAboutAsync(database, open),
            [recentlyClosed] = await RowsAboutAsync(database, recentlyClosed),
        };
        before[open].Keys.ShouldContain("passport.mt_events");
        before[open].Keys.ShouldContain("health.mt_doc_healthview");
        before[open].Keys.ShouldContain("social_care.mt_doc_socialcareview");
        before[open].Keys.ShouldContain("passport.mt_doc_notification");
        before[open].Keys.ShouldContain("passport.mt_doc_sharecode");
        before[open].Keys.ShouldContain("passport.mt_doc_familyinvitation");
        before[open].Keys.ShouldContain("audit.mt_doc_accesslogentry");

        (await CorrectDateOfBirthAsync(http, carer, recentlyClosed, Today.AddYears(-25).AddDays(-5))).ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);
        before[recentlyClosed] = await RowsAboutAsync(database, recentlyClosed);

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
            await WaitUntilAsync(() => Task.FromResult(RunSkipped().Matches(host.Output).Count >= skipped + 2), host);
            (await RowsAboutAsync(database, due)).Keys.ShouldContain("passport.mt_doc_passportview");
        }

        // Purged: nothing in any table names it, except the tombstone.
        await WaitUntilAsync(async () => !(await RowsAboutAsync(database, due)).ContainsKey("passport.mt_doc_passportview"), host);
        (await RowsAboutAsync(database, due)).ShouldBe(new SortedDictionary<string, long>(StringComparer.Ordinal) { ["audit.mt_doc_passportpurged"] = 1 });
        host.Output.ShouldContain($"Retention purged closed passport {due}");

        // Two more runs change nothing.
        var runs = Runs(host.Output);
        await WaitUntilAsync(() => Task.FromResult(Runs(host.Output) >= runs + 2), host);
        (await RowsAboutAsync(database, due)).ShouldBe(new SortedDictionary<string, long>(StringComparer.Ordinal) { ["audit.mt_doc_passportpurged"] = 1 });
        Regex.Matches(host.Output, $"Retention purged closed passport {due}").Count.ShouldBe(1);
        (await RowsAboutAsync(database, open)).ShouldBe(before[open]);
        (await RowsAboutAsync(database, recentlyClosed)).ShouldBe(before[recentlyClosed]);

        // Within the retention period the auditor still reads the closed passport's log; after it, nobody finds the purged one.
        var auditor = fixture.Token(Persona.Auditor());
        (await PassportFixture.GraphQLAsync(http, auditor, "query($id: ID!) { accessLog(passportId: $id) { basis } }", new { id = recentlyClosed })).Ok()["accessLog"]!.AsArray().ShouldNotBeEmpty();
        (await PassportFixture.GraphQLAsync(http, auditor, "query($id: ID!) { accessLog(passportId: $id) { basis } }", new { id = due })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await PassportFixture.GraphQLAsync(http, fixture.Token(carer), "query($id: ID!) { passport(id: $id) { id } }", new { id = open })).Ok();
        (await PassportFixture.GraphQLAsync(http, fixture.Token(doctor), "{ myPassports { id } }")).Ok()["myPassports"]!.AsArray()
            .Select(p => p!["id"]!.GetValue<string>()).ShouldBe([open]);
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
        await Ok(socialWorker, "mutation($id: ID!) { recordInvolvement(passportId: $id, input: { allocatedWorker: \"Jo Smith\" }) { id } }", new { id });
        await Ok(doctor, "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Peanuts\", severity: SEVERE }) { id } }", new { id });

        // The social worker is told of the severe allergy (asynchronously, through Wolverine).
        var filled = ++_filled;
        await WaitUntilAsync(async () => (await Ok(socialWorker, "{ myNotifications { message } }", new { }))["myNotifications"]!.AsArray().Count(n => n!["message"]!.GetValue<string>().Contains("Peanuts")) == filled);
        return id;
    }

    private int _filled;

    /// <summary>Rows naming the passport, table by table: by id, by stream, or anywhere in a document's JSON.</summary>
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
