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
        catalog.Loaded(new ModuleManifest("social-care", Sectors.SocialCare, true, [new FieldGroup(Safeguarding, "Safeguarding notes")], "social_care"), isRequired: true);
        return catalog;
    }
}
