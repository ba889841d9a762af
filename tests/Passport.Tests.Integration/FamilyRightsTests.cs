using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class FamilyRightsTests(PassportFixture fixture)
{
    private const string Invite = "mutation($id: ID!, $edit: Boolean!, $share: Boolean!, $invite: Boolean!) { inviteCarer(passportId: $id, mayEdit: $edit, mayManageSharing: $share, mayInvite: $invite) { code expiresAt } }";
    private const string Accept = "mutation($c: String!) { acceptCarerInvitation(code: $c) { id child { givenName } } }";
    private const string Read = "query($id: ID!) { passport(id: $id) { child { givenName } aboutMe { likes } } }";

    [Fact]
    public async Task An_invited_carer_sees_the_passport_with_the_rights_they_were_given()
    {
        var mum = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(mum);
        var code = (await fixture.GraphQLAsync(mum, Invite, new { id, edit = false, share = false, invite = false })).Ok()["inviteCarer"]!["code"]!.GetValue<string>();

        var dad = Persona.Carer();
        (await fixture.GraphQLAsync(dad, Read, new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await fixture.GraphQLAsync(dad, Accept, new { c = code })).Ok()["acceptCarerInvitation"]!["child"]!["givenName"]!.GetValue<string>().ShouldBe("Ellie");

        // View only: he may not edit, share or invite.
        (await fixture.GraphQLAsync(dad, "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Egg\", severity: MILD }) { id } }", new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(dad, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(dad, Invite, new { id, edit = false, share = false, invite = false })).ErrorCodes.ShouldBe(["FORBIDDEN"]);

        // The invitation is single use.
        (await fixture.GraphQLAsync(Persona.Carer(), Accept, new { c = code })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    [Fact]
    public async Task A_social_care_professional_freezes_family_access_and_the_family_then_sees_nothing()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var socialWorker = Persona.Professional("social-care", "Cornwall Council");
        var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"social-care\") { code } }", new { id })).Ok()["createShareCode"]!["code"]!.GetValue<string>();
        (await fixture.GraphQLAsync(socialWorker, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();

        const string freeze = "mutation($id: ID!, $f: Boolean!, $r: String) { setFamilyAccessFrozen(passportId: $id, frozen: $f, reason: $r) { id } }";
        (await fixture.GraphQLAsync(carer, freeze, new { id, f = true, r = "mine" })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(socialWorker, freeze, new { id, f = true, r = "Section 47 enquiry" })).Ok();

        var frozen = await fixture.GraphQLAsync(carer, Read, new { id });
        frozen.Data!["passport"]!["child"]!["givenName"].ShouldBeNull();
        frozen.ErrorCodes.ShouldAllBe(c => c == "FIELD_NOT_PERMITTED");
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);

        // Nothing tells the family who is involved while the enquiry runs.
        var involved = await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { careTeam { displayName } sharing { sector } } }", new { id });
        involved.Body.ShouldNotContain(socialWorker.Claims.Name);
        involved.ErrorCodes.ShouldAllBe(c => c == "FORBIDDEN");
        (await fixture.GraphQLAsync(carer, "query($id: ID!) { accessLog(passportId: $id) { displayName } }", new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);

        (await fixture.GraphQLAsync(socialWorker, freeze, new { id, f = false, r = (string?)null })).Ok();
        (await fixture.GraphQLAsync(carer, Read, new { id })).Ok()["passport"]!["child"]!["givenName"]!.GetValue<string>().ShouldBe("Ellie");
    }

    [Theory]
    [InlineData(-18, true)]
    [InlineData(-17, false)]
    public async Task From_the_18th_birthday_the_passport_is_due_for_transition_to_adult_services(int yearsOffset, bool due)
    {
        var carer = Persona.Carer();
        var born = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(yearsOffset).ToString("yyyy-MM-dd");
        var created = (await fixture.GraphQLAsync(carer, "mutation($dob: Date!) { createPassport(input: { givenName: \"Jo\", familyName: \"Lee\", dateOfBirth: $dob, localAuthority: \"E10000008\" }) { child { dueForAdultTransition } } }", new { dob = born }))
            .Ok()["createPassport"]!;
        created["child"]!["dueForAdultTransition"]!.GetValue<bool>().ShouldBe(due);
    }
}
