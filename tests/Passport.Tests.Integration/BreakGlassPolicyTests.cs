using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>The emergency view is the region's data (its policy file's breakGlass.groups), not the core's code.</summary>
[Collection(PassportCollection.Name)]
public class BreakGlassPolicyTests(PassportFixture fixture)
{
    private const string ShippedGroups = "\"identity.basic\", \"identity.nhsNumber\", \"aboutMe\", \"contacts.emergency\", \"health.emergency\", \"health.clinical\"";

    [Fact]
    public async Task Break_glass_sees_exactly_the_groups_the_policy_lists()
    {
        // This region's emergency view drops About me, the NHS number and clinical details, and adds immunisations.
        var policy = await PluginLoadingTests.RegionPolicyWithAsync(ShippedGroups, "\"identity.basic\", \"contacts.emergency\", \"health.emergency\", \"health.immunisations\"");
        try
        {
            var environment = fixture.HostEnvironment(await fixture.NewDatabaseAsync());
            environment["Passport__PolicyFile"] = policy;
            await using var host = await HostProcess.StartAsync(environment);
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var carer = fixture.Token(Persona.Carer());
            var id = (await PassportFixture.GraphQLAsync(http, carer, "mutation { createPassport(input: { givenName: \"Ada\", familyName: \"Penrose\", dateOfBirth: \"2016-05-05\", nhsNumber: \"9434765919\", localAuthority: \"E06000052\" }) { id } }"))
                .Ok()["createPassport"]!["id"]!.GetValue<string>();
            (await PassportFixture.GraphQLAsync(http, carer, "mutation($id: ID!) { updateAboutMe(passportId: $id, expectedVersion: 1, input: { likes: \"Trains\" }) { id } }", new { id })).Ok();
            (await PassportFixture.GraphQLAsync(http, carer, "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Peanuts\", severity: SEVERE }) { id } }", new { id })).Ok();

            var paramedic = fixture.Token(Persona.Professional("health", "South Western Ambulance Service"));
            var seen = await PassportFixture.GraphQLAsync(http, paramedic, """
                mutation($id: ID!) { breakGlass(passportId: $id, reason: "Unconscious child at roadside, parents not present") {
                  child { givenName nhsNumber } aboutMe { likes } emergencyContacts { name }
                  health { allergies { substance } immunisations { id } conditions { id } } } }
                """, new { id });

            var passport = seen.Data!["breakGlass"]!;
            passport["child"]!["givenName"]!.GetValue<string>().ShouldBe("Ada");
            passport["health"]!["allergies"]!.AsArray().Single()!["substance"]!.GetValue<string>().ShouldBe("Peanuts");
            passport["health"]!["immunisations"].ShouldNotBeNull();
            passport["emergencyContacts"].ShouldNotBeNull();
            var refused = seen.Errors.Where(e => e!["extensions"]!["code"]!.GetValue<string>() == "FIELD_NOT_PERMITTED")
                .Select(e => string.Join('.', e!["path"]!.AsArray().Select(p => p!.ToString())))
                .ToList();
            refused.ShouldBe(["breakGlass.child.nhsNumber", "breakGlass.aboutMe", "breakGlass.health.conditions"], ignoreOrder: true);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(policy)!, recursive: true);
        }
    }
}
