using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class LeisureTests(PassportFixture fixture)
{
    private const string Add = """
        mutation($id: ID!, $input: ActivityInput!) {
          addActivity(passportId: $id, input: $input) {
            version
            leisure { activities { id name supportNeeded needsOneToOne needsChangingPlaces swimmingAbility dietaryNeeds verified recordedBy { displayName role sector organisation } } }
          }
        }
        """;

    private const string End = """
        mutation($id: ID!, $activityId: ID!) {
          endActivity(passportId: $id, activityId: $activityId) { version leisure { activities { id name } } }
        }
        """;

    private const string Amend = """
        mutation($id: ID!, $activityId: ID!, $input: ActivityInput!) {
          amendActivity(passportId: $id, activityId: $activityId, input: $input) {
            version
            leisure { activities { id name supportNeeded needsOneToOne needsChangingPlaces swimmingAbility dietaryNeeds verified verifiedBy { displayName } recordedBy { displayName role sector organisation } } }
          }
        }
        """;

    private const string Read = "query($id: ID!) { passport(id: $id) { leisure { activities { id name supportNeeded needsOneToOne needsChangingPlaces swimmingAbility dietaryNeeds verified } } } }";

    [Fact]
    public async Task An_activity_the_family_adds_is_shown_unverified_and_read_back()
    {
        var carer = Persona.Carer("Alex Morgan");
        var id = await new PassportTests(fixture).CreateAsync(carer);

        var passport = (await fixture.GraphQLAsync(carer, Add, new
        {
            id,
            input = new
            {
                name = "Saturday swimming, Truro Leisure Centre",
                supportNeeded = "Needs an adult in the water",
                needsOneToOne = true,
                needsChangingPlaces = true,
                swimmingAbility = "Non-swimmer, uses a float",
                dietaryNeeds = "No nuts",
            },
        })).Ok()["addActivity"]!;
        passport["version"]!.GetValue<int>().ShouldBe(2);
        var added = passport["leisure"]!["activities"]!.AsArray().Single()!;
        added["verified"]!.GetValue<bool>().ShouldBeFalse();
        added["recordedBy"]!["displayName"]!.GetValue<string>().ShouldBe("Alex Morgan");
        added["recordedBy"]!["role"]!.GetValue<string>().ShouldBe("carer");

        var activity = (await fixture.GraphQLAsync(carer, Read, new { id })).Ok()["passport"]!["leisure"]!["activities"]!.AsArray().Single()!;
        activity["id"]!.GetValue<string>().ShouldBe(added["id"]!.GetValue<string>());
        activity["name"]!.GetValue<string>().ShouldBe("Saturday swimming, Truro Leisure Centre");
        activity["supportNeeded"]!.GetValue<string>().ShouldBe("Needs an adult in the water");
        activity["needsOneToOne"]!.GetValue<bool>().ShouldBeTrue();
        activity["needsChangingPlaces"]!.GetValue<bool>().ShouldBeTrue();
        activity["swimmingAbility"]!.GetValue<string>().ShouldBe("Non-swimmer, uses a float");
        activity["dietaryNeeds"]!.GetValue<string>().ShouldBe("No nuts");
        activity["verified"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task A_passport_with_no_activities_shows_an_empty_list()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        (await fixture.GraphQLAsync(carer, Read, new { id })).Ok()["passport"]!["leisure"]!["activities"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task An_activity_a_leisure_professional_records_is_verified()
    {
        var coach = Persona.Professional("leisure", "Truro Leisure Centre");
        var id = await new PassportTests(fixture).CreateAsync(coach);

        var activity = (await fixture.GraphQLAsync(coach, Add, new { id, input = new { name = "Holiday club" } }))
            .Ok()["addActivity"]!["leisure"]!["activities"]!.AsArray().Single()!;
        activity["verified"]!.GetValue<bool>().ShouldBeTrue();
        activity["needsOneToOne"]!.GetValue<bool>().ShouldBeFalse();
        activity["needsChangingPlaces"]!.GetValue<bool>().ShouldBeFalse();
        activity["supportNeeded"].ShouldBeNull();
        activity["recordedBy"]!["sector"]!.GetValue<string>().ShouldBe("leisure");
        activity["recordedBy"]!["organisation"]!.GetValue<string>().ShouldBe("Truro Leisure Centre");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("oversized")]
    public async Task An_activity_without_a_valid_name_is_refused_naming_the_field(string name)
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var response = await fixture.GraphQLAsync(carer, Add, new { id, input = new { name = name == "oversized" ? new string('x', 500) : name } });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("input.name");
    }

    [Fact]
    public async Task Ending_an_activity_removes_it_from_the_current_list()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        (await fixture.GraphQLAsync(carer, Add, new { id, input = new { name = "Football" } })).Ok();
        var activities = (await fixture.GraphQLAsync(carer, Add, new { id, input = new { name = "Drama club" } })).Ok()["addActivity"]!["leisure"]!["activities"]!.AsArray();
        var football = activities.Single(a => a!["name"]!.GetValue<string>() == "Football")!["id"]!.GetValue<string>();

        var passport = (await fixture.GraphQLAsync(carer, End, new { id, activityId = football })).Ok()["endActivity"]!;
        passport["version"]!.GetValue<int>().ShouldBe(4);
        passport["leisure"]!["activities"]!.AsArray().Select(a => a!["name"]!.GetValue<string>()).ShouldBe(["Drama club"]);

        (await fixture.GraphQLAsync(carer, Read, new { id })).Ok()["passport"]!["leisure"]!["activities"]!.AsArray()
            .Select(a => a!["name"]!.GetValue<string>()).ShouldBe(["Drama club"]);
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("not-a-guid")]
    [InlineData("ended")]
    public async Task Ending_an_activity_that_is_not_current_is_refused_naming_the_activity(string which)
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var activityId = which switch
        {
            "unknown" => Guid.NewGuid().ToString(),
            "not-a-guid" => "not-a-guid",
            _ => (await fixture.GraphQLAsync(carer, Add, new { id, input = new { name = "Gymnastics" } })).Ok()["addActivity"]!["leisure"]!["activities"]!.AsArray().Single()!["id"]!.GetValue<string>(),
        };
        if (which == "ended")
        {
            (await fixture.GraphQLAsync(carer, End, new { id, activityId })).Ok();
        }

        var response = await fixture.GraphQLAsync(carer, End, new { id, activityId });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("activityId");
    }

    [Fact]
    public async Task Nobody_without_a_relationship_can_add_an_activity()
    {
        var id = await new PassportTests(fixture).CreateAsync(Persona.Carer());
        var response = await fixture.GraphQLAsync(Persona.Professional("leisure"), Add, new { id, input = new { name = "Football" } });
        response.ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    [Fact]
    public async Task A_health_professional_on_the_care_team_does_not_see_activities_unless_the_family_opts_in()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        (await fixture.GraphQLAsync(carer, Add, new { id, input = new { name = "Swimming", dietaryNeeds = "Gluten free" } })).Ok();
        var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();
        var doctor = Persona.Professional("health");
        (await fixture.GraphQLAsync(doctor, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();

        var read = await fixture.GraphQLAsync(doctor, Read, new { id });
        var denied = read.ErrorAt("passport", "leisure", "activities");
        denied.ShouldNotBeNull(read.Body);
        denied!["extensions"]!["code"]!.GetValue<string>().ShouldBe("FIELD_NOT_PERMITTED");
        read.Data!["passport"]!["leisure"]?["activities"].ShouldBeNull();
        read.Body.ShouldNotContain("Gluten free");

        // Nor can they record there.
        (await fixture.GraphQLAsync(doctor, Add, new { id, input = new { name = "Hydrotherapy" } })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task Amending_an_activity_keeps_its_id_and_place_and_changes_its_details()
    {
        var carer = Persona.Carer("Alex Morgan");
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var swimming = await AddAsync(carer, id, new { name = "Swimming", supportNeeded = "Adult in the water", needsOneToOne = true, dietaryNeeds = "No nuts" });
        await AddAsync(carer, id, new { name = "Drama club" });

        var passport = (await fixture.GraphQLAsync(carer, Amend, new
        {
            id,
            activityId = swimming,
            input = new { name = " Saturday swimming ", swimmingAbility = "10 metres with a float", needsChangingPlaces = true },
        })).Ok()["amendActivity"]!;
        passport["version"]!.GetValue<int>().ShouldBe(4);
        var activities = passport["leisure"]!["activities"]!.AsArray();
        activities.Select(a => a!["name"]!.GetValue<string>()).ShouldBe(["Saturday swimming", "Drama club"]);
        var amended = activities[0]!;
        amended["id"]!.GetValue<string>().ShouldBe(swimming);
        amended["supportNeeded"].ShouldBeNull();
        amended["needsOneToOne"]!.GetValue<bool>().ShouldBeFalse();
        amended["needsChangingPlaces"]!.GetValue<bool>().ShouldBeTrue();
        amended["swimmingAbility"]!.GetValue<string>().ShouldBe("10 metres with a float");
        amended["dietaryNeeds"].ShouldBeNull();
        amended["verified"]!.GetValue<bool>().ShouldBeFalse();
        amended["verifiedBy"].ShouldBeNull();
        amended["recordedBy"]!["displayName"]!.GetValue<string>().ShouldBe("Alex Morgan");

        var read = (await fixture.GraphQLAsync(carer, Read, new { id })).Ok()["passport"]!["leisure"]!["activities"]!.AsArray();
        read.Select(a => a!["id"]!.GetValue<string>()).ShouldContain(swimming);
        read.Single(a => a!["id"]!.GetValue<string>() == swimming)!["name"]!.GetValue<string>().ShouldBe("Saturday swimming");
    }

    [Fact]
    public async Task An_activity_a_leisure_professional_amends_is_shown_as_theirs_and_verified()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var activityId = await AddAsync(carer, id, new { name = "Holiday club" });
        var coach = Persona.Professional("leisure", "Truro Leisure Centre");
        var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"leisure\") { code } }", new { id }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();
        (await fixture.GraphQLAsync(coach, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();

        var amended = (await fixture.GraphQLAsync(coach, Amend, new { id, activityId, input = new { name = "Holiday club", needsOneToOne = true } }))
            .Ok()["amendActivity"]!["leisure"]!["activities"]!.AsArray().Single()!;
        amended["id"]!.GetValue<string>().ShouldBe(activityId);
        amended["needsOneToOne"]!.GetValue<bool>().ShouldBeTrue();
        amended["verified"]!.GetValue<bool>().ShouldBeTrue();
        amended["recordedBy"]!["sector"]!.GetValue<string>().ShouldBe("leisure");
        amended["recordedBy"]!["organisation"]!.GetValue<string>().ShouldBe("Truro Leisure Centre");
    }

    [Theory]
    [InlineData("unknown")]
    [InlineData("not-a-guid")]
    [InlineData("ended")]
    public async Task Amending_an_activity_that_is_not_current_is_refused_naming_the_activity(string which)
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var activityId = which switch
        {
            "unknown" => Guid.NewGuid().ToString(),
            "not-a-guid" => "not-a-guid",
            _ => await AddAsync(carer, id, new { name = "Gymnastics" }),
        };
        if (which == "ended")
        {
            (await fixture.GraphQLAsync(carer, End, new { id, activityId })).Ok();
        }

        var response = await fixture.GraphQLAsync(carer, Amend, new { id, activityId, input = new { name = "Trampolining" } });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("activityId");
        response.Body.ShouldNotContain("Trampolining");
    }

    [Theory]
    [InlineData("name", "   ", "input.name")]
    [InlineData("name", "oversized", "input.name")]
    [InlineData("swimmingAbility", "oversized", "input.swimmingAbility")]
    public async Task An_amendment_with_invalid_details_is_refused_naming_the_field(string field, string value, string expected)
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var activityId = await AddAsync(carer, id, new { name = "Football" });
        var text = value == "oversized" ? new string('x', 500) : value;
        var input = field == "name" ? new Dictionary<string, object> { ["name"] = text } : new Dictionary<string, object> { ["name"] = "Football", [field] = text };

        var response = await fixture.GraphQLAsync(carer, Amend, new { id, activityId, input });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe(expected);
        (await fixture.GraphQLAsync(carer, Read, new { id })).Ok()["passport"]!["leisure"]!["activities"]!.AsArray().Single()!["name"]!.GetValue<string>().ShouldBe("Football");
    }

    [Fact]
    public async Task A_health_professional_cannot_amend_or_end_an_activity()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var activityId = await AddAsync(carer, id, new { name = "Swimming" });
        var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();
        var doctor = Persona.Professional("health");
        (await fixture.GraphQLAsync(doctor, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();

        (await fixture.GraphQLAsync(doctor, Amend, new { id, activityId, input = new { name = "Hydrotherapy" } })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(doctor, End, new { id, activityId })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    private async Task<string> AddAsync(Persona persona, string id, object input) =>
        (await fixture.GraphQLAsync(persona, Add, new { id, input })).Ok()["addActivity"]!["leisure"]!["activities"]!.AsArray()
            .Last()!["id"]!.GetValue<string>();
}
