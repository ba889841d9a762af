using System.Reflection;
using Passport.Core.Access;
using Passport.Core.Modules;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Tests.Unit;

/// <summary>Safeguarding notes have no fields until the social-care module records them; the decision over the shipped policy is checked here.</summary>
public class SafeguardingTests
{
    private const string Safeguarding = "socialCare.safeguarding";

    private static readonly AccessDecision Decision = new(
        SharingPolicy.Load(typeof(SafeguardingTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RegionPolicy").Value!),
        SocialCareDeclaringSafeguarding(),
        TimeProvider.System);

    [Fact]
    public void Carers_never_see_safeguarding_notes() =>
        Decision.Decide(Viewer("carer"), Passport())!.MaySee(Safeguarding).ShouldBeFalse();

    [Fact]
    public void The_young_person_never_sees_safeguarding_notes()
    {
        var passport = Passport();
        passport.YoungPersonSubject = "young-person";
        Decision.Decide(Viewer("young-person", "young-person"), passport)!.MaySee(Safeguarding).ShouldBeFalse();
    }

    [Fact]
    public void Social_care_on_the_care_team_sees_safeguarding_notes_and_health_does_not()
    {
        var passport = Passport();
        passport.CareTeam.Add(new CareTeamMember("sw", "Social worker", Sectors.SocialCare, null, DateTimeOffset.UtcNow, "share code"));
        passport.CareTeam.Add(new CareTeamMember("gp", "GP", Sectors.Health, null, DateTimeOffset.UtcNow, "share code"));
        Decision.Decide(Viewer("sw", "professional", Sectors.SocialCare), passport)!.MaySee(Safeguarding).ShouldBeTrue();
        Decision.Decide(Viewer("gp", "professional", Sectors.Health), passport)!.MaySee(Safeguarding).ShouldBeFalse();
    }

    [Fact]
    public void The_family_never_sees_safeguarding_notes_even_under_a_policy_that_leaves_the_family_entry_out()
    {
        var policy = Policy("""{ "requiredModules": [], "breakGlass": { "groups": ["aboutMe"] }, "groups": { "aboutMe": { "health": "default" }, "socialCare.safeguarding": { "social-care": "always" } } }""");
        policy.IsHiddenFromFamily(Safeguarding).ShouldBeTrue();
        new AccessDecision(policy, SocialCareDeclaringSafeguarding(), TimeProvider.System).Decide(Viewer("carer"), Passport())!.MaySee(Safeguarding).ShouldBeFalse();
    }

    [Theory]
    [InlineData("always")]
    [InlineData("default")]
    [InlineData("optIn")]
    public void A_policy_that_would_show_safeguarding_notes_to_the_family_is_refused(string level)
    {
        var refused = Should.Throw<FormatException>(() => Policy($$"""{ "requiredModules": [], "breakGlass": { "groups": ["aboutMe"] }, "groups": { "aboutMe": { "health": "default" }, "socialCare.safeguarding": { "social-care": "always", "family": "{{level}}" } } }"""));
        refused.Message.ShouldContain("safeguarding notes are never shown to the family");
    }

    private static SharingPolicy Policy(string json) => SharingPolicy.Parse(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json)));

    private static PassportView Passport()
    {
        var passport = new PassportView { Id = Guid.NewGuid(), DateOfBirth = new DateOnly(2015, 1, 1), LocalAuthority = "E06000052" };
        passport.Carers.Add(new LinkedCarer("carer", "Carer", CarerRights.All, DateTimeOffset.UtcNow, IsCreator: true));
        return passport;
    }

    private static Viewer Viewer(string subject, string role = "carer", string? sector = null) =>
        new(subject, subject, new HashSet<string> { role }, sector, null, null);

    private static ModuleCatalog SocialCareDeclaringSafeguarding()
    {
        var catalog = new ModuleCatalog();
        catalog.Loaded(new ModuleManifest("social-care", Sectors.SocialCare, "socialCare", "Social care", [new FieldGroup(Safeguarding, "Safeguarding notes")], "social_care"));
        return catalog;
    }
}

/// <summary>A plugin's group the region's policy does not name yet.</summary>
public class GroupWithoutPolicyTests
{
    private const string Unlisted = "youthJustice.plan";

    [Fact]
    public void Is_shown_to_the_family_and_to_no_professional()
    {
        var catalog = new ModuleCatalog();
        catalog.Loaded(new ModuleManifest("youth-justice", "youth-justice", "youthJustice", "Youth justice", [new FieldGroup(Unlisted, "Youth justice plan")], "youth_justice"));
        var policy = SharingPolicy.Load(typeof(GroupWithoutPolicyTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RegionPolicy").Value!);
        var decision = new AccessDecision(policy, catalog, TimeProvider.System);
        var passport = new PassportView { Id = Guid.NewGuid(), DateOfBirth = new DateOnly(2012, 1, 1), LocalAuthority = "E06000052" };
        passport.Carers.Add(new LinkedCarer("carer", "Carer", CarerRights.All, DateTimeOffset.UtcNow, IsCreator: true));
        passport.CareTeam.Add(new CareTeamMember("yj", "Youth justice worker", "youth-justice", null, DateTimeOffset.UtcNow, "share code"));
        passport.CareTeam.Add(new CareTeamMember("sw", "Social worker", Sectors.SocialCare, null, DateTimeOffset.UtcNow, "share code"));

        policy.Covers(Unlisted).ShouldBeFalse();
        decision.Decide(new Viewer("carer", "Carer", new HashSet<string> { "carer" }, null, null, null), passport)!.MaySee(Unlisted).ShouldBeTrue();
        decision.Decide(new Viewer("yj", "YJ", new HashSet<string> { "professional" }, "youth-justice", null, null), passport)!.MaySee(Unlisted).ShouldBeFalse();
        decision.Decide(new Viewer("sw", "SW", new HashSet<string> { "professional" }, Sectors.SocialCare, null, null), passport)!.MaySee(Unlisted).ShouldBeFalse();
    }
}
