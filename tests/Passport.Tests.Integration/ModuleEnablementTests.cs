using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class ModuleEnablementTests(PassportFixture fixture)
{
    private const string Cornwall = "E06000052";
    private const string Set = "mutation($la: String!, $m: String!, $on: Boolean!) { setModuleEnabled(localAuthority: $la, module: $m, enabled: $on) { name enabled } }";

    [Fact]
    public async Task The_four_sector_modules_are_listed_as_required_and_on_everywhere()
    {
        var modules = (await fixture.GraphQLAsync(Persona.LocalAuthorityAdmin(Cornwall), "query($la: String) { modules(localAuthority: $la) { name sector required enabled status } }", new { la = Cornwall }))
            .Ok()["modules"]!.AsArray();
        foreach (var name in new[] { "education", "health", "leisure", "social-care" })
        {
            var module = modules.Single(m => m!["name"]!.GetValue<string>() == name)!;
            module["required"]!.GetValue<bool>().ShouldBeTrue();
            module["enabled"]!.GetValue<bool>().ShouldBeTrue();
            module["status"]!.GetValue<string>().ShouldBe("loaded");
        }
    }

    [Fact]
    public async Task A_sector_module_the_policy_does_not_require_is_an_extra_its_authority_switches()
    {
        // This region leaves leisure out of requiredModules: the region decides, not the module.
        var policy = await PluginLoadingTests.RegionPolicyWithAsync("\"social-care\", \"education\", \"leisure\" ]", "\"social-care\", \"education\" ]");
        try
        {
            var environment = fixture.HostEnvironment(await fixture.NewDatabaseAsync());
            environment["Passport__PolicyFile"] = policy;
            await using var host = await HostProcess.StartAsync(environment);
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var admin = fixture.Token(Persona.LocalAuthorityAdmin(Cornwall));
            var modules = (await PassportFixture.GraphQLAsync(http, admin, "query($la: String) { modules(localAuthority: $la) { name required enabled } }", new { la = Cornwall })).Ok()["modules"]!.AsArray();
            var leisure = modules.Single(m => m!["name"]!.GetValue<string>() == "leisure")!;
            leisure["required"]!.GetValue<bool>().ShouldBeFalse();
            leisure["enabled"]!.GetValue<bool>().ShouldBeFalse();
            modules.Single(m => m!["name"]!.GetValue<string>() == "health")!["required"]!.GetValue<bool>().ShouldBeTrue();

            var carer = fixture.Token(Persona.Carer());
            var id = (await PassportFixture.GraphQLAsync(http, carer, $$"""mutation { createPassport(input: { givenName: "Kai", familyName: "Rowe", dateOfBirth: "2015-02-02", localAuthority: "{{Cornwall}}" }) { id } }"""))
                .Ok()["createPassport"]!["id"]!.GetValue<string>();
            const string read = "query($id: ID!) { passport(id: $id) { leisure { activities { name } } } }";
            (await PassportFixture.GraphQLAsync(http, carer, read, new { id })).ErrorCodes.ShouldBe(["MODULE_NOT_ENABLED"]);

            (await PassportFixture.GraphQLAsync(http, admin, Set, new { la = Cornwall, m = "leisure", on = true })).Ok()["setModuleEnabled"]!["enabled"]!.GetValue<bool>().ShouldBeTrue();
            (await PassportFixture.GraphQLAsync(http, carer, read, new { id })).Ok();
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(policy)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_required_module_cannot_be_switched_off()
    {
        var response = await fixture.GraphQLAsync(Persona.LocalAuthorityAdmin(Cornwall), Set, new { la = Cornwall, m = "health", on = false });
        response.ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Theory]
    [InlineData("carer")]
    [InlineData("other-authority")]
    public async Task Only_the_authoritys_own_administrator_switches_modules(string who)
    {
        var persona = who == "carer" ? Persona.Carer() : Persona.LocalAuthorityAdmin("E10000008");
        (await fixture.GraphQLAsync(persona, Set, new { la = Cornwall, m = "short-breaks", on = true })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task An_unknown_module_is_named_in_the_error()
    {
        var response = await fixture.GraphQLAsync(Persona.LocalAuthorityAdmin(Cornwall), Set, new { la = Cornwall, m = "astrology", on = true });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("module");
    }
}
