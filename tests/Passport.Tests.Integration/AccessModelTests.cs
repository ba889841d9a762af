using System.Text.Json.Nodes;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class AccessModelTests(PassportFixture fixture)
{
    private static readonly string[] Sectors = ["health", "social-care", "education", "leisure"];

    /// <summary>SPEC §4's default regional policy, copied literally, so a wrong policy file fails this test.</summary>
    private const string DefaultPolicy = """
        | group | health | social-care | education | leisure |
        | identity.basic | always | always | default | default |
        | identity.nhsNumber | always | default | optIn | never |
        | aboutMe | default | default | default | default |
        | contacts.emergency | always | always | default | default |
        | health.emergency | always | default | default | default |
        | health.clinical | default | default | optIn | never |
        | health.growth | default | never | never | never |
        | health.immunisations | default | never | optIn | never |
        | socialCare.involvement | default | always | optIn | never |
        | socialCare.legalStatus | default | always | never | never |
        | socialCare.safeguarding | never | always | never | never |
        | education.setting | default | default | always | optIn |
        | education.sen | default | default | always | never |
        | leisure.activities | optIn | default | optIn | always |
        | careTeam | always | always | default | never |
        | family.carers | always | always | default | never |
        """;

    /// <summary>A query that touches one field of every group that has fields, and where each group's field sits.</summary>
    private const string EveryGroup = """
        query($id: ID!) { passport(id: $id) {
          child { givenName nhsNumber } aboutMe { likes } emergencyContacts { name }
          health { allergies { substance } medications { name } growth { heightCm } immunisations { vaccine } }
          socialCare { legalStatus { status } involvement { allocatedWorker } safeguarding { note } }
          education { setting { name } sen { level } } leisure { activities { name } } } }
        """;

    private static readonly Dictionary<string, object[]> FieldOfGroup = new()
    {
        ["identity.basic"] = ["passport", "child", "givenName"],
        ["identity.nhsNumber"] = ["passport", "child", "nhsNumber"],
        ["aboutMe"] = ["passport", "aboutMe"],
        ["contacts.emergency"] = ["passport", "emergencyContacts"],
        ["health.emergency"] = ["passport", "health", "allergies"],
        ["health.clinical"] = ["passport", "health", "medications"],
        ["health.growth"] = ["passport", "health", "growth"],
        ["health.immunisations"] = ["passport", "health", "immunisations"],
        ["socialCare.legalStatus"] = ["passport", "socialCare", "legalStatus"],
        ["socialCare.involvement"] = ["passport", "socialCare", "involvement"],
        ["socialCare.safeguarding"] = ["passport", "socialCare", "safeguarding"],
        ["education.setting"] = ["passport", "education", "setting"],
        ["education.sen"] = ["passport", "education", "sen"],
        ["leisure.activities"] = ["passport", "leisure", "activities"],
    };

    private static Dictionary<(string Sector, string Group), string> Expected()
    {
        var rows = DefaultPolicy.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Skip(1);
        var table = new Dictionary<(string, string), string>();
        foreach (var row in rows)
        {
            var cells = row.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < Sectors.Length; i++)
            {
                table[(Sectors[i], cells[0])] = cells[i + 1];
            }
        }

        return table;
    }

    private static bool IsSharedByDefault(string level) => level is "always" or "default";

    [Fact]
    public async Task Every_sector_sees_exactly_the_groups_the_default_policy_allows()
    {
        var (carer, id) = await PassportWithDataInEveryGroupAsync();
        var expected = Expected();
        await ShouldMatchAsync(carer, id, (sector, group) => IsSharedByDefault(expected[(sector, group)]), expected);
    }

    [Fact]
    public async Task After_the_family_opts_education_in_to_clinical_and_leisure_out_of_about_me_the_matrix_follows()
    {
        var (carer, id) = await PassportWithDataInEveryGroupAsync();
        const string set = "mutation($id: ID!, $sector: String!, $group: String!, $shared: Boolean!) { setSharing(passportId: $id, sector: $sector, group: $group, shared: $shared) { id } }";
        (await fixture.GraphQLAsync(carer, set, new { id, sector = "education", group = "health.clinical", shared = true })).Ok();
        (await fixture.GraphQLAsync(carer, set, new { id, sector = "leisure", group = "aboutMe", shared = false })).Ok();

        var expected = Expected();
        await ShouldMatchAsync(carer, id, (sector, group) => (sector, group) switch
        {
            ("education", "health.clinical") => true,
            ("leisure", "aboutMe") => false,
            _ => IsSharedByDefault(expected[(sector, group)]),
        }, expected);
    }

    /// <summary>Every field that carries a group, written out, with the group it must be in.</summary>
    private static readonly Dictionary<string, string> EveryGroupedField = new()
    {
        ["child.givenName"] = "identity.basic",
        ["child.familyName"] = "identity.basic",
        ["child.preferredName"] = "identity.basic",
        ["child.dateOfBirth"] = "identity.basic",
        ["child.dueForAdultTransition"] = "identity.basic",
        ["child.pronouns"] = "identity.basic",
        ["child.firstLanguage"] = "identity.basic",
        ["child.interpreterNeeded"] = "identity.basic",
        ["child.photoReference"] = "identity.basic",
        ["child.localAuthority"] = "identity.basic",
        ["child.nhsNumber"] = "identity.nhsNumber",
        ["isControlledByYoungPerson"] = "identity.basic",

        // A closing day at the 26th birthday reveals social care's involvement: both groups needed.
        ["closesOn"] = "identity.basic+socialCare.involvement",
        ["aboutMe"] = "aboutMe",
        ["emergencyContacts"] = "contacts.emergency",
        ["health.allergies"] = "health.emergency",
        ["health.alerts"] = "health.emergency",
        ["health.emergencyCarePlans"] = "health.emergency",
        ["health.equipment"] = "health.emergency",
        ["health.conditions"] = "health.clinical",
        ["health.medications"] = "health.clinical",
        ["health.clinicians"] = "health.clinical",
        ["health.growth"] = "health.growth",
        ["health.immunisations"] = "health.immunisations",
        ["socialCare.legalStatus"] = "socialCare.legalStatus",
        ["socialCare.involvement"] = "socialCare.involvement",
        ["socialCare.safeguarding"] = "socialCare.safeguarding",
        ["education.setting"] = "education.setting",
        ["education.sen"] = "education.sen",
        ["leisure.activities"] = "leisure.activities",
    };

    private static readonly HashSet<string> ScalarFields =
    [
        "child.givenName", "child.familyName", "child.preferredName", "child.dateOfBirth", "child.dueForAdultTransition", "child.nhsNumber",
        "child.pronouns", "child.firstLanguage", "child.interpreterNeeded", "child.photoReference", "child.localAuthority", "isControlledByYoungPerson", "closesOn",
    ];

    [Fact]
    public async Task The_field_list_of_this_matrix_is_every_grouped_field_the_schema_has()
    {
        // docs/schema.graphql is kept identical to the served schema by SchemaDocumentTests.
        var sdl = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "docs", "schema.graphql"));
        var sections = new Dictionary<string, string> { ["Child"] = "child", ["Health"] = "health", ["SocialCare"] = "socialCare", ["Education"] = "education", ["Leisure"] = "leisure" };
        var inSchema = sections.SelectMany(section => FieldsOf(sdl, section.Key).Select(field => $"{section.Value}.{field}"))
            .Concat(FieldsOf(sdl, "Passport").Where(f => f is not ("id" or "version" or "localAuthority" or "cursor" or "careTeam" or "carers" or "reviews" or "sharing" or "withheldItems" or "emergencyCard") && !sections.ContainsValue(f)))
            .Order(StringComparer.Ordinal);
        inSchema.ShouldBe(EveryGroupedField.Keys.Order(StringComparer.Ordinal), "a grouped field was added or removed: put it in EveryGroupedField with its group");
    }

    [Fact]
    public async Task Every_grouped_field_follows_the_policy_for_every_sector()
    {
        var (carer, id) = await PassportWithDataInEveryGroupAsync();
        var expected = Expected();
        var query = "query($id: ID!) { passport(id: $id) { " + string.Join(' ', EveryGroupedField.Keys.GroupBy(f => f.Contains('.') ? f[..f.IndexOf('.')] : "").Select(Selection)) + " } }";
        foreach (var sector in Sectors)
        {
            var professional = Persona.Professional(sector);
            (await RedeemAsync(professional, await ShareCodeAsync(carer, id, sector))).Ok();
            var read = await fixture.GraphQLAsync(professional, query, new { id });
            foreach (var (field, group) in EveryGroupedField)
            {
                var path = new object[] { "passport" }.Concat(field.Split('.')).ToArray();
                var denied = read.ErrorAt(path);
                if (group.Split('+').All(g => IsSharedByDefault(expected[(sector, g)])))
                {
                    denied.ShouldBeNull($"{sector} should see {field} ({group}): {read.Body}");
                }
                else
                {
                    denied.ShouldNotBeNull($"{sector} must not see {field} ({group}): {read.Body}");
                    path.Aggregate(read.Data, (node, step) => node?[(string)step]).ShouldBeNull();
                }
            }
        }
    }

    private static string Selection(IGrouping<string, string> fields) =>
        fields.Key.Length == 0
            ? string.Join(' ', fields.Select(f => ScalarFields.Contains(f) ? f : f + " { __typename }"))
            : fields.Key + " { " + string.Join(' ', fields.Select(f => ScalarFields.Contains(f) ? f[(f.IndexOf('.') + 1)..] : f[(f.IndexOf('.') + 1)..] + " { __typename }")) + " }";

    private static IEnumerable<string> FieldsOf(string sdl, string type)
    {
        var start = sdl.IndexOf($"\ntype {type} {{", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"type {type} is not in the schema");
        var end = sdl.IndexOf("\n}", start, StringComparison.Ordinal);
        return sdl[start..end].Split('\n').Skip(2)
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('"') && char.IsLower(line[0]))
            .Select(line => new string(line.TakeWhile(char.IsLetterOrDigit).ToArray()));
    }

    [Fact]
    public async Task Carers_and_the_young_person_see_every_group_but_safeguarding()
    {
        var (carer, id) = await PassportWithDataInEveryGroupAsync();
        var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { inviteYoungPerson(passportId: $id) { code } }", new { id })).Ok()["inviteYoungPerson"]!["code"]!.GetValue<string>();
        var youngPerson = Persona.YoungPerson();
        (await fixture.GraphQLAsync(youngPerson, "mutation($c: String!) { acceptYoungPersonInvitation(code: $c) { id } }", new { c = code })).Ok();

        foreach (var family in new[] { carer, youngPerson })
        {
            var read = await fixture.GraphQLAsync(family, EveryGroup, new { id });
            foreach (var (group, path) in FieldOfGroup)
            {
                var value = path.Aggregate(read.Data, (node, step) => node?[(string)step]);
                if (group == "socialCare.safeguarding")
                {
                    value.ShouldBeNull();
                    read.ErrorAt(path)!["extensions"]!["code"]!.GetValue<string>().ShouldBe("FIELD_NOT_PERMITTED");
                }
                else
                {
                    value.ShouldNotBeNull($"{group}: {read.Body}");
                }
            }

            read.Errors.Count.ShouldBe(1, read.Body);
            read.Body.ShouldNotContain("Strategy discussion");
        }
    }

    [Theory]
    [InlineData("health", "identity.basic")]     // always
    [InlineData("leisure", "identity.nhsNumber")] // never
    [InlineData("social-care", "socialCare.safeguarding")]
    [InlineData("social-care", "careTeam")]       // always
    [InlineData("leisure", "family.carers")]      // never
    public async Task The_family_cannot_change_always_or_never(string sector, string group)
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var response = await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!, $g: String!) { setSharing(passportId: $id, sector: $s, group: $g, shared: false) { id } }", new { id, s = sector, g = group });
        response.ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task Who_else_is_involved_is_shown_only_to_those_who_may_see_it_and_everyone_sees_their_own_entry()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var nurse = Persona.Professional("health");
        var teacher = Persona.Professional("education");
        var coach = Persona.Professional("leisure");
        foreach (var (professional, sector) in new[] { (nurse, "health"), (teacher, "education"), (coach, "leisure") })
        {
            (await RedeemAsync(professional, await ShareCodeAsync(carer, id, sector))).Ok();
        }

        await ShouldSeeListsAsync(coach, id, careTeam: [coach.Subject], carers: []);
        string[] everyone = [nurse.Subject, teacher.Subject, coach.Subject];
        await ShouldSeeListsAsync(nurse, id, everyone, [carer.Subject]);
        await ShouldSeeListsAsync(teacher, id, everyone, [carer.Subject]);
        await ShouldSeeListsAsync(carer, id, everyone, [carer.Subject]);

        // Education sees both lists by default; the family can withdraw them like any default group.
        const string set = "mutation($id: ID!, $g: String!) { setSharing(passportId: $id, sector: \"education\", group: $g, shared: false) { id } }";
        (await fixture.GraphQLAsync(carer, set, new { id, g = "careTeam" })).Ok();
        (await fixture.GraphQLAsync(carer, set, new { id, g = "family.carers" })).Ok();
        await ShouldSeeListsAsync(teacher, id, careTeam: [teacher.Subject], carers: []);

        // The access log says who was shown the lists.
        var log = (await fixture.GraphQLAsync(carer, "query($id: ID!) { accessLog(passportId: $id) { sector groups } }", new { id })).Ok()["accessLog"]!.AsArray();
        GroupsLoggedFor(log, "health").ShouldContain("careTeam");
        GroupsLoggedFor(log, "health").ShouldContain("family.carers");
        GroupsLoggedFor(log, "leisure").ShouldNotContain("careTeam");
        GroupsLoggedFor(log, "leisure").ShouldNotContain("family.carers");
    }

    private async Task<(string[] CareTeam, string[] Carers)> ListsSeenByAsync(Persona viewer, string id)
    {
        var passport = (await fixture.GraphQLAsync(viewer, "query($id: ID!) { passport(id: $id) { careTeam { subject } carers { subject } } }", new { id })).Ok()["passport"]!;
        return (Subjects(passport["careTeam"]!), Subjects(passport["carers"]!));
    }

    private async Task ShouldSeeListsAsync(Persona viewer, string id, string[] careTeam, string[] carers)
    {
        var (team, linked) = await ListsSeenByAsync(viewer, id);
        team.ShouldBe(careTeam.Order(StringComparer.Ordinal).ToArray(), "careTeam");
        linked.ShouldBe(carers.Order(StringComparer.Ordinal).ToArray(), "carers");
    }

    private static string[] Subjects(JsonNode list) => list.AsArray().Select(m => m!["subject"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray();

    private static string[] GroupsLoggedFor(JsonArray log, string sector) =>
        log.Where(e => e!["sector"]?.GetValue<string>() == sector).SelectMany(e => e!["groups"]!.AsArray().Select(g => g!.GetValue<string>())).Distinct().ToArray();

    [Fact]
    public async Task A_share_code_is_single_use()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var code = await ShareCodeAsync(carer, id, "education");
        code.ShouldMatch("^[A-HJ-NP-TW-Z2-9]{4}-[A-HJ-NP-TW-Z2-9]{4}$");

        (await RedeemAsync(Persona.Professional("education"), code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal))).Ok();
        (await RedeemAsync(Persona.Professional("education"), code)).ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    [Fact]
    public async Task A_share_code_for_one_sector_does_not_let_another_sector_in()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var code = await ShareCodeAsync(carer, id, "health");
        (await RedeemAsync(Persona.Professional("leisure"), code)).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await RedeemAsync(Persona.Professional("health"), code)).Ok();
    }

    [Fact]
    public async Task Guessing_share_codes_is_stopped_after_five_failures()
    {
        var guesser = Persona.Professional("leisure");
        for (var i = 0; i < 5; i++)
        {
            (await RedeemAsync(guesser, "AAAA-AAA" + "BCDEF"[i])).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        }

        // Even a genuine code is refused now, until the window passes.
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var code = await ShareCodeAsync(carer, id, "leisure");
        (await RedeemAsync(guesser, code)).ErrorCodes.ShouldBe(["RATE_LIMITED"]);
    }

    [Fact]
    public async Task Only_the_family_issues_share_codes()
    {
        var doctor = Persona.Professional("health");
        var id = await new PassportTests(fixture).CreateAsync(doctor);
        var response = await fixture.GraphQLAsync(doctor, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"leisure\") { code } }", new { id });
        response.ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task The_family_sees_the_care_team_and_removing_someone_ends_their_access()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var teacher = Persona.Professional("education", "Truro Primary School");
        (await RedeemAsync(teacher, await ShareCodeAsync(carer, id, "education"))).Ok();

        var team = (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { careTeam { subject displayName sector organisation howJoined } } }", new { id }))
            .Ok()["passport"]!["careTeam"]!.AsArray();
        team.Single()!["organisation"]!.GetValue<string>().ShouldBe("Truro Primary School");
        team.Single()!["howJoined"]!.GetValue<string>().ShouldBe("share code");

        (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!) { removeCareTeamMember(passportId: $id, subject: $s) { id } }", new { id, s = teacher.Subject })).Ok();
        (await fixture.GraphQLAsync(teacher, EveryGroup, new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    [Fact]
    public async Task A_care_team_professional_hands_over_to_a_colleague_of_the_same_organisation()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var nurse = Persona.Professional("health", "Royal Cornwall Hospitals NHS Trust");
        (await RedeemAsync(nurse, await ShareCodeAsync(carer, id, "health"))).Ok();
        var colleague = Persona.Professional("health", "Royal Cornwall Hospitals NHS Trust");

        (await fixture.GraphQLAsync(nurse, "mutation($id: ID!, $s: String!) { addCareTeamColleague(passportId: $id, subject: $s, displayName: \"Colleague\") { id } }", new { id, s = colleague.Subject })).Ok();
        (await fixture.GraphQLAsync(colleague, "query($id: ID!) { passport(id: $id) { child { givenName } } }", new { id })).Ok()["passport"]!["child"]!["givenName"]!.GetValue<string>().ShouldBe("Ellie");
    }

    [Fact]
    public async Task Break_glass_gives_a_health_professional_the_emergency_view_logs_it_and_tells_the_family()
    {
        var (carer, id) = await PassportWithDataInEveryGroupAsync();
        var paramedic = Persona.Professional("health", "South Western Ambulance Service");
        (await fixture.GraphQLAsync(paramedic, EveryGroup, new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);

        var response = await fixture.GraphQLAsync(paramedic, """
            mutation($id: ID!) { breakGlass(passportId: $id, reason: "Unconscious child at roadside, parents not present") {
              child { givenName nhsNumber } aboutMe { likes } emergencyContacts { name } health { allergies { substance } } } }
            """, new { id });
        var passport = response.Ok()["breakGlass"]!;
        passport["health"]!["allergies"]!.AsArray().Single()!["substance"]!.GetValue<string>().ShouldBe("Peanuts");
        passport["emergencyContacts"]!.AsArray().ShouldNotBeEmpty();

        var log = (await fixture.GraphQLAsync(carer, "query($id: ID!) { accessLog(passportId: $id) { displayName basis organisation } }", new { id })).Ok()["accessLog"]!.AsArray();
        log.ShouldContain(e => e!["basis"]!.GetValue<string>() == "BREAK_GLASS" && e["organisation"]!.GetValue<string>() == "South Western Ambulance Service");

        var notes = (await fixture.GraphQLAsync(carer, "query($id: ID!) { notifications(passportId: $id) { kind message } }", new { id })).Ok()["notifications"]!.AsArray();
        notes.ShouldContain(n => n!["kind"]!.GetValue<string>() == "break-glass" && n["message"]!.GetValue<string>().Contains("Unconscious child", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("education", "Pupil unwell in class today", "FORBIDDEN")]
    [InlineData("health", "   ", "VALIDATION_FAILED")]
    public async Task Break_glass_is_for_health_professionals_with_a_reason(string sector, string reason, string code)
    {
        var id = await new PassportTests(fixture).CreateAsync(Persona.Carer());
        var response = await fixture.GraphQLAsync(Persona.Professional(sector), "mutation($id: ID!, $r: String!) { breakGlass(passportId: $id, reason: $r) { id } }", new { id, r = reason });
        response.ErrorCodes.ShouldBe([code]);
    }

    [Fact]
    public async Task An_auditor_reads_any_access_log_but_never_the_passport()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var auditor = Persona.Auditor();
        (await fixture.GraphQLAsync(auditor, "query($id: ID!) { accessLog(passportId: $id) { basis } }", new { id })).Ok()["accessLog"]!.AsArray().ShouldNotBeEmpty();
        (await fixture.GraphQLAsync(auditor, EveryGroup, new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);

        var log = (await fixture.GraphQLAsync(carer, "query($id: ID!) { accessLog(passportId: $id) { basis groups } }", new { id })).Ok()["accessLog"]!.AsArray();
        log.ShouldContain(e => e!["basis"]!.GetValue<string>() == "AUDITOR" && e["groups"]!.AsArray().Count == 0);
    }

    private async Task ShouldMatchAsync(Persona carer, string id, Func<string, string, bool> shouldSee, Dictionary<(string, string), string> expected)
    {
        // The family's view of the sharing settings covers every cell of the table.
        var sharing = (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { sharing { sector group level shared familyMayChange } } }", new { id }))
            .Ok()["passport"]!["sharing"]!.AsArray();
        foreach (var ((sector, group), level) in expected)
        {
            var cell = sharing.SingleOrDefault(s => s!["sector"]!.GetValue<string>() == sector && s["group"]!.GetValue<string>() == group);
            cell.ShouldNotBeNull($"{sector} × {group} is missing from the sharing settings");
            cell!["level"]!.GetValue<string>().ShouldBe(level switch { "optIn" => "OPT_IN", _ => level.ToUpperInvariant() }, $"{sector} × {group}");
            cell["shared"]!.GetValue<bool>().ShouldBe(shouldSee(sector, group), $"{sector} × {group}");
        }

        // And a professional of each sector sees exactly those groups' fields.
        foreach (var sector in Sectors)
        {
            var professional = Persona.Professional(sector);
            (await RedeemAsync(professional, await ShareCodeAsync(carer, id, sector))).Ok();
            var read = await fixture.GraphQLAsync(professional, EveryGroup, new { id });
            foreach (var (group, path) in FieldOfGroup)
            {
                var denied = read.ErrorAt(path);
                var value = path.Aggregate(read.Data, (node, step) => node?[(string)step]);
                if (shouldSee(sector, group))
                {
                    denied.ShouldBeNull($"{sector} should see {group}: {read.Body}");
                    value.ShouldNotBeNull($"{sector} should see {group}: {read.Body}");
                }
                else
                {
                    denied.ShouldNotBeNull($"{sector} must not see {group}: {read.Body}");
                    denied!["extensions"]!["code"]!.GetValue<string>().ShouldBe("FIELD_NOT_PERMITTED");
                    value.ShouldBeNull();
                }
            }

            // The lists that are groups: the whole list, or only the viewer's own entry (never an error).
            var (team, carers) = await ListsSeenByAsync(professional, id);
            if (shouldSee(sector, "careTeam"))
            {
                team.Length.ShouldBeGreaterThan(1, $"{sector} should see the whole care team");
                team.ShouldContain(professional.Subject);
            }
            else
            {
                team.ShouldBe([professional.Subject], $"{sector} must see only itself in the care team");
            }

            string[] expectedCarers = shouldSee(sector, "family.carers") ? [carer.Subject] : [];
            carers.ShouldBe(expectedCarers, $"{sector} × family.carers");
        }
    }

    private async Task<(Persona Carer, string Id)> PassportWithDataInEveryGroupAsync()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { updateAboutMe(passportId: $id, expectedVersion: 1, input: { likes: \"Trains\" }) { id } }", new { id })).Ok();
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { addEmergencyContact(passportId: $id, input: { name: \"Mum\", relationship: \"Mother\", parentalResponsibility: true, phone: \"07700 900123\" }) { id } }", new { id })).Ok();
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Peanuts\", severity: SEVERE }) { id } }", new { id })).Ok();
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { recordMedication(passportId: $id, input: { name: \"Melatonin\", dose: \"2 mg\" }) { id } }", new { id })).Ok();
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { recordGrowthMeasurement(passportId: $id, input: { measuredOn: \"2025-06-01\", heightCm: 128.5 }) { id } }", new { id })).Ok();
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { recordImmunisation(passportId: $id, input: { vaccine: \"MMR\", givenOn: \"2017-06-01\" }) { id } }", new { id })).Ok();
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { setEducationSetting(passportId: $id, input: { name: \"Truro Primary\", yearGroup: \"Year 4\" }) { id } }", new { id })).Ok();
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { setSenSupport(passportId: $id, input: { level: SEN_SUPPORT, ehcpStatus: NONE, needs: \"Speech and language\" }) { id } }", new { id })).Ok();
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { addActivity(passportId: $id, input: { name: \"Swimming club\", supportNeeded: \"1:1 in the water\" }) { id } }", new { id })).Ok();

        // Social care records its own groups; the family cannot.
        var socialWorker = Persona.Professional("social-care");
        (await RedeemAsync(socialWorker, await ShareCodeAsync(carer, id, "social-care"))).Ok();
        (await fixture.GraphQLAsync(socialWorker, "mutation($id: ID!) { setLegalStatus(passportId: $id, input: { status: CHILD_IN_NEED, since: \"2024-01-01\" }) { id } }", new { id })).Ok();
        (await fixture.GraphQLAsync(socialWorker, "mutation($id: ID!) { recordInvolvement(passportId: $id, input: { allocatedWorker: \"Tom Evans\", services: [\"Short breaks\"] }) { id } }", new { id })).Ok();
        (await fixture.GraphQLAsync(socialWorker, "mutation($id: ID!) { addSafeguardingNote(passportId: $id, note: \"Strategy discussion held\") { id } }", new { id })).Ok();
        return (carer, id);
    }

    private async Task<string> ShareCodeAsync(Persona carer, string id, string sector) =>
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code expiresAt } }", new { id, s = sector }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();

    private Task<GraphQLResponse> RedeemAsync(Persona professional, string code) =>
        fixture.GraphQLAsync(professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });
}
