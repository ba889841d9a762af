using Npgsql;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class AllergyTests(PassportFixture fixture)
{
    private const string Record = """
        mutation($id: ID!, $input: AllergyInput!) {
          recordAllergy(passportId: $id, input: $input) {
            version
            health { allergies { substance reaction severity verified recordedAt recordedBy { displayName role sector organisation } } }
          }
        }
        """;

    [Fact]
    public async Task An_allergy_the_family_reports_is_shown_unverified_with_who_reported_it()
    {
        var carer = Persona.Carer("Alex Morgan");
        var id = await new PassportTests(fixture).CreateAsync(carer);

        var passport = (await fixture.GraphQLAsync(carer, Record, new { id, input = new { substance = "Peanuts", reaction = "Anaphylaxis", severity = "SEVERE" } }))
            .Ok()["recordAllergy"]!;
        passport["version"]!.GetValue<int>().ShouldBe(2);
        var allergy = passport["health"]!["allergies"]!.AsArray().Single()!;
        allergy["substance"]!.GetValue<string>().ShouldBe("Peanuts");
        allergy["severity"]!.GetValue<string>().ShouldBe("SEVERE");
        allergy["verified"]!.GetValue<bool>().ShouldBeFalse();
        allergy["recordedBy"]!["displayName"]!.GetValue<string>().ShouldBe("Alex Morgan");
        allergy["recordedBy"]!["role"]!.GetValue<string>().ShouldBe("carer");
        DateTimeOffset.Parse(allergy["recordedAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBe(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task An_allergy_a_health_professional_records_is_verified()
    {
        var doctor = Persona.Professional("health", "Royal Cornwall Hospitals NHS Trust");
        var id = await new PassportTests(fixture).CreateAsync(doctor);

        var allergy = (await fixture.GraphQLAsync(doctor, Record, new { id, input = new { substance = "Penicillin", severity = "MODERATE" } }))
            .Ok()["recordAllergy"]!["health"]!["allergies"]!.AsArray().Single()!;
        allergy["verified"]!.GetValue<bool>().ShouldBeTrue();
        allergy["recordedBy"]!["sector"]!.GetValue<string>().ShouldBe("health");
        allergy["recordedBy"]!["organisation"]!.GetValue<string>().ShouldBe("Royal Cornwall Hospitals NHS Trust");
    }

    [Fact]
    public async Task An_allergy_is_active_unless_recorded_as_resolved()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        const string record = """
            mutation($id: ID!, $input: AllergyInput!) { recordAllergy(passportId: $id, input: $input) { health { allergies { substance status } } } }
            """;

        (await fixture.GraphQLAsync(carer, record, new { id, input = new { substance = "Egg", severity = "MILD" } })).Ok();
        var allergies = (await fixture.GraphQLAsync(carer, record, new { id, input = new { substance = "Milk", severity = "MILD", status = "RESOLVED" } }))
            .Ok()["recordAllergy"]!["health"]!["allergies"]!.AsArray();
        allergies.Select(a => $"{a!["substance"]} {a["status"]}").ShouldBe(["Egg ACTIVE", "Milk RESOLVED"]);
    }

    [Fact]
    public async Task An_allergy_stored_before_status_and_verification_existed_still_shows()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        (await fixture.GraphQLAsync(carer, Record, new { id, input = new { substance = "Peanuts", severity = "SEVERE" } })).Ok();

        // The stored view as a passport recorded before those members holds it: missing clinical
        // data must never look like "no allergies".
        await using (var connection = new NpgsqlConnection(fixture.Postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var strip = new NpgsqlCommand(
                """
                update health.mt_doc_healthview
                set data = jsonb_set(data, '{Allergies}', (select jsonb_agg(a - 'Status' - 'VerifiedBy') from jsonb_array_elements(data -> 'Allergies') a))
                where id = @id and data -> 'Allergies' -> 0 ? 'Status'
                """,
                connection);
            strip.Parameters.AddWithValue("id", Guid.Parse(id));
            (await strip.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var allergy = (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { health { allergies { substance severity status verified verifiedBy { displayName } } } } }", new { id }))
            .Ok()["passport"]!["health"]!["allergies"]!.AsArray().Single()!;
        allergy["substance"]!.GetValue<string>().ShouldBe("Peanuts");
        allergy["severity"]!.GetValue<string>().ShouldBe("SEVERE");
        allergy["status"]!.GetValue<string>().ShouldBe("ACTIVE");
        allergy["verified"]!.GetValue<bool>().ShouldBeFalse();
        allergy["verifiedBy"].ShouldBeNull();
    }

    [Fact]
    public async Task A_professional_of_another_sector_cannot_record_health_facts()
    {
        var teacher = Persona.Professional("education");
        var id = await new PassportTests(fixture).CreateAsync(teacher);
        var response = await fixture.GraphQLAsync(teacher, Record, new { id, input = new { substance = "Peanuts", severity = "SEVERE" } });
        response.ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task Nobody_without_a_relationship_can_record_an_allergy()
    {
        var id = await new PassportTests(fixture).CreateAsync(Persona.Carer());
        var response = await fixture.GraphQLAsync(Persona.Professional("health"), Record, new { id, input = new { substance = "Peanuts", severity = "SEVERE" } });
        response.ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    [Theory]
    [InlineData("", "SEVERE", "input.substance")]
    [InlineData("oversized", "MILD", "input.substance")]
    public async Task An_invalid_allergy_is_refused_naming_the_field(string substance, string severity, string field)
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var response = await fixture.GraphQLAsync(carer, Record, new { id, input = new { substance = substance == "oversized" ? new string('x', 500) : substance, severity } });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe(field);
    }

    [Fact]
    public async Task Allergies_recorded_at_the_same_moment_are_all_kept()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var substances = Enumerable.Range(1, 6).Select(i => $"Substance {i}").ToList();
        var replies = await Task.WhenAll(substances.Select(substance => fixture.GraphQLAsync(carer, Record, new { id, input = new { substance, severity = "MILD" } })));
        replies.ShouldAllBe(r => !r.Errors.Any(), string.Join("\n", replies.Select(r => r.Body)));

        var passport = (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { version health { allergies { substance } } } }", new { id })).Ok()["passport"]!;
        passport["health"]!["allergies"]!.AsArray().Select(a => a!["substance"]!.GetValue<string>()).Order().ShouldBe(substances);
        passport["version"]!.GetValue<int>().ShouldBe(7);
    }

    [Fact]
    public async Task My_passports_with_their_allergies_come_back_for_every_passport()
    {
        var carer = Persona.Carer();
        var tests = new PassportTests(fixture);
        foreach (var substance in new[] { "Egg", "Milk", "Latex" })
        {
            var id = await tests.CreateAsync(carer);
            (await fixture.GraphQLAsync(carer, Record, new { id, input = new { substance, severity = "MILD" } })).Ok();
        }

        var passports = (await fixture.GraphQLAsync(carer, "{ myPassports { health { allergies { substance } } } }")).Ok()["myPassports"]!.AsArray();
        passports.Select(p => p!["health"]!["allergies"]!.AsArray().Single()!["substance"]!.GetValue<string>()).Order().ShouldBe(["Egg", "Latex", "Milk"]);
    }
}
