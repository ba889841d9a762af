using System.Globalization;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// SPEC §4: a passport closes at the 25th birthday (26th when social care's involvement ended at
/// 17). The host's clock is the real one: a passport is put on either side of its closing day by
/// its date of birth, as the family would enter or correct it.
/// </summary>
[Collection(PassportCollection.Name)]
public class ClosureTests(PassportFixture fixture)
{
    private const string Read = "query($id: ID!) { passport(id: $id) { id closesOn child { givenName } } }";

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task A_passport_is_open_the_day_before_the_25th_birthday_and_closed_on_it()
    {
        var carer = Persona.Carer();
        var dayBefore = await CreateAsync(carer, Today.AddYears(-25).AddDays(1));
        var passport = (await fixture.GraphQLAsync(carer, Read, new { id = dayBefore })).Ok()["passport"]!;
        passport["closesOn"]!.GetValue<string>().ShouldBe(Date(Today.AddDays(1)));
        await UpdateAboutMeAsync(carer, dayBefore);

        var onTheDay = await CreateAsync(carer, Today.AddYears(-20));
        (await CorrectDateOfBirthAsync(carer, onTheDay, Today.AddYears(-25))).ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);

        (await fixture.GraphQLAsync(carer, Read, new { id = onTheDay })).ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);
        (await fixture.GraphQLAsync(carer, Read, new { id = dayBefore })).Ok();
    }

    [Fact]
    public async Task A_passport_cannot_be_created_already_closed()
    {
        var response = await fixture.GraphQLAsync(Persona.Carer(), "mutation($dob: Date!) { createPassport(input: { givenName: \"Sam\", familyName: \"Lee\", dateOfBirth: $dob, localAuthority: \"E06000052\" }) { id } }", new { dob = Date(Today.AddYears(-25)) });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("input.dateOfBirth");
    }

    [Fact]
    public async Task A_closed_passport_refuses_every_change_with_PASSPORT_CLOSED()
    {
        var carer = Persona.Carer();
        var id = await CreateAsync(carer, Today.AddYears(-20));
        var doctor = await JoinAsync(carer, id, "health");
        await CloseAsync(carer, id);

        var aboutMe = await fixture.GraphQLAsync(carer, "mutation($id: ID!) { updateAboutMe(passportId: $id, expectedVersion: 3, input: { likes: \"Trains\" }) { id } }", new { id });
        aboutMe.ErrorCodes.ShouldBe(["PASSPORT_CLOSED"], aboutMe.Body);
        aboutMe.Errors[0]!["message"]!.GetValue<string>().ShouldContain("closed");
        (await fixture.GraphQLAsync(doctor, "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Peanuts\", severity: SEVERE }) { id } }", new { id }))
            .ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"education\") { code } }", new { id }))
            .ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);
    }

    [Fact]
    public async Task The_closed_message_does_not_say_when_it_closed()
    {
        // A closing day at the 26th birthday would tell the reader that social care was involved.
        var carer = Persona.Carer();
        var id = await CreateAsync(carer, Today.AddYears(-20));
        var doctor = await JoinAsync(carer, id, "health");
        await CloseAsync(carer, id);

        foreach (var who in new[] { carer, doctor })
        {
            var read = await fixture.GraphQLAsync(who, Read, new { id });
            read.ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);
            var message = read.Errors[0]!["message"]!.GetValue<string>();
            message.ShouldBe("This passport has closed and can no longer be seen or changed.");
            message.ShouldNotContain(Today.Year.ToString(CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public async Task Family_and_professionals_no_longer_see_a_closed_passport()
    {
        var carer = Persona.Carer();
        var id = await CreateAsync(carer, Today.AddYears(-20));
        var open = await CreateAsync(carer, Today.AddYears(-10));
        var doctor = await JoinAsync(carer, id, "health");
        await CloseAsync(carer, id);

        (await fixture.GraphQLAsync(carer, Read, new { id })).ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);
        (await fixture.GraphQLAsync(doctor, Read, new { id })).ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);
        (await fixture.GraphQLAsync(carer, "{ myPassports { id } }")).Ok()["myPassports"]!.AsArray()
            .Select(p => p!["id"]!.GetValue<string>()).ShouldBe([open]);
        (await fixture.GraphQLAsync(doctor, "{ myPassports { id } }")).Ok()["myPassports"]!.AsArray().ShouldBeEmpty();
        (await fixture.GraphQLAsync(carer, "query($id: ID!) { accessLog(passportId: $id) { at } }", new { id })).ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);

        // Without a relationship it is as if it never existed, emergency access included.
        (await fixture.GraphQLAsync(Persona.Carer(), Read, new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await fixture.GraphQLAsync(Persona.Professional("health"), "mutation($id: ID!) { breakGlass(passportId: $id, reason: \"Unconscious at the scene\") { id } }", new { id }))
            .ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    [Fact]
    public async Task An_auditor_still_reads_a_closed_passports_access_log()
    {
        var carer = Persona.Carer();
        var id = await CreateAsync(carer, Today.AddYears(-20));
        var doctor = await JoinAsync(carer, id, "health");
        (await fixture.GraphQLAsync(doctor, Read, new { id })).Ok();
        await CloseAsync(carer, id);

        var log = (await fixture.GraphQLAsync(Persona.Auditor(), "query($id: ID!) { accessLog(passportId: $id) { displayName basis } }", new { id })).Ok()["accessLog"]!.AsArray();
        log.Select(e => e!["basis"]!.GetValue<string>()).ShouldContain("CARE_TEAM");
    }

    [Theory]
    [InlineData(17, 26)]
    [InlineData(16, 25)]
    [InlineData(18, 25)]
    public async Task A_passport_closes_at_the_26th_birthday_when_social_care_involvement_ended_at_17(int ageWhenEnded, int closesAtAge)
    {
        var carer = Persona.Carer();
        var born = Today.AddYears(-25).AddDays(10);
        var id = await CreateAsync(carer, born);
        var socialWorker = await JoinAsync(carer, id, "social-care");
        (await fixture.GraphQLAsync(socialWorker, "mutation($id: ID!) { recordInvolvement(passportId: $id, input: { allocatedWorker: \"Jo Smith\" }) { id } }", new { id })).Ok();
        var endedOn = born.AddYears(ageWhenEnded).AddDays(30);
        (await fixture.GraphQLAsync(socialWorker, "mutation($id: ID!, $on: Date) { endInvolvement(passportId: $id, endedOn: $on) { id } }", new { id, on = Date(endedOn) })).Ok();

        (await fixture.GraphQLAsync(carer, Read, new { id })).Ok()["passport"]!["closesOn"]!.GetValue<string>().ShouldBe(Date(born.AddYears(closesAtAge)));
        if (closesAtAge == 26)
        {
            // Corrected to a child past the 25th birthday (still 17 when involvement ended): still open.
            var corrected = (await CorrectDateOfBirthAsync(carer, id, born.AddDays(-20))).Ok()["updateChildDetails"]!;
            corrected["closesOn"]!.GetValue<string>().ShouldBe(Date(born.AddDays(-20).AddYears(26)));
            await UpdateAboutMeAsync(carer, id);
        }
    }

    [Fact]
    public async Task Closing_day_is_hidden_from_a_sector_that_may_not_see_social_care_involvement()
    {
        var carer = Persona.Carer();
        var id = await CreateAsync(carer, Today.AddYears(-10));
        var coach = await JoinAsync(carer, id, "leisure");
        var response = await fixture.GraphQLAsync(coach, Read, new { id });
        response.ErrorCodes.ShouldBe(["FIELD_NOT_PERMITTED"]);
        response.Data!["passport"]!["closesOn"].ShouldBeNull();
        response.Data!["passport"]!["child"]!["givenName"]!.GetValue<string>().ShouldBe("Robin");
    }

    internal async Task<string> CreateAsync(Persona carer, DateOnly born) =>
        (await fixture.GraphQLAsync(carer, "mutation($dob: Date!) { createPassport(input: { givenName: \"Robin\", familyName: \"Hale\", dateOfBirth: $dob, localAuthority: \"E06000052\" }) { id } }", new { dob = Date(born) }))
            .Ok()["createPassport"]!["id"]!.GetValue<string>();

    internal async Task<Persona> JoinAsync(Persona carer, string id, string sector)
    {
        var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id, s = sector }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();
        var professional = Persona.Professional(sector);
        (await fixture.GraphQLAsync(professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();
        return professional;
    }

    /// <summary>Health corrects the date of birth to one 25 years ago today, with a reason: the passport closes.</summary>
    internal async Task CloseAsync(Persona carer, string id) =>
        (await CorrectDateOfBirthAsync(carer, id, Today.AddYears(-25))).ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);

    /// <summary>
    /// A health professional the family shares the passport with corrects the date of birth, with a
    /// reason: a date that closes the passport (or crosses 16 or 18) is a correction only health or
    /// social care may make. On a passport that is already closed the share code is refused, and
    /// that refusal is the answer.
    /// </summary>
    internal async Task<GraphQLResponse> CorrectDateOfBirthAsync(Persona carer, string id, DateOnly born)
    {
        var share = await fixture.GraphQLAsync(carer, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id });
        if (share.ErrorCodes.Any())
        {
            return share;
        }

        var doctor = Persona.Professional("health");
        (await fixture.GraphQLAsync(doctor, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = share.Ok()["createShareCode"]!["code"]!.GetValue<string>() })).Ok();
        return await fixture.GraphQLAsync(doctor, "mutation($id: ID!, $dob: Date!) { updateChildDetails(passportId: $id, input: { givenName: \"Robin\", familyName: \"Hale\", dateOfBirth: $dob, localAuthority: \"E06000052\" }, reason: \"Birth certificate seen at clinic\") { id closesOn } }", new { id, dob = Date(born) });
    }

    private async Task UpdateAboutMeAsync(Persona carer, string id)
    {
        var version = (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { version } }", new { id })).Ok()["passport"]!["version"]!.GetValue<int>();
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $v: Int!) { updateAboutMe(passportId: $id, expectedVersion: $v, input: { likes: \"Trains\" }) { id } }", new { id, v = version })).Ok();
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
