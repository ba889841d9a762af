using System.Text.Json.Nodes;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>history and myPassports come in pages: first (default 50, at most 200) after an opaque cursor.</summary>
[Collection(PassportCollection.Name)]
public class PagingTests(PassportFixture fixture)
{
    private const string History = "query($id: ID!, $first: Int, $after: String) { history(passportId: $id, first: $first, after: $after) { version change cursor } }";
    private const string Mine = "query($first: Int, $after: String) { myPassports(first: $first, after: $after) { id cursor child { givenName familyName } } }";

    [Fact]
    public async Task History_pages_run_newest_first_from_cursor_to_cursor_without_gaps_or_repeats()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        for (var version = 1; version <= 7; version++)
        {
            (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $v: Int!, $likes: String) { updateAboutMe(passportId: $id, expectedVersion: $v, input: { likes: $likes }) { id } }", new { id, v = version, likes = $"Trains {version}" })).Ok();
        }

        var pages = new List<int[]>();
        string? after = null;
        do
        {
            var page = (await fixture.GraphQLAsync(carer, History, new { id, first = 3, after })).Ok()["history"]!.AsArray();
            pages.Add(page.Select(e => e!["version"]!.GetValue<int>()).ToArray());
            after = page.Count == 3 ? page[^1]!["cursor"]!.GetValue<string>() : null;
        }
        while (after is not null && pages.Count < 10);

        pages.Select(p => string.Join(',', p)).ShouldBe(["8,7,6", "5,4,3", "2,1"]);
        (await fixture.GraphQLAsync(carer, History, new { id })).Ok()["history"]!.AsArray().Count.ShouldBe(8);
    }

    [Fact]
    public async Task A_history_page_is_filled_from_beyond_a_long_run_of_changes_the_viewer_may_not_see()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Peanuts\", severity: MILD }) { id } }", new { id })).Ok();
        var socialWorker = await JoinAsync(carer, id, "social-care");
        for (var note = 0; note < 60; note++)
        {
            (await fixture.GraphQLAsync(socialWorker, "mutation($id: ID!, $n: String!) { addSafeguardingNote(passportId: $id, note: $n) { id } }", new { id, n = $"Note {note}" })).Ok();
        }

        var teacher = await JoinAsync(carer, id, "education");
        var page = (await fixture.GraphQLAsync(teacher, History, new { id, first = 2 })).Ok()["history"]!.AsArray();
        page.Select(e => e!["change"]!.GetValue<string>()).ShouldBe(["Allergy recorded", "Passport created"]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task Asking_for_fewer_than_one_or_more_than_200_is_refused_naming_first(int first)
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        ShouldFailOn(await fixture.GraphQLAsync(carer, History, new { id, first }), "first");
        ShouldFailOn(await fixture.GraphQLAsync(carer, Mine, new { first }), "first");
        (await fixture.GraphQLAsync(carer, History, new { id, first = 200 })).Ok();
        (await fixture.GraphQLAsync(carer, Mine, new { first = 200 })).Ok();
    }

    [Fact]
    public async Task A_cursor_that_this_list_did_not_give_out_is_refused_naming_after()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var other = await new PassportTests(fixture).CreateAsync(carer);
        var ofOther = (await fixture.GraphQLAsync(carer, History, new { id = other })).Ok()["history"]!.AsArray()[0]!["cursor"]!.GetValue<string>();
        var passportCursor = (await fixture.GraphQLAsync(carer, Mine, new { first = 1 })).Ok()["myPassports"]!.AsArray()[0]!["cursor"]!.GetValue<string>();

        foreach (var after in new[] { "not a cursor", "bm90IGEgY3Vyc29y", ofOther, passportCursor })
        {
            ShouldFailOn(await fixture.GraphQLAsync(carer, History, new { id, after }), "after");
        }

        ShouldFailOn(await fixture.GraphQLAsync(carer, Mine, new { after = "not a cursor" }), "after");
        ShouldFailOn(await fixture.GraphQLAsync(carer, Mine, new { after = ofOther }), "after");

        // A passport's cursor is only good to someone with a relationship to it.
        ShouldFailOn(await fixture.GraphQLAsync(Persona.Carer(), Mine, new { after = passportCursor }), "after");
    }

    [Fact]
    public async Task My_passports_come_by_family_name_then_given_name_page_by_page()
    {
        var carer = Persona.Carer();
        var names = new[] { ("Robin", "Hale"), ("Ava", "Penrose"), ("Sam", "Hale"), ("Ellie", "Adams"), ("Ava", "Hale"), ("Jo", "Zeal") };
        var ids = new Dictionary<string, string>();
        foreach (var (given, family) in names)
        {
            ids[$"{given} {family}"] = await CreateAsync(carer, given, family, "2015-03-01");
        }

        var seen = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = (await fixture.GraphQLAsync(carer, Mine, new { first = 4, after })).Ok()["myPassports"]!.AsArray();
            pages++;
            seen.AddRange(page.Select(p => $"{p!["child"]!["givenName"]!.GetValue<string>()} {p["child"]!["familyName"]!.GetValue<string>()}"));
            after = page.Count == 4 ? page[^1]!["cursor"]!.GetValue<string>() : null;
        }
        while (after is not null && pages < 10);

        seen.ShouldBe(["Ellie Adams", "Ava Hale", "Robin Hale", "Sam Hale", "Ava Penrose", "Jo Zeal"]);
        pages.ShouldBe(2);
        (await fixture.GraphQLAsync(carer, "{ myPassports { id } }")).Ok()["myPassports"]!.AsArray().Count.ShouldBe(6);
    }

    [Fact]
    public async Task A_closed_passport_does_not_shorten_a_page_of_my_passports()
    {
        var carer = Persona.Carer();
        await CreateAsync(carer, "Ann", "Able", "2015-03-01");
        var closing = await CreateAsync(carer, "Bea", "Baker", "2010-03-01");
        await CreateAsync(carer, "Cy", "Cole", "2015-03-01");
        var twentyFiveYearsAgo = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-25).ToString("yyyy-MM-dd");
        (await new ClosureTests(fixture).CorrectDateOfBirthAsync(carer, closing, DateOnly.Parse(twentyFiveYearsAgo, System.Globalization.CultureInfo.InvariantCulture)))
            .ErrorCodes.ShouldBe(["PASSPORT_CLOSED"]);

        var page = (await fixture.GraphQLAsync(carer, Mine, new { first = 2 })).Ok()["myPassports"]!.AsArray();
        page.Select(p => p!["child"]!["familyName"]!.GetValue<string>()).ShouldBe(["Able", "Cole"]);
    }

    [Fact]
    public async Task My_passports_follow_joins_removals_and_name_changes_at_once_and_every_one_returned_is_audited()
    {
        var carer = Persona.Carer();
        var nurse = Persona.Professional("health");
        var ids = new Dictionary<string, string>();
        foreach (var (given, family) in new[] { ("Ann", "Able"), ("Bea", "Baker"), ("Cy", "Cole"), ("Di", "Dean"), ("Ed", "Eve") })
        {
            ids[family] = await CreateAsync(carer, given, family, "2015-03-01");
        }

        await CreateAsync(carer, "Fay", "Fox", "2015-03-01");
        foreach (var family in new[] { "Eve", "Baker", "Dean", "Cole" })
        {
            await JoinAsync(carer, ids[family], nurse);
        }

        (await AllPagesAsync(nurse, 3)).ShouldBe(["Bea Baker", "Cy Cole", "Di Dean", "Ed Eve"]);
        (await AllPagesAsync(carer, 2)).ShouldBe(["Ann Able", "Bea Baker", "Cy Cole", "Di Dean", "Ed Eve", "Fay Fox"]);

        // Renamed: the passport moves in the order at once, for everyone on it.
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { updateChildDetails(passportId: $id, input: { givenName: \"Cy\", familyName: \"Zane\", dateOfBirth: \"2015-03-01\", localAuthority: \"E06000052\" }) { id } }", new { id = ids["Cole"] })).Ok();
        (await AllPagesAsync(nurse, 3)).ShouldBe(["Bea Baker", "Di Dean", "Ed Eve", "Cy Zane"]);
        (await AllPagesAsync(carer, 4)).ShouldBe(["Ann Able", "Bea Baker", "Di Dean", "Ed Eve", "Fay Fox", "Cy Zane"]);

        // Removed from a care team: gone from the list at once, and its cursor is no longer theirs.
        var deanCursor = (await fixture.GraphQLAsync(nurse, Mine, new { first = 2 })).Ok()["myPassports"]!.AsArray()[1]!["cursor"]!.GetValue<string>();
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!) { removeCareTeamMember(passportId: $id, subject: $s) { id } }", new { id = ids["Dean"], s = nurse.Subject })).Ok();
        (await AllPagesAsync(nurse, 1)).ShouldBe(["Bea Baker", "Ed Eve", "Cy Zane"]);
        ShouldFailOn(await fixture.GraphQLAsync(nurse, Mine, new { after = deanCursor }), "after");

        // Every passport a page returns is in the access log as read by the nurse (the only health
        // professional on these passports), and no other passport is.
        var auditor = Persona.Auditor();
        async Task<Dictionary<string, int>> NurseReadsAsync()
        {
            var reads = new Dictionary<string, int>();
            foreach (var (family, id) in ids)
            {
                reads[family] = (await fixture.GraphQLAsync(auditor, "query($id: ID!) { accessLog(passportId: $id, first: 200) { sector } }", new { id })).Ok()["accessLog"]!.AsArray()
                    .Count(e => e!["sector"]?.GetValue<string>() == "health");
            }

            return reads;
        }

        var before = await NurseReadsAsync();
        // Only ids are asked for: the list itself records the read, not just the fields shown.
        var page = (await fixture.GraphQLAsync(nurse, "{ myPassports(first: 2) { id } }")).Ok()["myPassports"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ToList();
        page.ShouldBe([ids["Baker"], ids["Eve"]]);
        var after = await NurseReadsAsync();
        after.ShouldBe(before.ToDictionary(r => r.Key, r => r.Value + (r.Key is "Baker" or "Eve" ? 1 : 0)));
    }

    /// <summary>All of a viewer's passports, page by page, as "given family".</summary>
    private async Task<List<string>> AllPagesAsync(Persona viewer, int first)
    {
        var seen = new List<string>();
        string? after = null;
        for (var pages = 0; pages < 20; pages++)
        {
            var page = (await fixture.GraphQLAsync(viewer, Mine, new { first, after })).Ok()["myPassports"]!.AsArray();
            seen.AddRange(page.Select(p => $"{p!["child"]!["givenName"]!.GetValue<string>()} {p["child"]!["familyName"]!.GetValue<string>()}"));
            if (page.Count < first)
            {
                return seen;
            }

            after = page[^1]!["cursor"]!.GetValue<string>();
        }

        throw new InvalidOperationException("More than 20 pages");
    }

    private static void ShouldFailOn(GraphQLResponse response, string argument)
    {
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"], response.Body);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe(argument);
    }

    private async Task<string> CreateAsync(Persona carer, string givenName, string familyName, string born) =>
        (await fixture.GraphQLAsync(carer, "mutation($g: String!, $f: String!, $dob: Date!) { createPassport(input: { givenName: $g, familyName: $f, dateOfBirth: $dob, localAuthority: \"E06000052\" }) { id } }", new { g = givenName, f = familyName, dob = born }))
            .Ok()["createPassport"]!["id"]!.GetValue<string>();

    private async Task<Persona> JoinAsync(Persona carer, string id, string sector) => await JoinAsync(carer, id, Persona.Professional(sector));

    private async Task<Persona> JoinAsync(Persona carer, string id, Persona professional)
    {
        var sector = professional.Claims.Sector!;
        var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id, s = sector }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();
        (await fixture.GraphQLAsync(professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();
        return professional;
    }
}
