using System.Text.Json.Nodes;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class PassportTests(PassportFixture fixture)
{
    private const string Cornwall = "E06000052";

    internal const string CreateMutation = """
        mutation($input: CreatePassportInput!) {
          createPassport(input: $input) { id version localAuthority child { givenName familyName preferredName dateOfBirth nhsNumber } }
        }
        """;

    [Fact]
    public async Task A_carer_creates_a_passport_and_reads_it_back()
    {
        var carer = Persona.Carer();
        var nhsNumber = NhsNumbers.Next();
        var created = (await fixture.GraphQLAsync(carer, CreateMutation, new
        {
            input = new { givenName = " Ellie ", familyName = "Morgan", preferredName = "Els", dateOfBirth = "2016-05-14", nhsNumber = Spaced(nhsNumber), localAuthority = Cornwall },
        })).Ok()["createPassport"]!;

        created["version"]!.GetValue<int>().ShouldBe(1);
        created["localAuthority"]!.GetValue<string>().ShouldBe(Cornwall);
        created["child"]!["givenName"]!.GetValue<string>().ShouldBe("Ellie");
        created["child"]!["dateOfBirth"]!.GetValue<string>().ShouldBe("2016-05-14");
        created["child"]!["nhsNumber"]!.GetValue<string>().ShouldBe(nhsNumber);

        var id = created["id"]!.GetValue<string>();
        var read = (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { id child { familyName preferredName } } }", new { id })).Ok();
        read["passport"]!["child"]!["familyName"]!.GetValue<string>().ShouldBe("Morgan");
        read["passport"]!["child"]!["preferredName"]!.GetValue<string>().ShouldBe("Els");
    }

    [Fact]
    public async Task A_carer_who_did_not_create_a_passport_gets_NOT_FOUND_like_a_wrong_id()
    {
        var id = await CreateAsync(Persona.Carer());
        var stranger = Persona.Carer();
        foreach (var probe in new[] { id, Guid.NewGuid().ToString(), "not-a-guid" })
        {
            var response = await fixture.GraphQLAsync(stranger, "query($id: ID!) { passport(id: $id) { id child { givenName } } }", new { id = probe });
            response.Data!["passport"].ShouldBeNull();
            response.ErrorCodes.ShouldBe(["NOT_FOUND"]);
            response.Body.ShouldNotContain("Ellie");
        }
    }

    [Fact]
    public async Task My_passports_lists_exactly_the_passports_I_am_linked_to()
    {
        var carer = Persona.Carer();
        var first = await CreateAsync(carer);
        var second = await CreateAsync(carer);
        await CreateAsync(Persona.Carer());

        var mine = (await fixture.GraphQLAsync(carer, "{ myPassports { id } }")).Ok()["myPassports"]!.AsArray();
        mine.Select(p => p!["id"]!.GetValue<string>()).Order().ShouldBe(new[] { first, second }.Order());
    }

    [Theory]
    [InlineData("nhsNumber", "9434765918", "input.nhsNumber")]
    [InlineData("nhsNumber", "12345", "input.nhsNumber")]
    [InlineData("localAuthority", "E09000001", "input.localAuthority")]
    [InlineData("givenName", "   ", "input.givenName")]
    [InlineData("dateOfBirth", "future", "input.dateOfBirth")]
    [InlineData("dateOfBirth", "26-years-ago", "input.dateOfBirth")]
    [InlineData("familyName", "oversized", "input.familyName")]
    public async Task Invalid_input_is_refused_naming_the_field(string field, string value, string expectedField)
    {
        var input = new Dictionary<string, object?>
        {
            ["givenName"] = "Sam",
            ["familyName"] = "Jones",
            ["dateOfBirth"] = "2015-01-01",
            ["localAuthority"] = Cornwall,
        };
        input[field] = value switch
        {
            "future" => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd"),
            "26-years-ago" => DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-26).ToString("yyyy-MM-dd"),
            "oversized" => new string('x', 5000),
            _ => value,
        };

        var response = await fixture.GraphQLAsync(Persona.Carer(), CreateMutation, new { input });
        response.Status.ShouldBe(200);
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"], response.Body);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe(expectedField);
        response.Errors[0]!["message"]!.GetValue<string>().ShouldContain(expectedField);
    }

    [Fact]
    public async Task A_second_passport_with_the_same_NHS_number_is_a_DUPLICATE()
    {
        var nhsNumber = NhsNumbers.Next();
        await CreateAsync(Persona.Carer(), nhsNumber);
        var response = await fixture.GraphQLAsync(Persona.Carer(), CreateMutation, new
        {
            input = new { givenName = "Other", familyName = "Child", dateOfBirth = "2018-01-01", nhsNumber = Spaced(nhsNumber), localAuthority = Cornwall },
        });
        response.ErrorCodes.ShouldBe(["DUPLICATE"]);
        response.Data.ShouldBeNull();
    }

    [Fact]
    public async Task Concurrent_creates_with_one_NHS_number_make_exactly_one_passport()
    {
        var nhsNumber = NhsNumbers.Next();
        var attempts = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => fixture.GraphQLAsync(Persona.Carer(), CreateMutation, new
        {
            input = new { givenName = "Twin", familyName = "Race", dateOfBirth = "2018-01-01", nhsNumber, localAuthority = Cornwall },
        })));
        attempts.Count(a => !a.Errors.Any()).ShouldBe(1, string.Join("\n", attempts.Select(a => a.Body)));
        attempts.Where(a => a.Errors.Any()).SelectMany(a => a.ErrorCodes).ShouldAllBe(code => code == "DUPLICATE");
    }

    [Fact]
    public async Task About_me_is_updated_at_the_expected_version_and_a_stale_version_is_a_VERSION_CONFLICT()
    {
        var carer = Persona.Carer();
        var id = await CreateAsync(carer);
        const string update = """
            mutation($id: ID!, $version: Int!, $input: AboutMeInput!) {
              updateAboutMe(passportId: $id, expectedVersion: $version, input: $input) {
                version aboutMe { communication likes howIShowPain recordedBy { displayName verified } }
              }
            }
            """;

        var updated = (await fixture.GraphQLAsync(carer, update, new { id, version = 1, input = new { communication = "Makaton", likes = "Trains", howIShowPain = "Goes quiet" } })).Ok()["updateAboutMe"]!;
        updated["version"]!.GetValue<int>().ShouldBe(2);
        updated["aboutMe"]!["communication"]!.GetValue<string>().ShouldBe("Makaton");
        updated["aboutMe"]!["howIShowPain"]!.GetValue<string>().ShouldBe("Goes quiet");
        updated["aboutMe"]!["recordedBy"]!["displayName"]!.GetValue<string>().ShouldBe(carer.Claims.Name);
        updated["aboutMe"]!["recordedBy"]!["verified"]!.GetValue<bool>().ShouldBeFalse();

        var stale = await fixture.GraphQLAsync(carer, update, new { id, version = 1, input = new { likes = "Overwriting" } });
        stale.ErrorCodes.ShouldBe(["VERSION_CONFLICT"]);

        var after = (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { version aboutMe { likes } } }", new { id })).Ok()["passport"]!;
        after["version"]!.GetValue<int>().ShouldBe(2);
        after["aboutMe"]!["likes"]!.GetValue<string>().ShouldBe("Trains");
    }

    [Fact]
    public async Task Emergency_contacts_are_kept_in_preferred_order()
    {
        var carer = Persona.Carer();
        var id = await CreateAsync(carer);
        const string add = "mutation($id: ID!, $input: ContactInput!) { addEmergencyContact(passportId: $id, input: $input) { emergencyContacts { name phone preferredOrder parentalResponsibility } } }";
        await fixture.GraphQLAsync(carer, add, new { id, input = new { name = "Gran", relationship = "Grandmother", parentalResponsibility = false, phone = "01872 000000", preferredOrder = 2 } });
        var contacts = (await fixture.GraphQLAsync(carer, add, new { id, input = new { name = "Mum", relationship = "Mother", parentalResponsibility = true, phone = "07700 900123", preferredOrder = 1 } }))
            .Ok()["addEmergencyContact"]!["emergencyContacts"]!.AsArray();
        contacts.Select(c => c!["name"]!.GetValue<string>()).ShouldBe(["Mum", "Gran"]);
    }

    [Fact]
    public async Task A_professional_who_creates_a_passport_is_on_its_care_team_and_sees_only_what_their_sector_may()
    {
        var coach = Persona.Professional("leisure", "Truro Leisure Centre");
        var created = await fixture.GraphQLAsync(coach, CreateMutation, new
        {
            input = new { givenName = "Kai", familyName = "Trevithick", dateOfBirth = "2014-09-09", nhsNumber = NhsNumbers.Next(), localAuthority = Cornwall },
        });

        // Leisure may see identity.basic but never identity.nhsNumber (SPEC §4).
        created.Data!["createPassport"]!["child"]!["givenName"]!.GetValue<string>().ShouldBe("Kai");
        created.Data!["createPassport"]!["child"]!["nhsNumber"].ShouldBeNull();
        var denied = created.ErrorAt("createPassport", "child", "nhsNumber");
        denied.ShouldNotBeNull(created.Body);
        denied!["extensions"]!["code"]!.GetValue<string>().ShouldBe("FIELD_NOT_PERMITTED");
        created.Errors.Count.ShouldBe(1);

        var mine = (await fixture.GraphQLAsync(coach, "{ myPassports { child { givenName } } }")).Ok()["myPassports"]!.AsArray();
        mine.Count.ShouldBe(1);
    }

    [Fact]
    public async Task Every_read_of_a_passport_appears_in_its_access_log_with_basis_and_groups()
    {
        var carer = Persona.Carer();
        var id = await CreateAsync(carer);
        await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { child { givenName } aboutMe { likes } } }", new { id });

        var log = (await fixture.GraphQLAsync(carer, "query($id: ID!) { accessLog(passportId: $id) { at displayName basis groups } }", new { id }))
            .Ok()["accessLog"]!.AsArray();
        log.Count.ShouldBe(2); // the create's reply, then the read
        var read = log[0]!;
        read["displayName"]!.GetValue<string>().ShouldBe(carer.Claims.Name);
        read["basis"]!.GetValue<string>().ShouldBe("CARER");
        read["groups"]!.AsArray().Select(g => g!.GetValue<string>()).ShouldBe(["aboutMe", "identity.basic"]);
    }

    [Fact]
    public async Task Someone_outside_the_family_cannot_read_the_access_log()
    {
        var id = await CreateAsync(Persona.Carer());
        var response = await fixture.GraphQLAsync(Persona.Carer(), "query($id: ID!) { accessLog(passportId: $id) { at } }", new { id });
        response.ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    internal async Task<string> CreateAsync(Persona creator, string? nhsNumber = null) =>
        (await fixture.GraphQLAsync(creator, "mutation($input: CreatePassportInput!) { createPassport(input: $input) { id } }", new
        {
            input = new { givenName = "Ellie", familyName = "Morgan", dateOfBirth = "2016-05-14", nhsNumber = nhsNumber ?? NhsNumbers.Next(), localAuthority = Cornwall },
        })).Ok()["createPassport"]!["id"]!.GetValue<string>();

    private static string Spaced(string digits) => $"{digits[..3]} {digits[3..6]} {digits[6..]}";
}

/// <summary>Valid, unique NHS numbers for a test run.</summary>
internal static class NhsNumbers
{
    private static int _next = Random.Shared.Next(100_000_000, 900_000_000);

    public static string Next()
    {
        while (true)
        {
            var nine = Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var sum = nine.Select((c, i) => (c - '0') * (10 - i)).Sum();
            var check = 11 - (sum % 11);
            if (check == 10)
            {
                continue;
            }

            return nine + (check == 11 ? 0 : check);
        }
    }
}
