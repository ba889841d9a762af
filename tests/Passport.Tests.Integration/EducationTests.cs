using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class EducationTests(PassportFixture fixture)
{
    private const string SetSetting = """
        mutation($id: ID!, $input: EducationSettingInput!) {
          setEducationSetting(passportId: $id, input: $input) {
            version
            education { setting { name urn yearGroup sencoContact verified recordedBy { displayName role sector organisation } } }
          }
        }
        """;

    private const string SetSen = """
        mutation($id: ID!, $input: SenInput!) {
          setSenSupport(passportId: $id, input: $input) {
            version
            education { sen { level ehcpStatus ehcpDate needs reasonableAdjustments healthcarePlanInSchool verified recordedBy { displayName role sector organisation } } }
          }
        }
        """;

    private const string EndSetting = """
        mutation($id: ID!) { endEducationSetting(passportId: $id) { version education { setting { id name } } } }
        """;

    private const string EndSen = """
        mutation($id: ID!) { endSenSupport(passportId: $id) { version education { sen { id level } } } }
        """;

    private const string ReadItems = """
        query($id: ID!) { passport(id: $id) {
          education { setting { id name yearGroup verified verifiedBy { displayName } } sen { id level ehcpStatus ehcpReviewDate verified verifiedBy { displayName } } } } }
        """;

    private const string Read = """
        query($id: ID!) { passport(id: $id) {
          education { setting { name yearGroup verified } sen { level ehcpStatus } } } }
        """;

    [Fact]
    public async Task A_carer_sets_the_school_and_reads_it_back_unverified()
    {
        var carer = Persona.Carer("Alex Morgan");
        var id = await new PassportTests(fixture).CreateAsync(carer);

        var passport = (await fixture.GraphQLAsync(carer, SetSetting, new { id, input = new { name = " Truro Primary School ", yearGroup = "Year 3", urn = "111111", sencoContact = "Mrs Penrose, 01872 000000" } }))
            .Ok()["setEducationSetting"]!;
        passport["version"]!.GetValue<int>().ShouldBe(2);
        var setting = passport["education"]!["setting"]!;
        setting["name"]!.GetValue<string>().ShouldBe("Truro Primary School");
        setting["urn"]!.GetValue<string>().ShouldBe("111111");
        setting["verified"]!.GetValue<bool>().ShouldBeFalse();
        setting["recordedBy"]!["displayName"]!.GetValue<string>().ShouldBe("Alex Morgan");
        setting["recordedBy"]!["role"]!.GetValue<string>().ShouldBe("carer");

        var read = (await fixture.GraphQLAsync(carer, Read, new { id })).Ok()["passport"]!["education"]!;
        read["setting"]!["name"]!.GetValue<string>().ShouldBe("Truro Primary School");
        read["setting"]!["yearGroup"]!.GetValue<string>().ShouldBe("Year 3");
        read["sen"].ShouldBeNull();
    }

    [Fact]
    public async Task A_teacher_who_joins_with_a_share_code_records_SEN_support_verified()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var teacher = Persona.Professional("education", "Truro Primary School");
        (await RedeemAsync(teacher, await ShareCodeAsync(carer, id, "education"))).Ok();

        var sen = (await fixture.GraphQLAsync(teacher, SetSen, new
        {
            id,
            input = new { level = "EHCP", ehcpStatus = "ISSUED", ehcpDate = "2024-09-02", needs = "Speech and language", reasonableAdjustments = "Visual timetable", healthcarePlanInSchool = "Seizure plan in the office" },
        })).Ok()["setSenSupport"]!["education"]!["sen"]!;
        sen["level"]!.GetValue<string>().ShouldBe("EHCP");
        sen["ehcpStatus"]!.GetValue<string>().ShouldBe("ISSUED");
        sen["ehcpDate"]!.GetValue<string>().ShouldBe("2024-09-02");
        sen["reasonableAdjustments"]!.GetValue<string>().ShouldBe("Visual timetable");
        sen["verified"]!.GetValue<bool>().ShouldBeTrue();
        sen["recordedBy"]!["sector"]!.GetValue<string>().ShouldBe("education");
        sen["recordedBy"]!["organisation"]!.GetValue<string>().ShouldBe("Truro Primary School");

        var read = (await fixture.GraphQLAsync(carer, Read, new { id })).Ok()["passport"]!["education"]!;
        read["sen"]!["level"]!.GetValue<string>().ShouldBe("EHCP");
    }

    [Theory]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12345A")]
    public async Task A_bad_URN_is_refused_naming_the_field(string urn)
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var response = await fixture.GraphQLAsync(carer, SetSetting, new { id, input = new { name = "Truro Primary School", urn } });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("input.urn");
    }

    [Fact]
    public async Task An_EHCP_date_in_the_future_is_refused_naming_the_field()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var future = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var response = await fixture.GraphQLAsync(carer, SetSen, new { id, input = new { level = "EHCP", ehcpStatus = "ISSUED", ehcpDate = future } });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("input.ehcpDate");
    }

    [Fact]
    public async Task Nobody_without_a_relationship_can_set_the_school()
    {
        var id = await new PassportTests(fixture).CreateAsync(Persona.Carer());
        var response = await fixture.GraphQLAsync(Persona.Professional("education"), SetSetting, new { id, input = new { name = "Truro Primary School" } });
        response.ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    [Fact]
    public async Task Leisure_never_sees_SEN_and_sees_the_school_only_when_the_family_opts_in()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        (await fixture.GraphQLAsync(carer, SetSetting, new { id, input = new { name = "Truro Primary School", yearGroup = "Year 3" } })).Ok();
        (await fixture.GraphQLAsync(carer, SetSen, new { id, input = new { level = "SEN_SUPPORT", ehcpStatus = "NONE", needs = "Dyslexia" } })).Ok();
        var coach = Persona.Professional("leisure", "Truro Swimming Club");
        (await RedeemAsync(coach, await ShareCodeAsync(carer, id, "leisure"))).Ok();

        var read = await fixture.GraphQLAsync(coach, Read, new { id });
        Denied(read, "setting");
        Denied(read, "sen");
        read.Body.ShouldNotContain("Truro Primary School");
        read.Body.ShouldNotContain("SEN_SUPPORT");

        // education.setting is optIn for leisure; education.sen is never.
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!, $g: String!) { setSharing(passportId: $id, sector: $s, group: $g, shared: true) { id } }", new { id, s = "leisure", g = "education.setting" })).Ok();
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!, $g: String!) { setSharing(passportId: $id, sector: $s, group: $g, shared: true) { id } }", new { id, s = "leisure", g = "education.sen" }))
            .ErrorCodes.ShouldBe(["FORBIDDEN"]);

        read = await fixture.GraphQLAsync(coach, Read, new { id });
        read.ErrorAt("passport", "education", "setting").ShouldBeNull(read.Body);
        read.Data!["passport"]!["education"]!["setting"]!["name"]!.GetValue<string>().ShouldBe("Truro Primary School");
        Denied(read, "sen");
    }

    [Fact]
    public async Task Leisure_cannot_record_in_education()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var coach = Persona.Professional("leisure");
        (await RedeemAsync(coach, await ShareCodeAsync(carer, id, "leisure"))).Ok();
        (await fixture.GraphQLAsync(coach, SetSen, new { id, input = new { level = "NONE", ehcpStatus = "NONE" } })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task Setting_the_school_again_amends_it_keeping_its_id()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var first = (await fixture.GraphQLAsync(carer, SetSetting, new { id, input = new { name = "Truro Primary School", yearGroup = "Year 3" } }))
            .Ok()["setEducationSetting"]!["education"]!["setting"]!;
        var settingId = (await fixture.GraphQLAsync(carer, ReadItems, new { id })).Ok()["passport"]!["education"]!["setting"]!["id"]!.GetValue<string>();
        settingId.ShouldNotBeNullOrWhiteSpace();
        first["name"]!.GetValue<string>().ShouldBe("Truro Primary School");

        var passport = (await fixture.GraphQLAsync(carer, SetSetting, new { id, input = new { name = "Truro Primary School", yearGroup = "Year 4", sencoContact = "Mrs Penrose" } })).Ok()["setEducationSetting"]!;
        passport["version"]!.GetValue<int>().ShouldBe(3);
        passport["education"]!["setting"]!["sencoContact"]!.GetValue<string>().ShouldBe("Mrs Penrose");

        var setting = (await fixture.GraphQLAsync(carer, ReadItems, new { id })).Ok()["passport"]!["education"]!["setting"]!;
        setting["id"]!.GetValue<string>().ShouldBe(settingId);
        setting["yearGroup"]!.GetValue<string>().ShouldBe("Year 4");
        setting["verified"]!.GetValue<bool>().ShouldBeFalse();
        setting["verifiedBy"].ShouldBeNull();
    }

    [Fact]
    public async Task Leaving_the_school_removes_it_and_a_new_school_gets_a_new_id()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        (await fixture.GraphQLAsync(carer, SetSetting, new { id, input = new { name = "Truro Nursery" } })).Ok();
        var nurseryId = (await fixture.GraphQLAsync(carer, ReadItems, new { id })).Ok()["passport"]!["education"]!["setting"]!["id"]!.GetValue<string>();

        var ended = (await fixture.GraphQLAsync(carer, EndSetting, new { id })).Ok()["endEducationSetting"]!;
        ended["version"]!.GetValue<int>().ShouldBe(3);
        ended["education"]!["setting"].ShouldBeNull();
        (await fixture.GraphQLAsync(carer, ReadItems, new { id })).Ok()["passport"]!["education"]!["setting"].ShouldBeNull();

        (await fixture.GraphQLAsync(carer, SetSetting, new { id, input = new { name = "Truro Primary School", yearGroup = "Reception" } })).Ok();
        var school = (await fixture.GraphQLAsync(carer, ReadItems, new { id })).Ok()["passport"]!["education"]!["setting"]!;
        school["name"]!.GetValue<string>().ShouldBe("Truro Primary School");
        school["id"]!.GetValue<string>().ShouldNotBe(nurseryId);
    }

    [Fact]
    public async Task Leaving_when_no_school_is_recorded_is_refused_naming_the_passport()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var response = await fixture.GraphQLAsync(carer, EndSetting, new { id });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("passportId");

        (await fixture.GraphQLAsync(carer, SetSetting, new { id, input = new { name = "Truro Primary School" } })).Ok();
        (await fixture.GraphQLAsync(carer, EndSetting, new { id })).Ok();
        response = await fixture.GraphQLAsync(carer, EndSetting, new { id });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("passportId");
    }

    [Fact]
    public async Task Setting_SEN_support_again_amends_it_keeping_its_id_and_ending_it_removes_it()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var teacher = Persona.Professional("education", "Truro Primary School");
        (await RedeemAsync(teacher, await ShareCodeAsync(carer, id, "education"))).Ok();
        (await fixture.GraphQLAsync(carer, SetSen, new { id, input = new { level = "SEN_SUPPORT", ehcpStatus = "REQUESTED", needs = "Dyslexia" } })).Ok();
        var before = (await fixture.GraphQLAsync(carer, ReadItems, new { id })).Ok()["passport"]!["education"]!["sen"]!;
        before["verified"]!.GetValue<bool>().ShouldBeFalse();
        var senId = before["id"]!.GetValue<string>();

        var review = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var sen = (await fixture.GraphQLAsync(teacher, SetSen, new { id, input = new { level = "EHCP", ehcpStatus = "ISSUED", ehcpDate = "2024-09-02", ehcpReviewDate = review, needs = "Dyslexia" } }))
            .Ok()["setSenSupport"]!["education"]!["sen"]!;
        sen["level"]!.GetValue<string>().ShouldBe("EHCP");
        sen["verified"]!.GetValue<bool>().ShouldBeTrue();
        sen["recordedBy"]!["sector"]!.GetValue<string>().ShouldBe("education");

        var after = (await fixture.GraphQLAsync(carer, ReadItems, new { id })).Ok()["passport"]!["education"]!["sen"]!;
        after["id"]!.GetValue<string>().ShouldBe(senId);
        after["ehcpStatus"]!.GetValue<string>().ShouldBe("ISSUED");
        after["ehcpReviewDate"]!.GetValue<string>().ShouldBe(review);

        var ended = (await fixture.GraphQLAsync(teacher, EndSen, new { id })).Ok()["endSenSupport"]!;
        ended["education"]!["sen"].ShouldBeNull();
        (await fixture.GraphQLAsync(carer, ReadItems, new { id })).Ok()["passport"]!["education"]!["sen"].ShouldBeNull();

        var again = await fixture.GraphQLAsync(teacher, EndSen, new { id });
        again.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        again.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("passportId");
    }

    [Theory]
    [InlineData("ehcpDate", "too-old", "input.ehcpDate")]
    [InlineData("ehcpReviewDate", "before-ehcp-date", "input.ehcpReviewDate")]
    [InlineData("ehcpReviewDate", "far-ahead", "input.ehcpReviewDate")]
    public async Task EHCP_dates_that_are_not_sane_are_refused_naming_the_field(string field, string which, string expected)
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var date = which switch
        {
            "too-old" => today.AddYears(-30),
            "before-ehcp-date" => new DateOnly(2024, 9, 1),
            _ => today.AddYears(3),
        };
        var input = new Dictionary<string, object> { ["level"] = "EHCP", ["ehcpStatus"] = "ISSUED", [field] = date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) };
        if (field == "ehcpReviewDate")
        {
            input["ehcpDate"] = "2024-09-02";
        }

        var response = await fixture.GraphQLAsync(carer, SetSen, new { id, input });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe(expected);
    }

    [Fact]
    public async Task Leisure_cannot_end_the_school_or_SEN_support()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        (await fixture.GraphQLAsync(carer, SetSetting, new { id, input = new { name = "Truro Primary School" } })).Ok();
        (await fixture.GraphQLAsync(carer, SetSen, new { id, input = new { level = "SEN_SUPPORT", ehcpStatus = "NONE" } })).Ok();
        var coach = Persona.Professional("leisure");
        (await RedeemAsync(coach, await ShareCodeAsync(carer, id, "leisure"))).Ok();

        (await fixture.GraphQLAsync(coach, EndSetting, new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(coach, EndSen, new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        var read = (await fixture.GraphQLAsync(carer, ReadItems, new { id })).Ok()["passport"]!["education"]!;
        read["setting"].ShouldNotBeNull();
        read["sen"].ShouldNotBeNull();
    }

    private static void Denied(GraphQLResponse read, string field)
    {
        var error = read.ErrorAt("passport", "education", field);
        error.ShouldNotBeNull($"leisure must not see education.{field}: {read.Body}");
        error!["extensions"]!["code"]!.GetValue<string>().ShouldBe("FIELD_NOT_PERMITTED");
        read.Data!["passport"]!["education"]![field].ShouldBeNull();
    }

    private async Task<string> ShareCodeAsync(Persona carer, string id, string sector) =>
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id, s = sector }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();

    private Task<GraphQLResponse> RedeemAsync(Persona professional, string code) =>
        fixture.GraphQLAsync(professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });
}
