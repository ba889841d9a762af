using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class HealthRecordTests(PassportFixture fixture)
{
    /// <summary>One kind of health item: its mutations' name, its list on <c>Health</c>, and two sets of values to record and amend to.</summary>
    public sealed record Kind(string Name, string List, string Group, object Input, object Amended)
    {
        public string Fields => string.Join(' ', Keys(Input).Union(Keys(Amended)));

        public override string ToString() => Name;

        private static IEnumerable<string> Keys(object values) => JsonSerializer.SerializeToNode(values)!.AsObject().Select(p => p.Key);
    }

    private static readonly Kind[] Kinds =
    [
        new("Allergy", "allergies", "health.emergency",
            new { substance = "Peanuts", reaction = "Anaphylaxis", severity = "SEVERE", status = "ACTIVE" },
            new { substance = "Peanuts", reaction = "Hives", severity = "MODERATE", status = "RESOLVED" }),
        new("Alert", "alerts", "health.emergency",
            new { title = "No intramuscular injections", details = "Bleeding disorder" },
            new { title = "No intramuscular injections", details = "Haemophilia A: give by another route" }),
        new("EmergencyCarePlan", "emergencyCarePlans", "health.emergency",
            new { title = "Seizure plan", plan = "If a seizure lasts 5 minutes give buccal midazolam 5 mg and call 999." },
            new { title = "Seizure plan", plan = "If a seizure lasts 3 minutes give buccal midazolam 7.5 mg and call 999." }),
        new("Equipment", "equipment", "health.emergency",
            new { name = "Portable suction machine", notes = "In the blue bag" },
            new { name = "Portable suction machine", notes = "In the red bag; charge overnight" }),
        new("Condition", "conditions", "health.clinical",
            new { name = "Epilepsy", snomedCode = "84757009", onset = "2019-02-01" },
            new { name = "Asthma", snomedCode = "195967001", onset = "2020-11-30" }),
        new("Medication", "medications", "health.clinical",
            new { name = "Sodium valproate", dose = "200 mg", route = "By mouth", frequency = "Twice a day", howITakeIt = "Crushed in yoghurt" },
            new { name = "Sodium valproate", dose = "300 mg", route = "By mouth", frequency = "Twice a day", howITakeIt = "As a liquid" }),
        new("Clinician", "clinicians", "health.clinical",
            new { name = "Dr Amara Okafor", role = "Consultant paediatric neurologist", service = "Royal Cornwall Hospital", contact = "01872 250000" },
            new { name = "Dr Amara Okafor", role = "Consultant paediatric neurologist", service = "Derriford Hospital", contact = "01752 202082" }),
        new("GrowthMeasurement", "growth", "health.growth",
            new { measuredOn = "2023-09-14", heightCm = 121.5, weightKg = 23.25, headCircumferenceCm = 52.5 },
            new { measuredOn = "2023-09-15", heightCm = 122.5, weightKg = 23.75, headCircumferenceCm = 52.5 }),
        new("Immunisation", "immunisations", "health.immunisations",
            new { vaccine = "MMR (1st dose)", givenOn = "2017-06-20" },
            new { vaccine = "MMR (1st dose)", givenOn = "2017-06-21" }),
    ];

    public static TheoryData<string> KindNames() => [.. Kinds.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(KindNames))]
    public async Task An_item_the_family_records_is_read_back_unverified_with_who_recorded_it(string name)
    {
        var kind = Kinds.Single(k => k.Name == name);
        var carer = Persona.Carer("Alex Morgan");
        var id = await new PassportTests(fixture).CreateAsync(carer);

        var recorded = (await RecordAsync(carer, id, kind, kind.Input)).Single()!;

        var item = (await ReadAsync(carer, id, kind)).Single()!;
        item["id"]!.GetValue<string>().ShouldBe(recorded["id"]!.GetValue<string>());
        ShouldHaveValues(item, kind.Input);
        item["verified"]!.GetValue<bool>().ShouldBeFalse();
        item["verifiedBy"].ShouldBeNull();
        item["recordedBy"]!["displayName"]!.GetValue<string>().ShouldBe("Alex Morgan");
        item["recordedBy"]!["role"]!.GetValue<string>().ShouldBe("carer");
        DateTimeOffset.Parse(item["recordedAt"]!.GetValue<string>(), CultureInfo.InvariantCulture).ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public async Task An_item_a_health_professional_records_is_verified(string name)
    {
        var kind = Kinds.Single(k => k.Name == name);
        var doctor = Persona.Professional("health", "Royal Cornwall Hospitals NHS Trust");
        var id = await new PassportTests(fixture).CreateAsync(doctor);

        var item = (await RecordAsync(doctor, id, kind, kind.Input)).Single()!;
        item["verified"]!.GetValue<bool>().ShouldBeTrue();
        item["recordedBy"]!["sector"]!.GetValue<string>().ShouldBe("health");
        item["recordedBy"]!["organisation"]!.GetValue<string>().ShouldBe("Royal Cornwall Hospitals NHS Trust");
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public async Task Amending_an_item_changes_its_values_and_keeps_its_id(string name)
    {
        var kind = Kinds.Single(k => k.Name == name);
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var itemId = (await RecordAsync(carer, id, kind, kind.Input)).Single()!["id"]!.GetValue<string>();

        var nurse = await JoinCareTeamAsync(carer, id, "health");
        var amended = (await fixture.GraphQLAsync(nurse, Amend(kind), new { id, itemId, input = kind.Amended })).Ok()[$"amend{kind.Name}"]!;
        amended["version"]!.GetValue<int>().ShouldBe(5); // created, recorded, share code issued, joined, amended

        var item = (await ReadAsync(carer, id, kind)).Single()!;
        item["id"]!.GetValue<string>().ShouldBe(itemId);
        ShouldHaveValues(item, kind.Amended);
        item["verified"]!.GetValue<bool>().ShouldBeTrue(); // the new values are the nurse's
        item["recordedBy"]!["sector"]!.GetValue<string>().ShouldBe("health");
    }

    [Theory]
    [MemberData(nameof(KindNames))]
    public async Task Ending_an_item_takes_it_off_the_current_list_and_only_once(string name)
    {
        var kind = Kinds.Single(k => k.Name == name);
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var first = (await RecordAsync(carer, id, kind, kind.Input)).Single()!["id"]!.GetValue<string>();
        var second = (await RecordAsync(carer, id, kind, kind.Amended)).Single(i => i!["id"]!.GetValue<string>() != first)!["id"]!.GetValue<string>();

        var passport = (await fixture.GraphQLAsync(carer, End(kind), new { id, itemId = first })).Ok()[$"end{kind.Name}"]!;
        passport["health"]![kind.List]!.AsArray().Select(i => i!["id"]!.GetValue<string>()).ShouldBe([second]);
        (await ReadAsync(carer, id, kind)).Select(i => i!["id"]!.GetValue<string>()).ShouldBe([second]);

        ShouldNameTheItem(await fixture.GraphQLAsync(carer, End(kind), new { id, itemId = first }));
        ShouldNameTheItem(await fixture.GraphQLAsync(carer, Amend(kind), new { id, itemId = first, input = kind.Amended }));
    }

    [Fact]
    public async Task The_history_names_each_change_by_its_kind()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var medication = Kinds.Single(k => k.Name == "Medication");
        var itemId = (await RecordAsync(carer, id, medication, medication.Input)).Single()!["id"]!.GetValue<string>();
        (await fixture.GraphQLAsync(carer, Amend(medication), new { id, itemId, input = medication.Amended })).Ok();
        (await fixture.GraphQLAsync(carer, End(medication), new { id, itemId })).Ok();

        var history = (await fixture.GraphQLAsync(carer, "query($id: ID!) { history(passportId: $id) { change group itemId } }", new { id })).Ok()["history"]!.AsArray();
        history.Take(3).Select(h => h!["change"]!.GetValue<string>()).ShouldBe(["Medication ended", "Medication amended", "Medication recorded"]);
        history.Take(3).ShouldAllBe(h => h!["group"]!.GetValue<string>() == "health.clinical" && h["itemId"]!.GetValue<string>() == itemId);
    }

    [Theory]
    [InlineData("GrowthMeasurement", """{ "measuredOn": "2023-09-14", "heightCm": 300 }""", "input.heightCm")]
    [InlineData("GrowthMeasurement", """{ "measuredOn": "2023-09-14", "weightKg": 0.1 }""", "input.weightKg")]
    [InlineData("GrowthMeasurement", """{ "measuredOn": "2023-09-14", "headCircumferenceCm": 71 }""", "input.headCircumferenceCm")]
    [InlineData("GrowthMeasurement", """{ "measuredOn": "2023-09-14" }""", "input")]
    [InlineData("GrowthMeasurement", """{ "measuredOn": "tomorrow", "weightKg": 20 }""", "input.measuredOn")]
    [InlineData("GrowthMeasurement", """{ "measuredOn": "30-years-ago", "weightKg": 20 }""", "input.measuredOn")]
    [InlineData("Immunisation", """{ "vaccine": "MMR", "givenOn": "tomorrow" }""", "input.givenOn")]
    [InlineData("Immunisation", """{ "vaccine": " ", "givenOn": "2017-06-20" }""", "input.vaccine")]
    [InlineData("Condition", """{ "name": "Asthma", "snomedCode": "195967002" }""", "input.snomedCode")]
    [InlineData("Condition", """{ "name": "Asthma", "onset": "tomorrow" }""", "input.onset")]
    [InlineData("Medication", """{ "name": "Melatonin", "dose": "oversized" }""", "input.dose")]
    [InlineData("Medication", """{ "name": "Melatonin", "howITakeIt": "oversized" }""", "input.howITakeIt")]
    [InlineData("EmergencyCarePlan", """{ "title": "Seizure plan", "plan": "" }""", "input.plan")]
    [InlineData("Clinician", """{ "name": "" }""", "input.name")]
    public async Task Invalid_input_is_refused_naming_the_field(string name, string input, string field)
    {
        var kind = Kinds.Single(k => k.Name == name);
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var values = JsonNode.Parse(input)!.AsObject();
        foreach (var (key, value) in values.ToList())
        {
            values[key] = value?.GetValue<object>().ToString() switch
            {
                "tomorrow" => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "30-years-ago" => DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "oversized" => new string('x', 1001),
                _ => value?.DeepClone(),
            };
        }

        var response = await fixture.GraphQLAsync(carer, Record(kind), new { id, input = values });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"], response.Body);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe(field);
        (await ReadAsync(carer, id, kind)).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("not-a-guid")]
    [InlineData("another kind's item")]
    public async Task Amending_an_item_that_is_not_current_is_refused_naming_the_item(string which)
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var alert = Kinds.Single(k => k.Name == "Alert");
        var allergy = Kinds.Single(k => k.Name == "Allergy");
        var itemId = which switch
        {
            "unknown" => Guid.NewGuid().ToString(),
            "not-a-guid" => "not-a-guid",
            _ => (await RecordAsync(carer, id, allergy, allergy.Input)).Single()!["id"]!.GetValue<string>(), // same group, different kind
        };

        ShouldNameTheItem(await fixture.GraphQLAsync(carer, Amend(alert), new { id, itemId, input = alert.Amended }));
        (await ReadAsync(carer, id, allergy)).Count.ShouldBe(which == "another kind's item" ? 1 : 0);
    }

    [Fact]
    public async Task Growth_is_listed_oldest_first()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var growth = Kinds.Single(k => k.Name == "GrowthMeasurement");
        foreach (var measuredOn in new[] { "2022-03-01", "2020-01-10", "2021-06-30" })
        {
            await RecordAsync(carer, id, growth, new { measuredOn, weightKg = 18.5 });
        }

        (await ReadAsync(carer, id, growth)).Select(m => m!["measuredOn"]!.GetValue<string>()).ShouldBe(["2020-01-10", "2021-06-30", "2022-03-01"]);
    }

    [Theory]
    [InlineData("health", new[] { "health.emergency", "health.clinical", "health.growth", "health.immunisations" })]
    [InlineData("social-care", new[] { "health.emergency", "health.clinical" })]
    [InlineData("education", new[] { "health.emergency" })]
    [InlineData("leisure", new[] { "health.emergency" })]
    public async Task A_care_team_professional_sees_only_the_health_groups_their_sector_may_see(string sector, string[] visible)
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        foreach (var kind in Kinds)
        {
            await RecordAsync(carer, id, kind, kind.Input);
        }

        var professional = await JoinCareTeamAsync(carer, id, sector);
        var read = await fixture.GraphQLAsync(professional, $"query($id: ID!) {{ passport(id: $id) {{ health {{ {string.Join(' ', Kinds.Select(k => $"{k.List} {{ id {k.Fields} }}"))} }} }} }}", new { id });
        foreach (var kind in Kinds)
        {
            var list = read.Data!["passport"]!["health"]![kind.List];
            var denied = read.ErrorAt("passport", "health", kind.List);
            if (visible.Contains(kind.Group))
            {
                denied.ShouldBeNull(read.Body);
                list!.AsArray().Count.ShouldBe(1, kind.Name);
            }
            else
            {
                denied.ShouldNotBeNull($"{sector} must not see {kind.List}: {read.Body}");
                denied!["extensions"]!["code"]!.GetValue<string>().ShouldBe("FIELD_NOT_PERMITTED");
                list.ShouldBeNull();
            }
        }

        if (!visible.Contains("health.clinical"))
        {
            read.Body.ShouldNotContain("Sodium valproate");
        }

        if (!visible.Contains("health.growth"))
        {
            read.Body.ShouldNotContain("121.5");
        }
    }

    [Fact]
    public async Task Only_health_professionals_and_the_family_record_health_items()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var medication = Kinds.Single(k => k.Name == "Medication");
        var itemId = (await RecordAsync(carer, id, medication, medication.Input)).Single()!["id"]!.GetValue<string>();

        var teacher = await JoinCareTeamAsync(carer, id, "education");
        (await fixture.GraphQLAsync(teacher, Record(medication), new { id, input = medication.Input })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(teacher, Amend(medication), new { id, itemId, input = medication.Amended })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(teacher, End(medication), new { id, itemId })).ErrorCodes.ShouldBe(["FORBIDDEN"]);

        var stranger = Persona.Professional("health");
        (await fixture.GraphQLAsync(stranger, End(medication), new { id, itemId })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await ReadAsync(carer, id, medication)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_health_professional_verifies_what_the_family_reported_until_the_family_changes_it()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var immunisation = Kinds.Single(k => k.Name == "Immunisation");
        var itemId = (await RecordAsync(carer, id, immunisation, immunisation.Input)).Single()!["id"]!.GetValue<string>();
        var nurse = await JoinCareTeamAsync(carer, id, "health");

        (await fixture.GraphQLAsync(nurse, "mutation($id: ID!, $item: ID!) { verifyItem(passportId: $id, itemId: $item) { id } }", new { id, item = itemId })).Ok();
        var verified = (await ReadAsync(carer, id, immunisation)).Single()!;
        verified["verified"]!.GetValue<bool>().ShouldBeTrue();
        verified["verifiedBy"]!["displayName"]!.GetValue<string>().ShouldBe(nurse.Claims.Name);
        verified["verifiedBy"]!["sector"]!.GetValue<string>().ShouldBe("health");
        verified["recordedBy"]!["role"]!.GetValue<string>().ShouldBe("carer"); // who reported it is kept

        (await fixture.GraphQLAsync(carer, Amend(immunisation), new { id, itemId, input = immunisation.Amended })).Ok();
        var amended = (await ReadAsync(carer, id, immunisation)).Single()!;
        amended["verified"]!.GetValue<bool>().ShouldBeFalse();
        amended["verifiedBy"].ShouldBeNull();
    }

    [Fact]
    public async Task A_professional_withholds_a_health_item_from_the_family()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var condition = Kinds.Single(k => k.Name == "Condition");
        var doctor = await JoinCareTeamAsync(carer, id, "health");
        var itemId = (await RecordAsync(doctor, id, condition, condition.Input)).Single()!["id"]!.GetValue<string>();
        const string withhold = "mutation($id: ID!, $group: String!, $item: ID!) { setItemWithheld(passportId: $id, group: $group, itemId: $item, withheld: true) { id } }";

        var wrongGroup = await fixture.GraphQLAsync(doctor, withhold, new { id, group = "health.emergency", item = itemId });
        wrongGroup.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        (await fixture.GraphQLAsync(doctor, withhold, new { id, group = "health.clinical", item = itemId })).Ok();

        (await ReadAsync(carer, id, condition)).ShouldBeEmpty();
        (await ReadAsync(doctor, id, condition)).Single()!["id"]!.GetValue<string>().ShouldBe(itemId);
    }

    [Fact]
    public async Task Recording_an_emergency_care_plan_and_amending_an_allergy_tell_the_rest_of_the_care_team()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var allergy = Kinds.Single(k => k.Name == "Allergy");
        var plan = Kinds.Single(k => k.Name == "EmergencyCarePlan");
        var medication = Kinds.Single(k => k.Name == "Medication");
        var nurse = await JoinCareTeamAsync(carer, id, "health");
        var teacher = await JoinCareTeamAsync(carer, id, "education");

        var allergyId = (await RecordAsync(nurse, id, allergy, allergy.Input)).Single()!["id"]!.GetValue<string>();
        (await fixture.GraphQLAsync(nurse, Amend(allergy), new { id, itemId = allergyId, input = allergy.Amended })).Ok();
        await RecordAsync(nurse, id, plan, plan.Input);
        await RecordAsync(nurse, id, medication, medication.Input); // not emergency information

        const string mine = "{ myNotifications { passportId kind message } }";
        var notes = await EventuallyAsync(
            async () => (await fixture.GraphQLAsync(teacher, mine)).Ok()["myNotifications"]!.AsArray().Where(n => n!["kind"]!.GetValue<string>() == "emergency-information").ToList(),
            n => n.Count >= 3);
        var messages = notes.Select(n => n!["message"]!.GetValue<string>()).Order().ToList();
        messages.Count.ShouldBe(3, string.Join('\n', messages));
        messages[0].ShouldStartWith("Emergency care plan recorded: Seizure plan");
        messages[1].ShouldStartWith("Moderate allergy amended: Peanuts (resolved)");
        messages[2].ShouldStartWith("Severe allergy recorded: Peanuts");
        notes.ShouldAllBe(n => n!["passportId"]!.GetValue<string>() == id);
        (await fixture.GraphQLAsync(nurse, mine)).Ok()["myNotifications"]!.AsArray().ShouldBeEmpty();
    }

    private static string Record(Kind kind) => $$"""
        mutation($id: ID!, $input: {{kind.Name}}Input!) {
          record{{kind.Name}}(passportId: $id, input: $input) { version health { {{kind.List}} { {{ItemFields(kind)}} } } }
        }
        """;

    private static string Amend(Kind kind) => $$"""
        mutation($id: ID!, $itemId: ID!, $input: {{kind.Name}}Input!) {
          amend{{kind.Name}}(passportId: $id, itemId: $itemId, input: $input) { version health { {{kind.List}} { {{ItemFields(kind)}} } } }
        }
        """;

    private static string End(Kind kind) => $$"""
        mutation($id: ID!, $itemId: ID!) {
          end{{kind.Name}}(passportId: $id, itemId: $itemId) { version health { {{kind.List}} { {{ItemFields(kind)}} } } }
        }
        """;

    private static string ItemFields(Kind kind) =>
        $"id {kind.Fields} verified recordedAt recordedBy {{ displayName role sector organisation }} verifiedBy {{ displayName sector }}";

    private async Task<JsonArray> RecordAsync(Persona who, string id, Kind kind, object input) =>
        (await fixture.GraphQLAsync(who, Record(kind), new { id, input })).Ok()[$"record{kind.Name}"]!["health"]![kind.List]!.AsArray();

    private async Task<JsonArray> ReadAsync(Persona who, string id, Kind kind) =>
        (await fixture.GraphQLAsync(who, $"query($id: ID!) {{ passport(id: $id) {{ health {{ {kind.List} {{ {ItemFields(kind)} }} }} }} }}", new { id }))
            .Ok()["passport"]!["health"]![kind.List]!.AsArray();

    private async Task<Persona> JoinCareTeamAsync(Persona carer, string id, string sector)
    {
        var professional = Persona.Professional(sector);
        var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id, s = sector }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();
        (await fixture.GraphQLAsync(professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();
        return professional;
    }

    private static void ShouldHaveValues(JsonNode item, object expected)
    {
        foreach (var (field, value) in JsonSerializer.SerializeToNode(expected)!.AsObject())
        {
            (item[field]?.ToJsonString() ?? "null").ShouldBe(value?.ToJsonString() ?? "null", field);
        }
    }

    private static void ShouldNameTheItem(GraphQLResponse response)
    {
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"], response.Body);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("itemId");
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
