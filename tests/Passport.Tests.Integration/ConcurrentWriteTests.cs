using System.Diagnostics;
using System.Globalization;
using Passport.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace Passport.Tests.Integration;

/// <summary>
/// Many writers on one passport at once (SPEC §8 "nothing lost", DESIGN "Concurrency"): a versioned
/// write has exactly one winner per version and stores the winner's content; unversioned additions
/// that are acknowledged are never lost, and nothing unacknowledged appears. Several passports run
/// side by side to keep the run short; the writers of one trial always share one passport.
/// </summary>
[Collection(PassportCollection.Name)]
public class ConcurrentWriteTests(PassportFixture fixture, ITestOutputHelper output)
{
    private const string UpdateAboutMe = "mutation($id: ID!, $v: Int!, $likes: String!) { updateAboutMe(passportId: $id, expectedVersion: $v, input: { likes: $likes }) { version aboutMe { likes } } }";
    private const string AddContact = "mutation($id: ID!, $name: String!) { addEmergencyContact(passportId: $id, input: { name: $name, relationship: \"Aunt\", parentalResponsibility: false, phone: \"01872 222222\" }) { version } }";
    private const string RecordAllergy = "mutation($id: ID!, $name: String!) { recordAllergy(passportId: $id, input: { substance: $name, severity: MILD }) { version } }";

    [Fact]
    public async Task Writers_racing_on_one_expected_version_leave_exactly_one_winner_whose_About_me_is_stored()
    {
        const int passports = 6;
        const int trialsPerPassport = 170; // history(first: 200) still shows every change of a passport
        const int writers = 5;
        var clock = Stopwatch.StartNew();

        var trials = await Task.WhenAll(Enumerable.Range(0, passports).Select(async p =>
        {
            var (id, family) = await FamilyAsync(writers);
            var start = await VersionAsync(family[0], id);
            var version = start;
            for (var trial = 0; trial < trialsPerPassport; trial++)
            {
                var contents = Enumerable.Range(0, writers).Select(w => $"Passport {p}, trial {trial}, writer {w}").ToArray();
                var responses = await Task.WhenAll(family.Select((writer, w) => fixture.GraphQLAsync(writer, UpdateAboutMe, new { id, v = version, likes = contents[w] })));
                var outcomes = responses.Select(r => r.ErrorCodes.FirstOrDefault() ?? "ok").ToList();
                var what = $"passport {p}, trial {trial}, expected version {version}: {string.Join(", ", outcomes)}";
                outcomes.Count(o => o == "ok").ShouldBe(1, $"exactly one writer wins: {what}");
                outcomes.Where(o => o != "ok").ShouldAllBe(o => o == "VERSION_CONFLICT", $"the others get VERSION_CONFLICT: {what}");

                var winner = outcomes.IndexOf("ok");
                responses[winner].Ok()["updateAboutMe"]!["version"]!.GetValue<int>().ShouldBe(version + 1, what);
                var stored = (await fixture.GraphQLAsync(family[0], "query($id: ID!) { passport(id: $id) { version aboutMe { likes } } }", new { id })).Ok()["passport"]!;
                stored["version"]!.GetValue<int>().ShouldBe(version + 1, $"one version per trial: {what}");
                stored["aboutMe"]!["likes"]!.GetValue<string>().ShouldBe(contents[winner], $"the winner's About me is stored: {what}");
                version++;
            }

            // Every trial left exactly one About me change in the history, at the version it produced.
            var history = (await fixture.GraphQLAsync(family[0], "query($id: ID!) { history(passportId: $id, first: 200) { version group } }", new { id })).Ok()["history"]!.AsArray();
            var changes = history.Where(e => e!["version"]!.GetValue<int>() > start).ToList();
            changes.Select(e => e!["version"]!.GetValue<int>()).Order().ShouldBe(Enumerable.Range(start + 1, trialsPerPassport), $"passport {p}: one history entry per version");
            changes.ShouldAllBe(e => e!["group"]!.GetValue<string>() == "aboutMe", $"passport {p}: every change after the start is an About me change");
            return trialsPerPassport;
        }));

        Say($"Versioned writes: {trials.Sum()} trials of {writers} concurrent updateAboutMe calls on {passports} passports ({trials.Sum() * writers} writes), exactly one winner each, in {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    [Fact]
    public async Task Acknowledged_additions_made_at_the_same_moment_are_all_kept_and_nothing_else_appears()
    {
        // Racing unversioned writes wait for each other on the host (today: a retry after a cooldown), so a round is
        // mostly waiting: more passports side by side cost little, more writers per round cost a lot.
        const int passports = 6;
        const int rounds = 40;
        const int writesPerRound = 4;
        var clock = Stopwatch.StartNew();

        var totals = await Task.WhenAll(Enumerable.Range(0, passports).Select(async p =>
        {
            var (id, family) = await FamilyAsync(3);
            var start = await VersionAsync(family[0], id);
            var contacts = new List<string>();
            var allergies = new List<string>();
            var refused = 0;
            for (var round = 0; round < rounds; round++)
            {
                var writes = Enumerable.Range(0, writesPerRound).Select(w => (IsContact: w % 2 == 0, Name: $"P{p} R{round} W{w}", Writer: family[w % family.Count])).ToList();
                var responses = await Task.WhenAll(writes.Select(w => fixture.GraphQLAsync(w.Writer, w.IsContact ? AddContact : RecordAllergy, new { id, name = w.Name })));
                var outcomes = responses.Select(r => r.ErrorCodes.FirstOrDefault() ?? "ok").ToList();
                var what = $"passport {p}, round {round}: {string.Join(", ", outcomes)}";

                // Deciding on the state it appends to may refuse a racing write; it must say so, never drop it silently.
                outcomes.ShouldAllBe(o => o == "ok" || o == "VERSION_CONFLICT", what);
                outcomes.ShouldContain("ok", $"at least one of the racing writes is acknowledged: {what}");
                for (var w = 0; w < writes.Count; w++)
                {
                    if (outcomes[w] == "ok")
                    {
                        (writes[w].IsContact ? contacts : allergies).Add(writes[w].Name);
                    }
                    else
                    {
                        refused++;
                    }
                }
            }

            var passport = (await fixture.GraphQLAsync(family[0], "query($id: ID!) { passport(id: $id) { version emergencyContacts { name } health { allergies { substance } } } }", new { id })).Ok()["passport"]!;
            passport["emergencyContacts"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal)
                .ShouldBe(contacts.Order(StringComparer.Ordinal), $"passport {p}: exactly the acknowledged contacts");
            passport["health"]!["allergies"]!.AsArray().Select(a => a!["substance"]!.GetValue<string>()).Order(StringComparer.Ordinal)
                .ShouldBe(allergies.Order(StringComparer.Ordinal), $"passport {p}: exactly the acknowledged allergies");
            passport["version"]!.GetValue<int>().ShouldBe(start + contacts.Count + allergies.Count, $"passport {p}: one version per acknowledged write");
            return (Acknowledged: contacts.Count + allergies.Count, Refused: refused);
        }));

        Say($"Unversioned writes: {passports * rounds} rounds of {writesPerRound} concurrent addEmergencyContact/recordAllergy calls ({passports * rounds * writesPerRound} writes): {totals.Sum(t => t.Acknowledged)} acknowledged and all kept, {totals.Sum(t => t.Refused)} refused with VERSION_CONFLICT, in {clock.Elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>A passport and that many carers who may edit it (the creator first).</summary>
    private async Task<(string Id, IReadOnlyList<Persona> Family)> FamilyAsync(int size)
    {
        var creator = Persona.Carer();
        var born = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-9).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var id = (await fixture.GraphQLAsync(creator, "mutation($dob: Date!) { createPassport(input: { givenName: \"Sam\", familyName: \"Race\", dateOfBirth: $dob, localAuthority: \"E06000052\" }) { id } }", new { dob = born }))
            .Ok()["createPassport"]!["id"]!.GetValue<string>();
        var family = new List<Persona> { creator };
        while (family.Count < size)
        {
            var code = (await fixture.GraphQLAsync(creator, "mutation($id: ID!) { inviteCarer(passportId: $id, mayEdit: true, mayManageSharing: false, mayInvite: false) { code } }", new { id }))
                .Ok()["inviteCarer"]!["code"]!.GetValue<string>();
            var carer = Persona.Carer();
            (await fixture.GraphQLAsync(carer, "mutation($c: String!) { acceptCarerInvitation(code: $c) { id } }", new { c = code })).Ok();
            family.Add(carer);
        }

        return (id, family);
    }

    private async Task<int> VersionAsync(Persona reader, string id) =>
        (await fixture.GraphQLAsync(reader, "query($id: ID!) { passport(id: $id) { version } }", new { id })).Ok()["passport"]!["version"]!.GetValue<int>();

    private void Say(string text)
    {
        output.WriteLine(text);
        Console.WriteLine(text);
    }
}
