using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;
using Passport.Sdk;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// The region's impact measures (docs/impact.md), on a host and database of their own so that
/// every figure, and every suppression, can be checked exactly: disclosure control looks across
/// all 15 authorities at once, so other tests' passports would change which cells are hidden.
/// </summary>
[Collection(PassportCollection.Name)]
public class ImpactTests(PassportFixture fixture, ImpactTests.Region region) : IClassFixture<ImpactTests.Region>
{
    private const string Torbay = "E06000027";
    private const string Scilly = "E06000053";
    private const string Swindon = "E06000030";

    private const string ImpactQuery = """
        query($la: String, $from: String, $to: String) { impact(localAuthority: $la, from: $from, to: $to) {
          localAuthority from to
          figures { measure month localAuthority sector value suppressed }
          satisfaction { journey month answers averageScore comments suppressed } } }
        """;

    [Fact]
    public async Task Each_measure_counts_what_the_seeded_passports_did_this_month()
    {
        var world = await region.SeedAsync(fixture);
        var report = await world.ImpactAsync(Persona.Commissioner());
        var month = world.Month;

        // 6 in Torbay, 3 on Scilly, 7 in Swindon: Scilly is under 5, and Torbay is hidden too, or
        // the region's 16 minus Swindon's 7 would leave Scilly's 3 alone with Torbay.
        Figure(report, "passportsCreated", month, null).ShouldBe(16);
        Figure(report, "passportsCreated", month, Swindon).ShouldBe(7);
        Figure(report, "passportsCreated", month, Scilly).ShouldBeNull();
        Figure(report, "passportsCreated", month, Torbay).ShouldBeNull();
        Figure(report, "passportsActive", month, null).ShouldBe(16);
        Figure(report, "passportsActive", month, Swindon).ShouldBe(7);
        Figure(report, "passportsActive", month, Torbay).ShouldBeNull();

        // States at the month's end are rounded to the nearest 5.
        Figure(report, "passportsHeld", month, null).ShouldBe(15);
        Figure(report, "passportsHeld", month, Swindon).ShouldBe(5);
        Figure(report, "passportsHeld", month, Torbay).ShouldBeNull();
        Figure(report, "aboutMeCurrent", month, Torbay).ShouldBe(5);
        Figure(report, "aboutMeCurrent", month, null).ShouldBe(5);
        Figure(report, "aboutMeCurrent", month, Swindon).ShouldBeNull();

        Figure(report, "shareCodesIssued", month, Torbay, Sectors.Health).ShouldBe(6);
        Figure(report, "shareCodesRedeemed", month, Torbay, Sectors.Health).ShouldBe(5);
        Figure(report, "shareCodesRedeemed", month, null, Sectors.Health).ShouldBe(5);
        Figure(report, "shareCodesIssued", month, Swindon, Sectors.Education).ShouldBe(10);
        Figure(report, "shareCodesRedeemed", month, Swindon, Sectors.Education).ShouldBe(10);
        Figure(report, "shareCodesIssued", month, null, Sectors.Leisure).ShouldBeNull();

        // Health read 5 passports in Torbay, 1 on Scilly (emergency access) and 5 in Swindon: Scilly's 1
        // needs a second hidden cell, and of Torbay's and Swindon's 5 the lower code goes.
        Figure(report, "professionalReads", month, null, Sectors.Health).ShouldBe(11);
        Figure(report, "professionalReads", month, Swindon, Sectors.Health).ShouldBe(5);
        Figure(report, "professionalReads", month, Torbay, Sectors.Health).ShouldBeNull();
        Figure(report, "professionalReads", month, Scilly, Sectors.Health).ShouldBeNull();
        Figure(report, "professionalReads", month, Swindon, Sectors.Education).ShouldBe(10);

        Figure(report, "itemsReportedByFamily", month, Torbay).ShouldBe(5);
        Figure(report, "itemsVerifiedByProfessional", month, Torbay).ShouldBe(5);
        Figure(report, "itemsVerifiedByProfessional", month, Swindon).ShouldBe(10);
        Figure(report, "itemsVerifiedByProfessional", month, null).ShouldBe(15);
        Figure(report, "familyItemsVerified", month, Torbay).ShouldBe(5);
        Figure(report, "medianDaysToVerification", month, Torbay).ShouldBe(0);
        Figure(report, "medianDaysToVerification", month, null).ShouldBe(0);
        Figure(report, "medianDaysToVerification", month, Swindon).ShouldBeNull();

        // 1 emergency access on Scilly and 5 in Swindon: the region shows 6, neither authority.
        Figure(report, "breakGlassUses", month, null).ShouldBe(6);
        Figure(report, "breakGlassUses", month, Swindon).ShouldBeNull();
        Figure(report, "breakGlassUses", month, Scilly).ShouldBeNull();

        Figure(report, "controlTaken", month, null).ShouldBeNull();
        Figure(report, "controlTaken", month, Torbay).ShouldBeNull();

        Figure(report, "educationTransitions", month, Swindon).ShouldBe(5);
        Figure(report, "transitionsJoinedByShareCode", month, Swindon).ShouldBe(5);
        Figure(report, "transitionsJoinedByShareCode", month, null).ShouldBe(5);

        // Every suppressed figure says so, and every hidden value is null.
        foreach (var figure in report["figures"]!.AsArray())
        {
            figure!["suppressed"]!.GetValue<bool>().ShouldBe(figure["value"] is null, figure.ToJsonString());
        }
    }

    [Fact]
    public async Task No_suppressed_figure_can_be_recovered_by_subtracting_others()
    {
        var world = await region.SeedAsync(fixture);
        var commissioner = Persona.Commissioner();
        var everything = await world.ImpactAsync(commissioner);
        var month = world.Month;

        // Region minus every authority shown: what is left is 0 or at least 5, in every group.
        foreach (var group in Figures(everything).Where(f => f.Measure != "medianDaysToVerification").GroupBy(f => (f.Measure, f.Month, f.Sector)))
        {
            var total = group.Single(f => f.LocalAuthority is null);
            var authorities = group.Where(f => f.LocalAuthority is not null).ToList();
            authorities.Count.ShouldBe(15, group.Key.ToString());
            if (total.Value is int regionValue && !IsRounded(group.Key.Measure))
            {
                var left = regionValue - authorities.Sum(f => f.Value ?? 0);
                (left is 0 or >= 5).ShouldBeTrue($"{group.Key}: the hidden authorities add up to {left}");
            }
        }

        // A filter only chooses figures: each authority's figures are the same cells as in the
        // whole table, so two filters subtracted give nothing the table does not.
        foreach (var authority in new[] { Torbay, Scilly, Swindon })
        {
            var filtered = await world.ImpactAsync(commissioner, authority);
            filtered["localAuthority"]!.GetValue<string>().ShouldBe(authority);
            Figures(filtered).ShouldAllBe(f => f.LocalAuthority == authority);
            Figures(filtered).ShouldBe(Figures(everything).Where(f => f.LocalAuthority == authority).ToList(), ignoreOrder: true);
        }

        // Month ranges: every figure is one month's; a longer range adds months, never a total, and
        // this month's figures are the same whichever range includes it.
        var lastMonth = DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var twoMonths = await world.ImpactAsync(commissioner, from: lastMonth, to: month);
        Figures(twoMonths).Select(f => f.Month).Distinct().Order().ShouldBe([lastMonth, month]);
        Figures(twoMonths).Where(f => f.Month == month).ShouldBe(Figures(await world.ImpactAsync(commissioner, from: month, to: month)), ignoreOrder: true);
        Figures(twoMonths).Where(f => f.Month == lastMonth).ShouldAllBe(f => f.Value == null);
    }

    [Fact]
    public async Task Only_commissioners_and_local_authority_administrators_read_the_measures()
    {
        Persona[] others =
        [
            Persona.Carer(), Persona.YoungPerson(), Persona.Auditor(),
            Persona.Professional(Sectors.Health), Persona.Professional(Sectors.SocialCare),
            Persona.Professional(Sectors.Education), Persona.Professional(Sectors.Leisure),
            new(new Passport.Host.Identity.TokenClaims($"la-{Guid.NewGuid():N}", "No authority", "no-authority", ["la-admin"])),
        ];
        foreach (var persona in others)
        {
            var refused = await fixture.GraphQLAsync(persona, ImpactQuery, new { la = (string?)null });
            refused.ErrorCodes.ShouldBe(["FORBIDDEN"], persona.Claims.Roles[0]);
            refused.Data.ShouldBeNull(refused.Body);
        }

        // An administrator asking for another authority is refused, not quietly given their own.
        var cornwall = Persona.LocalAuthorityAdmin("E06000052");
        (await fixture.GraphQLAsync(cornwall, ImpactQuery, new { la = "E10000008" })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(Persona.Commissioner(), ImpactQuery, new { la = "E99999999" })).ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        (await fixture.GraphQLAsync(Persona.Commissioner(), ImpactQuery, new { from = "2026-13" })).ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
    }

    [Fact]
    public async Task Figures_are_published_for_complete_months_only_unless_the_region_chooses_otherwise()
    {
        var today = UkDate.Of(DateTimeOffset.UtcNow);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var lastMonth = thisMonth.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var commissioner = Persona.Commissioner();

        var report = (await fixture.GraphQLAsync(commissioner, "{ impact { from to latest } }")).Ok()["impact"]!;
        report["latest"]!.GetValue<string>().ShouldBe(lastMonth);
        report["to"]!.GetValue<string>().ShouldBe(lastMonth);
        report["from"]!.GetValue<string>().ShouldBe(thisMonth.AddMonths(-12).ToString("yyyy-MM", CultureInfo.InvariantCulture));
        (await fixture.GraphQLAsync(commissioner, ImpactQuery, new { to = thisMonth.ToString("yyyy-MM", CultureInfo.InvariantCulture) })).ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
    }

    [Fact]
    public async Task A_local_authority_administrator_sees_only_their_own_authority()
    {
        var world = await region.SeedAsync(fixture);
        var swindon = Persona.LocalAuthorityAdmin(Swindon);
        var own = await world.ImpactAsync(swindon);
        own["localAuthority"]!.GetValue<string>().ShouldBe(Swindon);
        Figures(own).ShouldNotBeEmpty();
        Figures(own).ShouldAllBe(f => f.LocalAuthority == Swindon);
        Figures(own).ShouldBe(Figures(await world.ImpactAsync(Persona.Commissioner())).Where(f => f.LocalAuthority == Swindon).ToList(), ignoreOrder: true);
        Figure(own, "passportsCreated", world.Month, Swindon).ShouldBe(7);

        (await world.GraphQLAsync(swindon, ImpactQuery, new { la = Torbay })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task Satisfaction_is_counted_apart_from_any_passport_or_person()
    {
        var world = await region.SeedAsync(fixture);
        var report = await world.ImpactAsync(Persona.Commissioner());
        var satisfaction = report["satisfaction"]!.AsArray().Where(s => s!["month"]!.GetValue<string>() == world.Month).ToList();
        var created = satisfaction.Single(s => s!["journey"]!.GetValue<string>() == "CREATED_PASSPORT")!;
        created["answers"]!.GetValue<int>().ShouldBe(5);
        created["averageScore"]!.GetValue<double>().ShouldBe(4.2);
        created["comments"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["Clear questions", "Quick to do"]);
        var shared = satisfaction.Single(s => s!["journey"]!.GetValue<string>() == "SHARED_PASSPORT")!;
        shared["suppressed"]!.GetValue<bool>().ShouldBeTrue();
        shared["answers"].ShouldBeNull();
        shared["averageScore"].ShouldBeNull();
        shared["comments"].ShouldBeNull();

        // What is stored: the journey, the score, the comment and the month. Nothing names a
        // passport, a person or the moment it was given.
        await using var connection = new NpgsqlConnection(world.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select data::text from impact.mt_doc_satisfactionanswer", connection);
        var rows = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add(reader.GetString(0));
            }
        }

        rows.Count.ShouldBe(7);
        foreach (var row in rows)
        {
            JsonNode.Parse(row)!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ShouldBe(["Comment", "Id", "Journey", "Month", "Score"]);
            foreach (var id in world.PassportIds)
            {
                row.ShouldNotContain(id);
            }

            row.ShouldNotContain("carer-");
        }

        // No type the API reports satisfaction or figures with has a way back to a passport (the
        // schema document is the host's own, kept current by SchemaDocumentTests).
        var schema = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "docs", "schema.graphql"));
        foreach (var type in new[] { "ImpactReport", "ImpactFigure", "SatisfactionFigure" })
        {
            var body = Regex.Match(schema, "type " + type + @" \{(?<fields>[^}]*)\}").Groups["fields"].Value;
            var fields = Regex.Matches(body, @"^\s*(?<name>[a-zA-Z]+)[(:]", RegexOptions.Multiline).Select(m => m.Groups["name"].Value).ToList();
            fields.ShouldNotBeEmpty(type);
            fields.ShouldNotContain(f => f.Contains("passport", StringComparison.OrdinalIgnoreCase) || f == "id" || f.Contains("subject", StringComparison.OrdinalIgnoreCase), type);
        }

        // Only people who made a journey answer; a score is 1 to 5.
        const string answer = "mutation($s: Int!) { recordSatisfaction(journey: READ_PASSPORT, score: $s) }";
        (await world.GraphQLAsync(Persona.Auditor(), answer, new { s = 3 })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await world.GraphQLAsync(Persona.Commissioner(), answer, new { s = 3 })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await world.GraphQLAsync(Persona.Carer(), answer, new { s = 6 })).ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
    }

    private static int? Figure(JsonNode report, string measure, string month, string? localAuthority, string? sector = null)
    {
        var figure = Figures(report).SingleOrDefault(f => f.Measure == measure && f.Month == month && f.LocalAuthority == localAuthority && f.Sector == sector);
        figure.ShouldNotBeNull($"{measure} {month} {localAuthority} {sector}");
        return figure.Value;
    }

    private static bool IsRounded(string measure) => measure is "passportsHeld" or "aboutMeCurrent";

    private sealed record PublishedFigure(string Measure, string Month, string? LocalAuthority, string? Sector, int? Value, bool Suppressed);

    private static List<PublishedFigure> Figures(JsonNode report) =>
        report["figures"]!.AsArray().Select(f => new PublishedFigure(
            f!["measure"]!.GetValue<string>(),
            f["month"]!.GetValue<string>(),
            f["localAuthority"]?.GetValue<string>(),
            f["sector"]?.GetValue<string>(),
            f["value"]?.GetValue<int>(),
            f["suppressed"]!.GetValue<bool>())).ToList();

    /// <summary>
    /// A host on an empty database, seeded once through the API with a known mix of passports and
    /// activity in three authorities this month (the expected figures are worked out in the tests).
    /// </summary>
    public sealed class Region : IAsyncLifetime
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private World? _world;

        public async Task<World> SeedAsync(PassportFixture fixture)
        {
            await _gate.WaitAsync();
            try
            {
                return _world ??= await StartAndSeedAsync(fixture);
            }
            finally
            {
                _gate.Release();
            }
        }

        private static async Task<World> StartAndSeedAsync(PassportFixture fixture)
        {
            var connectionString = await fixture.NewDatabaseAsync();
            var environment = fixture.HostEnvironment(connectionString);

            // Everything is seeded this month, which a region publishes only when it chooses to.
            environment["Passport__Impact__IncludeCurrentMonth"] = "true";
            var host = await HostProcess.StartAsync(environment);
            var world = new World(fixture, host, new HttpClient { BaseAddress = host.BaseAddress }, connectionString);
            await world.SeedTorbayAsync();
            await world.SeedScillyAsync();
            await world.SeedSwindonAsync();
            return world;
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            if (_world is not null)
            {
                _world.Http.Dispose();
                await _world.Host.DisposeAsync();
            }
        }
    }

    public sealed class World(PassportFixture fixture, HostProcess host, HttpClient http, string connectionString)
    {
        public HostProcess Host { get; } = host;
        public HttpClient Http { get; } = http;
        public string ConnectionString { get; } = connectionString;
        public List<string> PassportIds { get; } = [];

        /// <summary>The month everything was seeded in (read once seeding is done, so a seed across midnight at a month's end shows).</summary>
        public string Month { get; private set; } = "";

        public Task<GraphQLResponse> GraphQLAsync(Persona persona, string query, object? variables = null) =>
            PassportFixture.GraphQLAsync(Http, fixture.Token(persona), query, variables);

        public async Task<JsonNode> ImpactAsync(Persona persona, string? localAuthority = null, string? from = null, string? to = null) =>
            (await GraphQLAsync(persona, ImpactQuery, new { la = localAuthority, from, to })).Ok()["impact"]!;

        private async Task<JsonNode> OkAsync(Persona persona, string query, object? variables = null) =>
            (await GraphQLAsync(persona, query, variables)).Ok();

        private async Task<(Persona Carer, string Id)> CreateAsync(string localAuthority, string dateOfBirth = "2016-05-14")
        {
            var carer = Persona.Carer();
            var id = (await OkAsync(carer, "mutation($la: String!, $d: Date!) { createPassport(input: { givenName: \"Sam\", familyName: \"Test\", dateOfBirth: $d, localAuthority: $la }) { id } }", new { la = localAuthority, d = dateOfBirth }))
                ["createPassport"]!["id"]!.GetValue<string>();
            PassportIds.Add(id);
            return (carer, id);
        }

        private async Task<string> ShareCodeAsync(Persona carer, string id, string sector) =>
            (await OkAsync(carer, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id, s = sector }))
                ["createShareCode"]!["code"]!.GetValue<string>();

        private Task RedeemAsync(Persona professional, string code) =>
            OkAsync(professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });

        private Task AnswerAsync(Persona persona, string journey, int score, string? comment = null) =>
            OkAsync(persona, $"mutation($s: Int!, $c: String) {{ recordSatisfaction(journey: {journey}, score: $s, comment: $c) }}", new { s = score, c = comment });

        /// <summary>
        /// Torbay: 6 passports, each with About me and a health share code; 5 redeemed, each by a
        /// doctor who reads the passport and confirms an allergy the family reported; the sixth
        /// child (17) takes control. 5 carers say how creating went, 2 how sharing went.
        /// </summary>
        public async Task SeedTorbayAsync()
        {
            int[] scores = [5, 4, 4, 3, 5];
            string?[] comments = ["Quick to do", "Clear questions", null, null, null];
            for (var i = 0; i < 6; i++)
            {
                var (carer, id) = await CreateAsync(Torbay, i == 5 ? "2009-06-01" : "2016-05-14");
                await OkAsync(carer, "mutation($id: ID!) { updateAboutMe(passportId: $id, expectedVersion: 1, input: { likes: \"Trains\" }) { version } }", new { id });
                var code = await ShareCodeAsync(carer, id, Sectors.Health);
                if (i < 5)
                {
                    await AnswerAsync(carer, "CREATED_PASSPORT", scores[i], comments[i]);
                    var doctor = Persona.Professional(Sectors.Health);
                    await RedeemAsync(doctor, code);
                    var allergy = (await OkAsync(carer, "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Peanuts\", severity: SEVERE }) { health { allergies { id } } } }", new { id }))
                        ["recordAllergy"]!["health"]!["allergies"]![0]!["id"]!.GetValue<string>();
                    await OkAsync(doctor, "query($id: ID!) { passport(id: $id) { id } }", new { id });
                    await OkAsync(doctor, "mutation($id: ID!, $item: ID!) { verifyItem(passportId: $id, itemId: $item) { id } }", new { id, item = allergy });
                }

                if (i < 2)
                {
                    await AnswerAsync(carer, "SHARED_PASSPORT", 4);
                }

                if (i == 5)
                {
                    var invitation = (await OkAsync(carer, "mutation($id: ID!) { inviteYoungPerson(passportId: $id) { code } }", new { id }))["inviteYoungPerson"]!["code"]!.GetValue<string>();
                    var youngPerson = Persona.YoungPerson();
                    await OkAsync(youngPerson, "mutation($c: String!) { acceptYoungPersonInvitation(code: $c) { id } }", new { c = invitation });
                    await OkAsync(youngPerson, "mutation($id: ID!) { takeControl(passportId: $id, keepCarers: []) { id } }", new { id });
                }
            }
        }

        /// <summary>Isles of Scilly: 3 passports; a doctor uses emergency access to one.</summary>
        public async Task SeedScillyAsync()
        {
            for (var i = 0; i < 3; i++)
            {
                var (_, id) = await CreateAsync(Scilly);
                if (i == 0)
                {
                    await OkAsync(Persona.Professional(Sectors.Health), "mutation($id: ID!) { breakGlass(passportId: $id, reason: \"Unconscious at the quay\") { id } }", new { id });
                }
            }
        }

        /// <summary>
        /// Swindon: 7 passports; 5 of them reached by emergency access, and 5 change school: the old
        /// school's teacher joins by share code and records the school, then the new one; the new
        /// school's teacher joins by a second share code.
        /// </summary>
        public async Task SeedSwindonAsync()
        {
            for (var i = 0; i < 7; i++)
            {
                var (carer, id) = await CreateAsync(Swindon);
                if (i >= 5)
                {
                    continue;
                }

                await OkAsync(Persona.Professional(Sectors.Health), "mutation($id: ID!) { breakGlass(passportId: $id, reason: \"Seizure at the swimming pool\") { id } }", new { id });
                var oldSchool = Persona.Professional(Sectors.Education, "Old Primary");
                await RedeemAsync(oldSchool, await ShareCodeAsync(carer, id, Sectors.Education));
                const string setting = "mutation($id: ID!, $n: String!) { setEducationSetting(passportId: $id, input: { name: $n }) { id } }";
                await OkAsync(oldSchool, setting, new { id, n = "Old Primary" });
                await OkAsync(oldSchool, setting, new { id, n = "New Academy" });
                await RedeemAsync(Persona.Professional(Sectors.Education, "New Academy"), await ShareCodeAsync(carer, id, Sectors.Education));
            }

            Month = UkDate.Of(DateTimeOffset.UtcNow).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        }
    }
}
