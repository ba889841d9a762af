using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// Issue 11 ("Trust: one write decision"): each finding of the review as the behaviour a user
/// would see once it is fixed. Grouped by finding, in the order.
/// </summary>
[Collection(PassportCollection.Name)]
public class TrustFindingsTests(PassportFixture fixture)
{
    private const string UpdateChildDetails = """
        mutation($id: ID!, $dob: Date!) { updateChildDetails(passportId: $id, input: { givenName: "Riley", familyName: "Morgan", dateOfBirth: $dob, localAuthority: "E06000052" }) { version child { dateOfBirth } } }
        """;

    private const string UpdateChildDetailsWithReason = """
        mutation($id: ID!, $dob: Date!, $reason: String) { updateChildDetails(passportId: $id, input: { givenName: "Riley", familyName: "Morgan", dateOfBirth: $dob, localAuthority: "E06000052" }, reason: $reason) { version child { dateOfBirth } } }
        """;

    private const string SetWithheld = "mutation($id: ID!, $g: String!, $item: ID!, $w: Boolean!) { setItemWithheld(passportId: $id, group: $g, itemId: $item, withheld: $w) { id } }";
    private const string MyNotifications = "{ myNotifications { passportId kind message } }";
    private const string Remove = "mutation($id: ID!, $who: String!) { removeCareTeamMember(passportId: $id, subject: $who) { id } }";
    private const string HandOver = "mutation($id: ID!, $who: String!) { addCareTeamColleague(passportId: $id, subject: $who, displayName: \"Colleague\") { id } }";
    private const string ReadId = "query($id: ID!) { passport(id: $id) { id } }";

    private static DateOnly Today => HostClient.Today;

    private HostClient Host => new(fixture, fixture.Http);

    // (1) A care-team professional outside health and social care cannot rewrite the child's identity or voice.

    [Fact]
    public async Task A_leisure_professional_cannot_change_the_date_of_birth_or_about_me_and_the_passport_stays_open()
    {
        var carer = Persona.Carer();
        var born = Today.AddYears(-10).AddMonths(-2);
        var id = await Host.CreatePassportAsync(carer, born);
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { updateAboutMe(passportId: $id, expectedVersion: 1, input: { likes: \"Trains\" }) { id } }", new { id })).Ok();
        var coach = Persona.Professional("leisure", "Truro Leisure Centre");
        await Host.JoinAsync(carer, id, coach);
        var version = await Host.VersionAsync(carer, id);

        (await fixture.GraphQLAsync(coach, UpdateChildDetails, new { id, dob = HostClient.Date(Today.AddYears(-25)) })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(coach, "mutation($id: ID!, $v: Int!) { updateAboutMe(passportId: $id, expectedVersion: $v, input: { likes: \"Swimming only\" }) { id } }", new { id, v = version }))
            .ErrorCodes.ShouldBe(["FORBIDDEN"]);

        var passport = (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { version child { dateOfBirth } aboutMe { likes } } }", new { id })).Ok()["passport"]!;
        passport["child"]!["dateOfBirth"]!.GetValue<string>().ShouldBe(HostClient.Date(born));
        passport["aboutMe"]!["likes"]!.GetValue<string>().ShouldBe("Trains");
        passport["version"]!.GetValue<int>().ShouldBe(version);
    }

    // (2) A date of birth that would close the passport or move the child across 16 or 18 is a correction for health or social care, with a reason.

    [Theory]
    [InlineData(20, 25)] // the passport would close
    [InlineData(15, 16)]
    [InlineData(16, 15)]
    [InlineData(17, 18)]
    [InlineData(18, 17)]
    public async Task A_carer_cannot_change_the_date_of_birth_so_the_passport_closes_or_the_child_crosses_16_or_18(int ageNow, int ageAfter)
    {
        var carer = Persona.Carer();
        var born = Today.AddYears(-ageNow).AddMonths(-6);
        var id = await Host.CreatePassportAsync(carer, born);
        var version = await Host.VersionAsync(carer, id);

        var response = await fixture.GraphQLAsync(carer, UpdateChildDetails, new { id, dob = HostClient.Date(Today.AddYears(-ageAfter).AddMonths(-6)) });

        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"], response.Body);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("input.dateOfBirth");
        response.Errors[0]!["message"]!.GetValue<string>().ShouldContain("dateOfBirth");
        var passport = (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { version child { dateOfBirth } } }", new { id })).Ok()["passport"]!;
        passport["child"]!["dateOfBirth"]!.GetValue<string>().ShouldBe(HostClient.Date(born));
        passport["version"]!.GetValue<int>().ShouldBe(version);
    }

    /// <summary>The counterpart of the rule above: an ordinary correction stays with the family.</summary>
    [Fact]
    public async Task A_carer_may_still_correct_a_date_of_birth_that_keeps_the_child_in_the_same_age_band()
    {
        var carer = Persona.Carer();
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-10).AddMonths(-6));
        var corrected = Today.AddYears(-10).AddMonths(-2);
        (await fixture.GraphQLAsync(carer, UpdateChildDetails, new { id, dob = HostClient.Date(corrected) }))
            .Ok()["updateChildDetails"]!["child"]!["dateOfBirth"]!.GetValue<string>().ShouldBe(HostClient.Date(corrected));
    }

    [Fact]
    public async Task A_health_professional_corrects_a_date_of_birth_across_16_only_with_a_reason()
    {
        var carer = Persona.Carer();
        var born = Today.AddYears(-15).AddMonths(-6);
        var id = await Host.CreatePassportAsync(carer, born);
        var doctor = Persona.Professional("health", "Royal Cornwall Hospitals NHS Trust");
        await Host.JoinAsync(carer, id, doctor);
        var corrected = HostClient.Date(Today.AddYears(-16).AddMonths(-6));

        var withoutReason = await fixture.GraphQLAsync(doctor, UpdateChildDetails, new { id, dob = corrected });
        withoutReason.ErrorCodes.ShouldBe(["VALIDATION_FAILED"], withoutReason.Body);
        withoutReason.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("input.dateOfBirth");

        (await fixture.GraphQLAsync(doctor, UpdateChildDetailsWithReason, new { id, dob = corrected, reason = "Birth certificate seen in clinic: the year was mistyped" }))
            .Ok()["updateChildDetails"]!["child"]!["dateOfBirth"]!.GetValue<string>().ShouldBe(corrected);
        (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { child { dateOfBirth } } }", new { id }))
            .Ok()["passport"]!["child"]!["dateOfBirth"]!.GetValue<string>().ShouldBe(corrected);

        // A reason does not make it the family's correction.
        var carerWithReason = await fixture.GraphQLAsync(carer, UpdateChildDetailsWithReason, new { id, dob = HostClient.Date(born), reason = "I think the clinic got it wrong" });
        carerWithReason.ErrorCodes.ShouldBe(["VALIDATION_FAILED"], carerWithReason.Body);
    }

    // (3) Withholding: only the owning sector (or whoever withheld) releases, and nobody learns of items in groups they cannot see.

    [Fact]
    public async Task Education_or_leisure_on_the_care_team_cannot_show_the_family_a_legal_status_social_care_withheld()
    {
        var (carer, id, legalStatus, _, teacher, coach) = await PassportWithWithheldItemsAsync();

        foreach (var professional in new[] { teacher, coach })
        {
            var release = await fixture.GraphQLAsync(professional, SetWithheld, new { id, g = "socialCare.legalStatus", item = legalStatus, w = false });
            release.ErrorCodes.ShouldBe(["FORBIDDEN"], $"{professional.Claims.Sector}: {release.Body}");
        }

        var family = await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { socialCare { legalStatus { status } } } }", new { id });
        family.Ok()["passport"]!["socialCare"]!["legalStatus"].ShouldBeNull(family.Body);
    }

    [Fact]
    public async Task Education_and_leisure_are_told_only_of_withheld_items_in_groups_they_may_see()
    {
        var (_, id, legalStatus, allergy, teacher, coach) = await PassportWithWithheldItemsAsync();

        foreach (var professional in new[] { teacher, coach })
        {
            var listed = (await fixture.GraphQLAsync(professional, "query($id: ID!) { passport(id: $id) { withheldItems { itemId } } }", new { id }))
                .Ok()["passport"]!["withheldItems"]!.AsArray().Select(w => w!["itemId"]!.GetValue<string>());
            listed.ShouldBe([allergy], $"{professional.Claims.Sector} may see health.emergency but not socialCare.legalStatus ({legalStatus})");
        }
    }

    /// <summary>Social care withholds the legal status and health an allergy from the family; education and leisure are on the care team.</summary>
    private async Task<(Persona Carer, string Id, string LegalStatus, string Allergy, Persona Teacher, Persona Coach)> PassportWithWithheldItemsAsync()
    {
        var carer = Persona.Carer();
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-11));
        var socialWorker = Persona.Professional("social-care", "Cornwall Council Children's Services");
        var nurse = Persona.Professional("health");
        var teacher = Persona.Professional("education", "Truro Primary School");
        var coach = Persona.Professional("leisure", "Truro Leisure Centre");
        foreach (var professional in new[] { socialWorker, nurse, teacher, coach })
        {
            await Host.JoinAsync(carer, id, professional);
        }

        var legalStatus = (await fixture.GraphQLAsync(socialWorker, "mutation($id: ID!) { setLegalStatus(passportId: $id, input: { status: CHILD_IN_NEED }) { socialCare { legalStatus { id } } } }", new { id }))
            .Ok()["setLegalStatus"]!["socialCare"]!["legalStatus"]!["id"]!.GetValue<string>();
        (await fixture.GraphQLAsync(socialWorker, SetWithheld, new { id, g = "socialCare.legalStatus", item = legalStatus, w = true })).Ok();
        var allergy = await Host.RecordAllergyAsync(nurse, id, "Penicillin");
        (await fixture.GraphQLAsync(nurse, SetWithheld, new { id, g = "health.emergency", item = allergy, w = true })).Ok();
        return (carer, id, legalStatus, allergy, teacher, coach);
    }

    // (4) Emergency notifications follow sharing and the care team at the moment they are read, and reading them is audited.

    [Fact]
    public async Task Leisure_opted_out_of_emergency_health_information_is_not_notified_of_a_severe_allergy()
    {
        var carer = Persona.Carer();
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-8));
        var nurse = Persona.Professional("health");
        var teacher = Persona.Professional("education");
        var coach = Persona.Professional("leisure");
        foreach (var professional in new[] { nurse, teacher, coach })
        {
            await Host.JoinAsync(carer, id, professional);
        }

        await Host.SetSharingAsync(carer, id, "leisure", "health.emergency", shared: false);
        await Host.RecordAllergyAsync(nurse, id, "Peanuts", "SEVERE");

        // Delivered through the outbox: once the teacher has it, every notification of the change exists.
        await NotificationsAboutAsync(teacher, id, until: n => n.Count > 0);
        (await NotificationsAboutAsync(coach, id)).ShouldBeEmpty("leisure may not see health.emergency on this passport");
    }

    [Fact]
    public async Task A_professional_removed_from_the_care_team_sees_no_notifications_about_that_passport()
    {
        var carer = Persona.Carer();
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-8));
        var nurse = Persona.Professional("health");
        var teacher = Persona.Professional("education", "Truro Primary School");
        await Host.JoinAsync(carer, id, nurse);
        await Host.JoinAsync(carer, id, teacher);
        await Host.RecordAllergyAsync(nurse, id, "Sesame", "SEVERE");
        await NotificationsAboutAsync(teacher, id, until: n => n.Count > 0);

        (await fixture.GraphQLAsync(carer, Remove, new { id, who = teacher.Subject })).Ok();

        (await NotificationsAboutAsync(teacher, id)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_professional_reading_notifications_appears_in_the_familys_access_log()
    {
        var carer = Persona.Carer();
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-8));
        var nurse = Persona.Professional("health");
        var teacher = Named(Persona.Professional("education", "Truro Primary School"), $"Ms Laura Hughes {Guid.NewGuid():N}");
        await Host.JoinAsync(carer, id, nurse);
        await Host.JoinAsync(carer, id, teacher);
        await Host.RecordAllergyAsync(nurse, id, "Kiwi", "SEVERE");

        await NotificationsAboutAsync(teacher, id, until: n => n.Count > 0);

        var log = (await fixture.GraphQLAsync(carer, "query($id: ID!) { accessLog(passportId: $id, first: 200) { displayName groups } }", new { id })).Ok()["accessLog"]!.AsArray();
        log.ShouldContain(
            e => e!["displayName"]!.GetValue<string>() == teacher.Claims.Name
                && e["groups"]!.AsArray().Any(g => g!.GetValue<string>() == "health.emergency")
                && e["groups"]!.AsArray().Any(g => g!.GetValue<string>() == "identity.basic"),
            $"the teacher read a notification naming the child and its allergy: {log.ToJsonString()}");
    }

    /// <summary>The professional's notifications about one passport, read until <paramref name="until"/> holds (bounded).</summary>
    private async Task<JsonArray> NotificationsAboutAsync(Persona professional, string id, Func<JsonArray, bool>? until = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var all = (await fixture.GraphQLAsync(professional, MyNotifications)).Ok()["myNotifications"]!.AsArray();
            var about = new JsonArray([.. all.Where(n => n!["passportId"]!.GetValue<string>() == id).Select(n => n!.DeepClone())]);
            if (until is null || until(about))
            {
                return about;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No notification about {id} reached {professional.Claims.Name} within 30 s.");
            }

            await Task.Delay(50);
        }
    }

    // (5) Who is involved is a field group: leisure sees only itself.

    [Fact]
    public async Task Leisure_sees_only_itself_on_the_care_team_while_health_sees_everyone()
    {
        var (id, socialWorker, doctor, coach, _) = await PassportWithPeopleAsync();

        var coachSees = await fixture.GraphQLAsync(coach, "query($id: ID!) { passport(id: $id) { careTeam { subject displayName sector organisation } } }", new { id });
        var team = coachSees.Ok()["passport"]!["careTeam"]!.AsArray();
        team.Select(m => m!["subject"]!.GetValue<string>()).ShouldBe([coach.Subject]);
        coachSees.Body.ShouldNotContain(socialWorker.Claims.Name);
        coachSees.Body.ShouldNotContain(socialWorker.Claims.Organisation!);
        coachSees.Body.ShouldNotContain(doctor.Claims.Name);

        var doctorSees = (await fixture.GraphQLAsync(doctor, "query($id: ID!) { passport(id: $id) { careTeam { subject } } }", new { id })).Ok()["passport"]!["careTeam"]!.AsArray();
        doctorSees.Select(m => m!["subject"]!.GetValue<string>()).ShouldBe([socialWorker.Subject, doctor.Subject, coach.Subject], ignoreOrder: true);
    }

    [Fact]
    public async Task Leisure_sees_no_carers_while_health_sees_them()
    {
        var (id, _, doctor, coach, carer) = await PassportWithPeopleAsync();

        var coachSees = await fixture.GraphQLAsync(coach, "query($id: ID!) { passport(id: $id) { carers { subject displayName } } }", new { id });
        coachSees.Ok()["passport"]!["carers"]!.AsArray().ShouldBeEmpty();
        coachSees.Body.ShouldNotContain(carer.Claims.Name);

        (await fixture.GraphQLAsync(doctor, "query($id: ID!) { passport(id: $id) { carers { displayName } } }", new { id })).Ok()["passport"]!["carers"]!.AsArray()
            .Select(c => c!["displayName"]!.GetValue<string>()).ShouldBe([carer.Claims.Name]);
    }

    private async Task<(string Id, Persona SocialWorker, Persona Doctor, Persona Coach, Persona Carer)> PassportWithPeopleAsync()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var carer = Named(Persona.Carer(), $"Jenna Trewin {tag}");
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-9));
        var socialWorker = Named(Persona.Professional("social-care", $"Kernow Children's Services {tag}"), $"Siobhan Kessell {tag}");
        var doctor = Named(Persona.Professional("health", $"Royal Cornwall Hospitals {tag}"), $"Dr Amara Okafor {tag}");
        var coach = Persona.Professional("leisure", "Truro Leisure Centre");
        foreach (var professional in new[] { socialWorker, doctor, coach })
        {
            await Host.JoinAsync(carer, id, professional);
        }

        return (id, socialWorker, doctor, coach, carer);
    }

    // (6) Take-control cannot be undone by invitations.

    [Fact]
    public async Task A_carer_invitation_issued_before_the_young_person_took_control_no_longer_works()
    {
        var (mum, id) = await SixteenYearOldAsync();
        var youngPerson = Persona.YoungPerson();
        var invitation = await Host.InviteCarerAsync(mum, id, mayEdit: true, mayManageSharing: true, mayInvite: true);
        await Host.LinkYoungPersonAsync(mum, id, youngPerson);
        await Host.TakeControlAsync(youngPerson, id);

        var stranger = Persona.Carer();
        (await Host.AcceptCarerInvitationAsync(stranger, invitation)).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await fixture.GraphQLAsync(stranger, ReadId, new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    [Fact]
    public async Task A_carer_left_with_view_only_cannot_win_back_rights_with_an_invitation_issued_before_take_control()
    {
        var (mum, id) = await SixteenYearOldAsync();
        var invitation = await Host.InviteCarerAsync(mum, id, mayEdit: true, mayManageSharing: true, mayInvite: true);
        var youngPerson = Persona.YoungPerson();
        await Host.LinkYoungPersonAsync(mum, id, youngPerson);
        await Host.TakeControlAsync(youngPerson, id);

        var accepted = await Host.AcceptCarerInvitationAsync(mum, invitation);
        accepted.ErrorCodes.ShouldHaveSingleItem().ShouldBeOneOf(["FORBIDDEN", "NOT_FOUND"], accepted.Body);
        await ShouldBeViewOnlyAsync(mum, id);
    }

    [Fact]
    public async Task A_linked_carer_cannot_accept_an_invitation_to_change_their_own_rights()
    {
        var (mum, id) = await SixteenYearOldAsync();
        var dad = Persona.Carer();
        (await Host.AcceptCarerInvitationAsync(dad, await Host.InviteCarerAsync(mum, id, mayEdit: false, mayManageSharing: false, mayInvite: false))).Ok();
        var fullRights = await Host.InviteCarerAsync(mum, id, mayEdit: true, mayManageSharing: true, mayInvite: true);

        (await Host.AcceptCarerInvitationAsync(dad, fullRights)).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        await ShouldBeViewOnlyAsync(dad, id);
    }

    [Fact]
    public async Task A_second_young_person_invitation_cannot_replace_the_linked_young_person()
    {
        var (mum, id) = await SixteenYearOldAsync();
        var first = await Host.InviteYoungPersonAsync(mum, id);
        var second = await Host.InviteYoungPersonAsync(mum, id);
        var youngPerson = Persona.YoungPerson();
        (await Host.AcceptYoungPersonInvitationAsync(youngPerson, first)).Ok();
        await Host.TakeControlAsync(youngPerson, id);

        var impostor = Persona.YoungPerson();
        var accepted = await Host.AcceptYoungPersonInvitationAsync(impostor, second);
        accepted.ErrorCodes.ShouldHaveSingleItem().ShouldBeOneOf(["NOT_FOUND", "FORBIDDEN"], accepted.Body);

        (await fixture.GraphQLAsync(impostor, ReadId, new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await fixture.GraphQLAsync(youngPerson, "query($id: ID!) { passport(id: $id) { isControlledByYoungPerson } } ", new { id }))
            .Ok()["passport"]!["isControlledByYoungPerson"]!.GetValue<bool>().ShouldBeTrue();
    }

    private async Task<(Persona Carer, string Id)> SixteenYearOldAsync()
    {
        var carer = Persona.Carer();
        return (carer, await Host.CreatePassportAsync(carer, Today.AddYears(-16).AddMonths(-3)));
    }

    private async Task ShouldBeViewOnlyAsync(Persona carer, string id)
    {
        var rights = (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { carers { subject mayEdit mayManageSharing mayInvite } } }", new { id }))
            .Ok()["passport"]!["carers"]!.AsArray().Single(c => c!["subject"]!.GetValue<string>() == carer.Subject)!;
        rights["mayEdit"]!.GetValue<bool>().ShouldBeFalse();
        rights["mayManageSharing"]!.GetValue<bool>().ShouldBeFalse();
        rights["mayInvite"]!.GetValue<bool>().ShouldBeFalse();
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Wasp stings\", severity: MILD }) { id } }", new { id }))
            .ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    // (7) Handover only to the same sector and organisation, and never back in after the family removed someone.

    [Fact]
    public async Task A_handover_gives_access_only_to_a_colleague_of_the_same_sector_and_organisation()
    {
        const string trust = "Royal Cornwall Hospitals NHS Trust";
        var carer = Persona.Carer();
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-7));
        var nurse = Persona.Professional("health", trust);
        await Host.JoinAsync(carer, id, nurse);

        var otherTrust = Persona.Professional("health", "University Hospitals Plymouth NHS Trust");
        var otherSector = Persona.Professional("education", trust);
        foreach (var outsider in new[] { otherTrust, otherSector })
        {
            await fixture.GraphQLAsync(nurse, HandOver, new { id, who = outsider.Subject });
            (await fixture.GraphQLAsync(outsider, ReadId, new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"], $"{outsider.Claims.Sector}, {outsider.Claims.Organisation}");
        }

        var colleague = Persona.Professional("health", trust);
        (await fixture.GraphQLAsync(nurse, HandOver, new { id, who = colleague.Subject })).Ok();
        (await fixture.GraphQLAsync(colleague, ReadId, new { id })).Ok();
    }

    [Fact]
    public async Task A_professional_the_family_removed_cannot_be_handed_back_in()
    {
        const string trust = "Royal Cornwall Hospitals NHS Trust";
        var carer = Persona.Carer();
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-7));
        var nurse = Persona.Professional("health", trust);
        var removed = Persona.Professional("health", trust);
        await Host.JoinAsync(carer, id, nurse);
        await Host.JoinAsync(carer, id, removed);
        (await fixture.GraphQLAsync(carer, Remove, new { id, who = removed.Subject })).Ok();

        (await fixture.GraphQLAsync(nurse, HandOver, new { id, who = removed.Subject })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(removed, ReadId, new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    // (8) Guess limits hold under parallel guessing.

    [Fact]
    public async Task Forty_parallel_wrong_share_codes_from_one_account_are_answered_as_five_failures_and_thirty_five_refusals()
    {
        var guesser = fixture.Token(Persona.Professional("leisure", $"Guessing Club {Guid.NewGuid():N}"));
        const string alphabet = "ABCDEFGHJKLMNPQRSTWXYZ23456789";
        var codes = Enumerable.Range(0, 40).Select(i => $"ZZ{alphabet[i % alphabet.Length]}{alphabet[i / alphabet.Length]}-QQ{alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]}{alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)]}");

        var answers = await Task.WhenAll(codes.Select(code => fixture.GraphQLAsync(guesser, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })));

        var outcomes = answers.Select(a => string.Join(",", a.ErrorCodes)).ToList();
        outcomes.Count(o => o == "NOT_FOUND").ShouldBe(5, string.Join(" ", outcomes));
        outcomes.Count(o => o == "RATE_LIMITED").ShouldBe(35, string.Join(" ", outcomes));
    }

    // (9) Smaller findings.

    [Fact]
    public async Task A_closed_passport_does_not_say_on_which_day_it_closed()
    {
        var carer = Persona.Carer();
        var born = Today.AddYears(-25).AddDays(10);
        var id = await Host.CreatePassportAsync(carer, born);
        var socialWorker = Persona.Professional("social-care");
        await Host.JoinAsync(carer, id, socialWorker);
        const string involve = "mutation($id: ID!) { recordInvolvement(passportId: $id, input: { allocatedWorker: \"Jo Smith\" }) { id } }";
        const string end = "mutation($id: ID!, $on: Date) { endInvolvement(passportId: $id, endedOn: $on) { id } }";

        // Involvement that ended at 17 keeps the passport open to the 26th birthday, so the
        // child can be corrected to 25 with the passport still open.
        (await fixture.GraphQLAsync(socialWorker, involve, new { id })).Ok();
        (await fixture.GraphQLAsync(socialWorker, end, new { id, on = HostClient.Date(born.AddYears(17).AddDays(30)) })).Ok();
        var corrected = born.AddDays(-20);
        var correction = await fixture.GraphQLAsync(carer, UpdateChildDetails, new { id, dob = HostClient.Date(corrected) });
        if (correction.ErrorCodes.SequenceEqual(["VALIDATION_FAILED"]))
        {
            // Where the rules count a correction past the 25th birthday as one for social care with a reason.
            (await fixture.GraphQLAsync(socialWorker, UpdateChildDetailsWithReason, new { id, dob = HostClient.Date(corrected), reason = "Date of birth checked against the birth certificate" })).Ok();
        }
        else
        {
            correction.Ok();
        }

        // Involvement that ends now, at 25: the passport closed on the 25th birthday, ten days ago.
        (await fixture.GraphQLAsync(socialWorker, involve, new { id })).Ok();
        await fixture.GraphQLAsync(socialWorker, end, new { id, on = (string?)null });
        var closedOn = corrected.AddYears(25);

        var read = await fixture.GraphQLAsync(carer, ReadId, new { id });
        read.ErrorCodes.ShouldBe(["PASSPORT_CLOSED"], read.Body);
        var said = read.Errors.ToJsonString();
        foreach (var format in new[] { "yyyy-MM-dd", "d MMMM", "dd/MM/yyyy", "d MMM yyyy" })
        {
            said.ShouldNotContain(closedOn.ToString(format, CultureInfo.InvariantCulture), Case.Insensitive);
        }
    }

    [Fact]
    public async Task The_family_cannot_amend_or_end_an_item_withheld_from_them_nor_learn_of_it()
    {
        var carer = Persona.Carer();
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-12));
        var nurse = Persona.Professional("health");
        await Host.JoinAsync(carer, id, nurse);
        var allergy = await Host.RecordAllergyAsync(nurse, id, "Penicillin");
        (await fixture.GraphQLAsync(nurse, SetWithheld, new { id, g = "health.emergency", item = allergy, w = true })).Ok();
        var version = await Host.VersionAsync(nurse, id);

        var amend = await fixture.GraphQLAsync(carer, "mutation($id: ID!, $item: ID!) { amendAllergy(passportId: $id, itemId: $item, input: { substance: \"Nothing really\", severity: MILD }) { id } }", new { id, item = allergy });
        var endIt = await fixture.GraphQLAsync(carer, "mutation($id: ID!, $item: ID!) { endAllergy(passportId: $id, itemId: $item) { id } }", new { id, item = allergy });

        foreach (var refused in new[] { amend, endIt })
        {
            refused.ErrorCodes.ShouldBe(["VALIDATION_FAILED"], refused.Body);
            refused.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("itemId");
            refused.Body.ShouldNotContain("Penicillin");
        }

        var seen = (await fixture.GraphQLAsync(nurse, "query($id: ID!) { passport(id: $id) { version health { allergies { id substance } } } }", new { id })).Ok()["passport"]!;
        seen["version"]!.GetValue<int>().ShouldBe(version);
        seen["health"]!["allergies"]!.AsArray().Single()!["substance"]!.GetValue<string>().ShouldBe("Penicillin");
    }

    [Fact]
    public async Task Reviews_do_not_tell_the_family_that_an_item_withheld_from_them_changed()
    {
        var carer = Persona.Carer();
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-12));
        await Host.RecordAllergyAsync(carer, id, "Grass pollen");
        var nurse = Persona.Professional("health");
        await Host.JoinAsync(carer, id, nurse);
        var allergy = await Host.RecordAllergyAsync(nurse, id, "Penicillin");
        (await fixture.GraphQLAsync(nurse, SetWithheld, new { id, g = "health.emergency", item = allergy, w = true })).Ok();
        const string reviews = "query($id: ID!) { passport(id: $id) { reviews { group lastReviewed } } }";
        string? EmergencyReview(GraphQLResponse r) => r.Ok()["passport"]!["reviews"]!.AsArray().SingleOrDefault(e => e!["group"]!.GetValue<string>() == "health.emergency")?.ToJsonString();
        var before = EmergencyReview(await fixture.GraphQLAsync(carer, reviews, new { id }));
        before.ShouldNotBeNull("the family's own allergy report is reviewed");

        (await fixture.GraphQLAsync(nurse, "mutation($id: ID!, $item: ID!) { amendAllergy(passportId: $id, itemId: $item, input: { substance: \"Penicillin\", reaction: \"Anaphylaxis\", severity: MILD }) { id } }", new { id, item = allergy })).Ok();

        EmergencyReview(await fixture.GraphQLAsync(carer, reviews, new { id })).ShouldBe(before);
    }

    [Fact]
    public async Task A_professional_role_given_by_another_client_is_not_a_professional_role_here()
    {
        var carer = Persona.Carer();
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-6));

        // The same token shape with the role for this API is a professional: the token is sound.
        var forThisApi = TokenWithClientRole("passport-api", "professional");
        (await fixture.GraphQLAsync(forThisApi, "{ me { roles } }")).Ok()["me"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldContain("professional");

        var forAnotherApp = TokenWithClientRole("other-app", "professional");
        (await fixture.GraphQLAsync(forAnotherApp, "{ me { roles } }")).Ok()["me"]!["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldNotContain("professional");
        var code = await Host.ShareCodeAsync(carer, id, "health");
        (await fixture.GraphQLAsync(forAnotherApp, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(forAnotherApp, ReadId, new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    /// <summary>
    /// A Keycloak-shaped access token for someone from health whose only role is a client role
    /// (resource_access.&lt;client&gt;.roles), signed with the run's key. SigningKey.Issue writes
    /// realm_access roles only.
    /// </summary>
    private string TokenWithClientRole(string client, string role)
    {
        var keys = Path.GetDirectoryName(fixture.HostEnvironment("unused")["Auth__JwksFile"])!;
        using var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(keys, "signing-key.pem")));
        var key = new RsaSecurityKey(rsa) { KeyId = fixture.Key.KeyId, CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } };
        var subject = $"other-client-{Guid.NewGuid():N}";
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = PassportFixture.Issuer,
            Audience = PassportFixture.Audience,
            IssuedAt = now.AddSeconds(-1),
            NotBefore = now.AddSeconds(-1),
            Expires = now.AddMinutes(30),
            Claims = new Dictionary<string, object>
            {
                ["sub"] = subject,
                ["name"] = "Dr Other Client",
                ["preferred_username"] = subject,
                ["realm_access"] = new Dictionary<string, object> { ["roles"] = Array.Empty<string>() },
                ["resource_access"] = new Dictionary<string, object> { [client] = new Dictionary<string, object> { ["roles"] = new[] { role } } },
                ["sector"] = "health",
                ["organisation"] = "Royal Cornwall Hospitals NHS Trust",
                ["typ"] = "Bearer",
            },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    [Fact]
    public async Task History_and_my_passports_page_with_first()
    {
        var carer = Persona.Carer();
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-5));
        await Host.CreatePassportAsync(carer, Today.AddYears(-4));
        await Host.CreatePassportAsync(carer, Today.AddYears(-3));
        await Host.RecordAllergyAsync(carer, id, "Egg");
        await Host.RecordAllergyAsync(carer, id, "Milk");

        (await fixture.GraphQLAsync(carer, "query($id: ID!) { history(passportId: $id, first: 2) { version } }", new { id })).Ok()["history"]!.AsArray().Count.ShouldBe(2);
        (await fixture.GraphQLAsync(carer, "{ myPassports(first: 2) { id } }")).Ok()["myPassports"]!.AsArray().Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("query($id: ID!) { history(passportId: $id, first: 201) { version } }")]
    [InlineData("query { myPassports(first: 201) { id } }")]
    public async Task Asking_for_more_than_200_at_once_is_refused_naming_first(string query)
    {
        var carer = Persona.Carer();
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-5));
        var response = await fixture.GraphQLAsync(carer, query, query.Contains("$id", StringComparison.Ordinal) ? new { id } : null);
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"], response.Body);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("first");
    }

    [Fact]
    public async Task A_policy_file_that_shows_safeguarding_to_the_family_stops_the_host_at_start()
    {
        var region = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "src", "Passport.Host", "policy", "region-policy.json"));
        region.ShouldContain("\"family\": \"never\"");
        var folder = TestPaths.NewTempFolder("policy");
        var policy = Path.Combine(folder, "policy.json");
        await File.WriteAllTextAsync(policy, region.Replace("\"family\": \"never\"", "\"family\": \"always\"", StringComparison.Ordinal));
        var environment = fixture.HostEnvironment(await fixture.NewDatabaseAsync());
        environment["Passport__PolicyFile"] = policy;
        try
        {
            // Ready would mean it started: that is the failure. Exiting first is the rule.
            var refusal = await Should.ThrowAsync<InvalidOperationException>(async () =>
            {
                await using var host = await HostProcess.StartAsync(environment);
            });
            refusal.Message.ShouldStartWith("The host exited with code");
            refusal.Message.ShouldNotStartWith("The host exited with code 0 ");
            refusal.Message.ShouldContain("socialCare.safeguarding");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("CHILD_PROTECTION_PLAN")]
    [InlineData("LOOKED_AFTER")]
    public async Task The_family_cannot_remove_the_social_worker_while_the_child_is_on_a_plan_or_looked_after(string status)
    {
        var carer = Persona.Carer();
        var id = await Host.CreatePassportAsync(carer, Today.AddYears(-9));
        var socialWorker = Persona.Professional("social-care", "Cornwall Council Children's Services");
        await Host.JoinAsync(carer, id, socialWorker);
        (await fixture.GraphQLAsync(socialWorker, "mutation($id: ID!, $s: LegalStatus!) { setLegalStatus(passportId: $id, input: { status: $s }) { id } }", new { id, s = status })).Ok();

        var removal = await fixture.GraphQLAsync(carer, Remove, new { id, who = socialWorker.Subject });
        removal.ErrorCodes.ShouldBe(["FORBIDDEN"], removal.Body);
        (await fixture.GraphQLAsync(socialWorker, ReadId, new { id })).Ok();
    }

    private static Persona Named(Persona persona, string name) => new(persona.Claims with { Name = name });
}
