using System.Text.Json.Nodes;
using Marten;
using Passport.Core;
using Passport.Core.AboutMe;
using Passport.Core.Passports;
using Passport.Sdk;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class HistoryAndReviewTests(PassportFixture fixture)
{
    private const string History = "query($id: ID!) { history(passportId: $id) { version at change group itemId recordedBy { displayName } } }";

    [Fact]
    public async Task A_health_professional_verifies_an_allergy_the_family_reported()
    {
        var (carer, id) = await CarerPassportAsync();
        var allergy = await RecordAllergyAsync(carer, id, "Egg");
        var doctor = await JoinAsync(carer, id, "health");

        var verified = (await fixture.GraphQLAsync(doctor, "mutation($id: ID!, $item: ID!) { verifyItem(passportId: $id, itemId: $item) { health { allergies { id verified recordedBy { role } } } } }", new { id, item = allergy }))
            .Ok()["verifyItem"]!["health"]!["allergies"]!.AsArray().Single()!;
        verified["verified"]!.GetValue<bool>().ShouldBeTrue();
        verified["recordedBy"]!["role"]!.GetValue<string>().ShouldBe("carer"); // who reported it is kept
    }

    [Fact]
    public async Task Only_the_owning_sector_verifies_and_only_real_items()
    {
        var (carer, id) = await CarerPassportAsync();
        var allergy = await RecordAllergyAsync(carer, id, "Milk");
        var coach = await JoinAsync(carer, id, "leisure");
        const string verify = "mutation($id: ID!, $item: ID!) { verifyItem(passportId: $id, itemId: $item) { id } }";
        (await fixture.GraphQLAsync(coach, verify, new { id, item = allergy })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(carer, verify, new { id, item = allergy })).ErrorCodes.ShouldBe(["FORBIDDEN"]);

        var doctor = await JoinAsync(carer, id, "health");
        var unknown = await fixture.GraphQLAsync(doctor, verify, new { id, item = Guid.NewGuid() });
        unknown.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        unknown.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("itemId");
    }

    [Fact]
    public async Task The_family_sees_every_change_with_who_made_it()
    {
        var (carer, id) = await CarerPassportAsync();
        await RecordAllergyAsync(carer, id, "Peanuts");
        await JoinAsync(carer, id, "health");

        var history = (await fixture.GraphQLAsync(carer, History, new { id })).Ok()["history"]!.AsArray();
        Changes(history).ShouldBe(["Care team member joined", "Share code issued", "Allergy recorded", "About me updated", "Passport created"]);
        history.Select(h => h!["version"]!.GetValue<int>()).ShouldBe([5, 4, 3, 2, 1]);
        history[2]!["recordedBy"]!["displayName"]!.GetValue<string>().ShouldBe(carer.Claims.Name);
        history[2]!["group"]!.GetValue<string>().ShouldBe("health.emergency");
    }

    [Fact]
    public async Task A_professional_never_learns_of_changes_to_groups_they_may_not_see()
    {
        var (carer, id) = await CarerPassportAsync();
        await RecordAllergyAsync(carer, id, "Peanuts");
        var socialWorker = await JoinAsync(carer, id, "social-care");
        (await fixture.GraphQLAsync(socialWorker, "mutation($id: ID!) { addSafeguardingNote(passportId: $id, note: \"Strategy meeting held\") { id } }", new { id })).Ok();
        (await fixture.GraphQLAsync(socialWorker, "mutation($id: ID!) { setLegalStatus(passportId: $id, input: { status: CHILD_IN_NEED }) { id } }", new { id })).Ok();
        var teacher = await JoinAsync(carer, id, "education");

        var seen = Changes((await fixture.GraphQLAsync(teacher, History, new { id })).Ok()["history"]!.AsArray());
        seen.ShouldContain("Allergy recorded");      // health.emergency: default for education
        seen.ShouldContain("About me updated");
        seen.ShouldNotContain("Safeguarding note recorded");
        seen.ShouldNotContain("Legal status recorded"); // never for education
        seen.ShouldNotContain("Share code issued");  // relationships are the family's business

        var family = Changes((await fixture.GraphQLAsync(carer, History, new { id })).Ok()["history"]!.AsArray());
        family.ShouldContain("Legal status recorded");
        family.ShouldNotContain("Safeguarding note recorded");
    }

    [Fact]
    public async Task A_change_to_an_item_withheld_from_carers_is_not_in_their_history()
    {
        var carer = Persona.Carer();
        var born = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-17).ToString("yyyy-MM-dd");
        var id = (await fixture.GraphQLAsync(carer, "mutation($dob: Date!) { createPassport(input: { givenName: \"Riley\", familyName: \"Morgan\", dateOfBirth: $dob, localAuthority: \"E06000052\" }) { id } }", new { dob = born }))
            .Ok()["createPassport"]!["id"]!.GetValue<string>();
        var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { inviteYoungPerson(passportId: $id) { code } }", new { id })).Ok()["inviteYoungPerson"]!["code"]!.GetValue<string>();
        var youngPerson = Persona.YoungPerson();
        (await fixture.GraphQLAsync(youngPerson, "mutation($c: String!) { acceptYoungPersonInvitation(code: $c) { id } }", new { c = code })).Ok();
        var allergy = await RecordAllergyAsync(youngPerson, id, "Latex");
        (await fixture.GraphQLAsync(youngPerson, "mutation($id: ID!) { takeControl(passportId: $id, keepCarers: []) { id } }", new { id })).Ok();
        (await fixture.GraphQLAsync(youngPerson, "mutation($id: ID!, $item: ID!) { setItemWithheld(passportId: $id, group: \"health.emergency\", itemId: $item, withheld: true) { id } }", new { id, item = allergy })).Ok();

        var carerSees = (await fixture.GraphQLAsync(carer, History, new { id })).Ok()["history"]!.AsArray();
        carerSees.ShouldNotContain(h => h!["itemId"] != null && h["itemId"]!.GetValue<string>() == allergy);
        (await fixture.GraphQLAsync(youngPerson, History, new { id })).Ok()["history"]!.AsArray()
            .ShouldContain(h => h!["change"]!.GetValue<string>() == "Allergy recorded");
    }

    [Fact]
    public async Task About_me_written_more_than_six_months_ago_shows_as_due_until_it_is_confirmed()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);

        // A passport whose About me was last written seven months ago: appended to its stream as
        // that change would have been.
        using (var store = DocumentStore.For(options =>
        {
            options.Connection(fixture.Postgres.ConnectionString);
            options.DatabaseSchemaName = PassportCoreRegistration.PassportSchemaName;
            PassportCoreRegistration.ConfigureCoreMarten(options);
        }))
        {
            await using var session = store.LightweightSession();
            var then = DateTimeOffset.UtcNow.AddMonths(-7);
            session.Events.Append(Guid.Parse(id), new AboutMeUpdated("Makaton", null, "Trains", null, null, null, null, null,
                new Provenance(carer.Subject, carer.Claims.Name, "carer", null, null, then, false)));
            await session.SaveChangesAsync();
        }

        const string read = "query($id: ID!) { passport(id: $id) { aboutMe { likes lastReviewed reviewDue } reviews { group reviewDue } } }";
        var stale = (await fixture.GraphQLAsync(carer, read, new { id })).Ok()["passport"]!;
        stale["aboutMe"]!["reviewDue"]!.GetValue<bool>().ShouldBeTrue();
        stale["reviews"]!.AsArray().Single(r => r!["group"]!.GetValue<string>() == "aboutMe")!["reviewDue"]!.GetValue<bool>().ShouldBeTrue();

        var confirmed = (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { markReviewed(passportId: $id, group: \"aboutMe\") { aboutMe { likes lastReviewed reviewDue } } }", new { id }))
            .Ok()["markReviewed"]!["aboutMe"]!;
        confirmed["reviewDue"]!.GetValue<bool>().ShouldBeFalse();
        confirmed["likes"]!.GetValue<string>().ShouldBe("Trains");
        confirmed["lastReviewed"]!.GetValue<string>().ShouldBe(DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd"));
    }

    private static List<string> Changes(JsonArray history) => history.Select(h => h!["change"]!.GetValue<string>()).ToList();

    private async Task<(Persona Carer, string Id)> CarerPassportAsync()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { updateAboutMe(passportId: $id, expectedVersion: 1, input: { likes: \"Trains\" }) { id } }", new { id })).Ok();
        return (carer, id);
    }

    private async Task<string> RecordAllergyAsync(Persona who, string id, string substance) =>
        (await fixture.GraphQLAsync(who, "mutation($id: ID!, $s: String!) { recordAllergy(passportId: $id, input: { substance: $s, severity: MILD }) { health { allergies { id substance } } } }", new { id, s = substance }))
            .Ok()["recordAllergy"]!["health"]!["allergies"]!.AsArray().First(a => a!["substance"]!.GetValue<string>() == substance)!["id"]!.GetValue<string>();

    private async Task<Persona> JoinAsync(Persona carer, string id, string sector)
    {
        var professional = Persona.Professional(sector);
        var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id, s = sector }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();
        (await fixture.GraphQLAsync(professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();
        return professional;
    }
}
