using System.Reflection;
using System.Text;
using Passport.Core.Access;
using Passport.Core.Modules;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Tests.Unit;

/// <summary>The region's policy file: sharing levels, the modules the region requires, and what break-glass shows.</summary>
public class RegionPolicyTests
{
    private const string Minimal = """
        {
          "requiredModules": ["health"],
          "breakGlass": { "groups": ["identity.basic", "health.emergency"] },
          "groups": {
            "identity.basic": { "health": "always" },
            "health.emergency": { "health": "always" },
            "health.clinical": { "health": "default" }
          }
        }
        """;

    [Fact]
    public void The_shipped_policy_requires_the_four_sector_modules_and_gives_break_glass_the_emergency_view()
    {
        var policy = SharingPolicy.Load(typeof(RegionPolicyTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RegionPolicy").Value!);

        policy.RequiredModules.ShouldBe(["health", "social-care", "education", "leisure"]);
        policy.BreakGlassGroups.ShouldBe(["identity.basic", "identity.nhsNumber", "aboutMe", "contacts.emergency", "health.emergency", "health.clinical"], ignoreOrder: true);
    }

    [Fact]
    public void Break_glass_sees_exactly_the_policys_groups()
    {
        var catalog = new ModuleCatalog();
        catalog.Loaded(new ModuleManifest("health", Sectors.Health, "health", "Health", [new FieldGroup("health.emergency", "Emergency"), new FieldGroup("health.clinical", "Clinical")], "health"));
        var passport = new PassportView { Id = Guid.NewGuid(), DateOfBirth = new DateOnly(2015, 1, 1), LocalAuthority = "E06000052" };
        passport.BreakGlass["paramedic"] = DateTimeOffset.UtcNow.AddHours(1);
        var paramedic = new Viewer("paramedic", "Paramedic", new HashSet<string> { "professional" }, Sectors.Health, "Ambulance", null);

        var grant = new AccessDecision(Parse(Minimal), catalog, TimeProvider.System).Decide(paramedic, passport)!;

        grant.Basis.ShouldBe(AccessBasis.BreakGlass);
        grant.VisibleGroups.ShouldBe(["identity.basic", "health.emergency"], ignoreOrder: true);
    }

    [Theory]
    [InlineData("\"requiredModules\": [\"health\"],", "", "'requiredModules' is missing")]
    [InlineData("\"breakGlass\": { \"groups\": [\"identity.basic\", \"health.emergency\"] },", "", "'breakGlass' is missing")]
    [InlineData("\"requiredModules\": [\"health\"]", "\"requiredModule\": [\"health\"]", "unknown key 'requiredModule'")]
    [InlineData("\"requiredModules\": [\"health\"]", "\"requiredModules\": \"health\"", "'requiredModules' must be a list")]
    [InlineData("\"requiredModules\": [\"health\"]", "\"requiredModules\": [\"health\", \"health\"]", "'requiredModules' names 'health' twice")]
    [InlineData("\"health.emergency\"] }", "\"health.emergncy\"] }", "'breakGlass.groups' names 'health.emergncy', which is not a field group")]
    [InlineData("{ \"groups\": [\"identity.basic\", \"health.emergency\"] }", "{ \"groups\": [] }", "'breakGlass.groups' must list")]
    [InlineData("{ \"groups\": [\"identity.basic\", \"health.emergency\"] }", "{ \"groups\": [\"identity.basic\"], \"hours\": 24 }", "unknown key 'breakGlass.hours'")]
    public void A_policy_file_the_host_does_not_understand_is_refused_naming_what_is_wrong(string from, string to, string problem)
    {
        var changed = Minimal.Replace(from, to, StringComparison.Ordinal);
        changed.ShouldNotBe(Minimal);

        Should.Throw<FormatException>(() => Parse(changed)).Message.ShouldContain(problem);
    }

    private static SharingPolicy Parse(string json) => SharingPolicy.Parse(new MemoryStream(Encoding.UTF8.GetBytes(json)));
}
