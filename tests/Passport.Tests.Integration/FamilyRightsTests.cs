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

[Collection(PassportCollection.Name)]
public class YoungPersonTests(PassportFixture fixture)
{
    private const string Read = "query($id: ID!) { passport(id: $id) { isControlledByYoungPerson child { givenName } emergencyContacts { id name } health { allergies { id substance } } } }";

    [Fact]
    public async Task The_young_person_is_linked_by_invitation_and_sees_their_passport()
    {
        var (_, id, youngPerson) = await PassportWithYoungPersonAsync(yearsOld: 13);
        var passport = (await fixture.GraphQLAsync(youngPerson, Read, new { id })).Ok()["passport"]!;
        passport["child"]!["givenName"]!.GetValue<string>().ShouldBe("Riley");

        var log = (await fixture.GraphQLAsync(youngPerson, "query($id: ID!) { accessLog(passportId: $id) { basis } }", new { id })).Ok()["accessLog"]!.AsArray();
        log.ShouldContain(e => e!["basis"]!.GetValue<string>() == "YOUNG_PERSON");
    }

    [Fact]
    public async Task An_invitation_for_the_young_person_cannot_be_used_by_a_carer_and_the_reverse()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { inviteYoungPerson(passportId: $id) { code } }", new { id })).Ok()["inviteYoungPerson"]!["code"]!.GetValue<string>();
        (await fixture.GraphQLAsync(Persona.Carer(), "mutation($c: String!) { acceptCarerInvitation(code: $c) { id } }", new { c = code })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    [Fact]
    public async Task Before_16_the_young_person_cannot_take_control()
    {
        var (_, id, youngPerson) = await PassportWithYoungPersonAsync(yearsOld: 15);
        (await fixture.GraphQLAsync(youngPerson, "mutation($id: ID!) { takeControl(passportId: $id, keepCarers: []) { id } }", new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task From_16_the_young_person_takes_control_and_carers_not_kept_can_only_view()
    {
        var (mum, id, youngPerson) = await PassportWithYoungPersonAsync(yearsOld: 16);
        var dad = Persona.Carer();
        var invite = (await fixture.GraphQLAsync(mum, "mutation($id: ID!) { inviteCarer(passportId: $id, mayEdit: true, mayManageSharing: true, mayInvite: false) { code } }", new { id })).Ok()["inviteCarer"]!["code"]!.GetValue<string>();
        (await fixture.GraphQLAsync(dad, "mutation($c: String!) { acceptCarerInvitation(code: $c) { id } }", new { c = invite })).Ok();

        var taken = (await fixture.GraphQLAsync(youngPerson, "mutation($id: ID!, $keep: [String!]!) { takeControl(passportId: $id, keepCarers: $keep) { isControlledByYoungPerson carers { subject mayEdit mayManageSharing } } }", new { id, keep = new[] { dad.Subject } }))
            .Ok()["takeControl"]!;
        taken["isControlledByYoungPerson"]!.GetValue<bool>().ShouldBeTrue();

        const string record = "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Wasp stings\", severity: MODERATE }) { id } }";
        (await fixture.GraphQLAsync(mum, record, new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(mum, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(mum, Read, new { id })).Ok();
        (await fixture.GraphQLAsync(dad, record, new { id })).Ok();
    }

    [Fact]
    public async Task From_16_the_young_person_in_control_withholds_an_item_from_carers_but_still_sees_it()
    {
        var (mum, id, youngPerson) = await PassportWithYoungPersonAsync(yearsOld: 17);
        var allergy = (await fixture.GraphQLAsync(youngPerson, "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Latex\", severity: MILD }) { health { allergies { id } } } }", new { id }))
            .Ok()["recordAllergy"]!["health"]!["allergies"]!.AsArray().Single()!["id"]!.GetValue<string>();

        // Withholding from carers comes with control (SPEC §4): not before it.
        (await fixture.GraphQLAsync(youngPerson, "mutation($id: ID!, $item: ID!) { setItemWithheld(passportId: $id, group: \"health.emergency\", itemId: $item, withheld: true) { id } }", new { id, item = allergy }))
            .ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(youngPerson, "mutation($id: ID!, $keep: [String!]!) { takeControl(passportId: $id, keepCarers: $keep) { id } }", new { id, keep = new[] { mum.Subject } })).Ok();

        (await fixture.GraphQLAsync(youngPerson, "mutation($id: ID!, $item: ID!) { setItemWithheld(passportId: $id, group: \"health.emergency\", itemId: $item, withheld: true) { id } }", new { id, item = allergy })).Ok();

        var mumSees = (await fixture.GraphQLAsync(mum, Read, new { id })).Ok()["passport"]!["health"]!["allergies"]!.AsArray();
        mumSees.ShouldBeEmpty();
        var ownSees = (await fixture.GraphQLAsync(youngPerson, Read, new { id })).Ok()["passport"]!["health"]!["allergies"]!.AsArray();
        ownSees.Single()!["substance"]!.GetValue<string>().ShouldBe("Latex");

        // The young person can see what they withheld; the carer is not told which items are withheld.
        var withheld = (await fixture.GraphQLAsync(youngPerson, "query($id: ID!) { passport(id: $id) { withheldItems { itemId from } } }", new { id })).Ok()["passport"]!["withheldItems"]!.AsArray();
        withheld.Single()!["itemId"]!.GetValue<string>().ShouldBe(allergy);
        withheld.Single()!["from"]!.GetValue<string>().ShouldBe("CARERS");
        (await fixture.GraphQLAsync(mum, "query($id: ID!) { passport(id: $id) { withheldItems { itemId } } }", new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);

        // Professionals are not affected by what is withheld from the family.
        var doctor = Persona.Professional("health");
        var code = (await fixture.GraphQLAsync(youngPerson, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id })).Ok()["createShareCode"]!["code"]!.GetValue<string>();
        (await fixture.GraphQLAsync(doctor, "mutation($c: String!) { redeemShareCode(code: $c) { health { allergies { substance } } } }", new { c = code }))
            .Ok()["redeemShareCode"]!["health"]!["allergies"]!.AsArray().Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_professional_withholds_an_item_from_the_whole_family()
    {
        var (mum, id, youngPerson) = await PassportWithYoungPersonAsync(yearsOld: 14);
        var contact = (await fixture.GraphQLAsync(mum, "mutation($id: ID!) { addEmergencyContact(passportId: $id, input: { name: \"Foster carer\", relationship: \"Carer\", parentalResponsibility: false, phone: \"01872 111111\" }) { emergencyContacts { id } } }", new { id }))
            .Ok()["addEmergencyContact"]!["emergencyContacts"]!.AsArray().Single()!["id"]!.GetValue<string>();
        var socialWorker = Persona.Professional("social-care");
        var code = (await fixture.GraphQLAsync(mum, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"social-care\") { code } }", new { id })).Ok()["createShareCode"]!["code"]!.GetValue<string>();
        (await fixture.GraphQLAsync(socialWorker, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();

        (await fixture.GraphQLAsync(socialWorker, "mutation($id: ID!, $item: ID!) { setItemWithheld(passportId: $id, group: \"contacts.emergency\", itemId: $item, withheld: true) { emergencyContacts { name } } }", new { id, item = contact }))
            .Ok()["setItemWithheld"]!["emergencyContacts"]!.AsArray().Count.ShouldBe(1);
        (await fixture.GraphQLAsync(mum, Read, new { id })).Ok()["passport"]!["emergencyContacts"]!.AsArray().ShouldBeEmpty();
        (await fixture.GraphQLAsync(youngPerson, Read, new { id })).Ok()["passport"]!["emergencyContacts"]!.AsArray().ShouldBeEmpty();
        var withheld = (await fixture.GraphQLAsync(socialWorker, "query($id: ID!) { passport(id: $id) { withheldItems { itemId from } } }", new { id })).Ok()["passport"]!["withheldItems"]!.AsArray();
        withheld.Single()!["itemId"]!.GetValue<string>().ShouldBe(contact);
        withheld.Single()!["from"]!.GetValue<string>().ShouldBe("FAMILY");

        // The young person is not told what a professional withheld from the family.
        (await fixture.GraphQLAsync(youngPerson, "query($id: ID!) { passport(id: $id) { withheldItems { itemId } } }", new { id })).Ok()["passport"]!["withheldItems"]!.AsArray().ShouldBeEmpty();
        (await fixture.GraphQLAsync(youngPerson, "mutation($id: ID!, $item: ID!) { setItemWithheld(passportId: $id, group: \"contacts.emergency\", itemId: $item, withheld: false) { id } }", new { id, item = contact }))
            .ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    private async Task<(Persona Carer, string Id, Persona YoungPerson)> PassportWithYoungPersonAsync(int yearsOld)
    {
        var carer = Persona.Carer();
        var born = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-yearsOld).AddDays(-1).ToString("yyyy-MM-dd");
        var id = (await fixture.GraphQLAsync(carer, "mutation($dob: Date!) { createPassport(input: { givenName: \"Riley\", familyName: \"Morgan\", dateOfBirth: $dob, localAuthority: \"E06000052\" }) { id } }", new { dob = born }))
            .Ok()["createPassport"]!["id"]!.GetValue<string>();
        var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { inviteYoungPerson(passportId: $id) { code } }", new { id })).Ok()["inviteYoungPerson"]!["code"]!.GetValue<string>();
        var youngPerson = Persona.YoungPerson();
        (await fixture.GraphQLAsync(youngPerson, "mutation($c: String!) { acceptYoungPersonInvitation(code: $c) { id } }", new { c = code })).Ok();
        return (carer, id, youngPerson);
    }
}

[Collection(PassportCollection.Name)]
public class CarerPrivacyTests(PassportFixture fixture)
{
    private const string Carers = "query($id: ID!) { passport(id: $id) { carers { subject address phone } } }";

    [Fact]
    public async Task A_carers_own_address_and_phone_are_private_unless_they_share_them()
    {
        var mum = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(mum);
        var code = (await fixture.GraphQLAsync(mum, "mutation($id: ID!) { inviteCarer(passportId: $id, mayEdit: false, mayManageSharing: false, mayInvite: false) { code } }", new { id })).Ok()["inviteCarer"]!["code"]!.GetValue<string>();
        var dad = Persona.Carer();
        (await fixture.GraphQLAsync(dad, "mutation($c: String!) { acceptCarerInvitation(code: $c) { id } }", new { c = code })).Ok();

        const string set = "mutation($id: ID!, $share: Boolean!) { setMyContactDetails(passportId: $id, address: \"1 Quay Street, Truro\", phone: \"07700 900456\", share: $share) { id } }";
        (await fixture.GraphQLAsync(mum, set, new { id, share = false })).Ok();

        var dadSees = await fixture.GraphQLAsync(dad, Carers, new { id });
        dadSees.Body.ShouldNotContain("Quay Street");
        dadSees.ErrorCodes.ShouldAllBe(c => c == "FIELD_NOT_PERMITTED");
        (await fixture.GraphQLAsync(mum, Carers, new { id })).Data!.ToJsonString().ShouldContain("Quay Street");

        (await fixture.GraphQLAsync(mum, set, new { id, share = true })).Ok();
        (await fixture.GraphQLAsync(dad, Carers, new { id })).Ok().ToJsonString().ShouldContain("Quay Street");
    }
}
