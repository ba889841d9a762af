using Marten;
using Passport.Core;
using Passport.Core.AccessLog;
using Passport.Core.Passports;
using Passport.Sdk;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// accessLog and myNotifications come in pages too: newest first, after an opaque cursor, with no
/// gaps or repeats even where entries share a time, and a cursor is good only on its own list.
/// </summary>
[Collection(PassportCollection.Name)]
public class GrowingListPagingTests(PassportFixture fixture)
{
    private const string Log = "query($id: ID!, $first: Int, $after: String) { accessLog(passportId: $id, first: $first, after: $after) { at displayName cursor } }";
    private const string Mine = "query($first: Int, $after: String) { myNotifications(first: $first, after: $after) { id passportId message cursor } }";

    [Fact]
    public async Task Access_log_pages_run_newest_first_without_gaps_or_repeats_where_reads_share_a_time()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var at = new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
        await StoreAsync(Enumerable.Range(0, 7).Select(i => (object)new AccessLogEntry
        {
            Id = Guid.CreateVersion7(),
            PassportId = Guid.Parse(id),
            // Three reads at one instant, then one a minute apart.
            At = i < 3 ? at : at.AddMinutes(i),
            Subject = $"reader-{i}",
            DisplayName = $"Reader {i}",
            Basis = AccessBasis.CareTeam,
        }).ToArray());

        var whole = (await fixture.GraphQLAsync(carer, Log, new { id, first = 500 })).Ok()["accessLog"]!.AsArray();
        var names = whole.Select(e => e!["displayName"]!.GetValue<string>()).Where(n => n.StartsWith("Reader ", StringComparison.Ordinal)).ToList();
        names.Take(4).ShouldBe(["Reader 6", "Reader 5", "Reader 4", "Reader 3"]);
        names.Skip(4).ShouldBe(["Reader 0", "Reader 1", "Reader 2"], ignoreOrder: true);

        var paged = new List<string>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = (await fixture.GraphQLAsync(carer, Log, new { id, first = 2, after })).Ok()["accessLog"]!.AsArray();
            paged.AddRange(page.Select(e => e!["cursor"]!.GetValue<string>()));
            after = page.Count == 2 ? page[^1]!["cursor"]!.GetValue<string>() : null;
            pages++;
        }
        while (after is not null && pages < 20);

        paged.ShouldBe(whole.Select(e => e!["cursor"]!.GetValue<string>()).ToList());
        paged.Count.ShouldBeGreaterThan(7);
        (await fixture.GraphQLAsync(carer, "query($id: ID!) { accessLog(passportId: $id) { at } }", new { id })).Ok()["accessLog"]!.AsArray().Count.ShouldBe(whole.Count);
    }

    [Fact]
    public async Task An_access_log_cursor_is_good_only_on_its_own_passports_log()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var other = await new PassportTests(fixture).CreateAsync(carer);
        var ofOther = (await fixture.GraphQLAsync(carer, Log, new { id = other })).Ok()["accessLog"]!.AsArray()[0]!["cursor"]!.GetValue<string>();
        var history = (await fixture.GraphQLAsync(carer, "query($id: ID!) { history(passportId: $id) { cursor } }", new { id })).Ok()["history"]!.AsArray()[0]!["cursor"]!.GetValue<string>();
        var otherEntry = Guid.Parse(Decode(ofOther).Split(':')[2]);
        var forged = Encode($"access:{Guid.Parse(id):N}:{otherEntry:N}");

        foreach (var after in new[] { "not a cursor", "bm90IGEgY3Vyc29y", ofOther, history, forged })
        {
            ShouldFailOn(await fixture.GraphQLAsync(carer, Log, new { id, after }), "after");
        }

        // Someone else learns nothing from a cursor: not on this passport, not on their own.
        var stranger = Persona.Carer();
        var theirs = await new PassportTests(fixture).CreateAsync(stranger);
        var cursor = (await fixture.GraphQLAsync(carer, Log, new { id })).Ok()["accessLog"]!.AsArray()[0]!["cursor"]!.GetValue<string>();
        var onThis = await fixture.GraphQLAsync(stranger, Log, new { id, after = cursor });
        onThis.ErrorCodes.ShouldBe(["NOT_FOUND"], onThis.Body);
        ShouldFailOn(await fixture.GraphQLAsync(stranger, Log, new { id = theirs, after = cursor }), "after");
    }

    [Fact]
    public async Task My_notifications_page_newest_first_filling_each_page_past_those_no_longer_shown()
    {
        var (_, id, nurse) = await PassportWithNurseAsync();
        var (_, elsewhere, _) = await PassportWithNurseAsync();
        var at = new DateTimeOffset(2024, 5, 1, 9, 0, 0, TimeSpan.Zero);
        var notes = new List<object>();
        for (var i = 0; i < 6; i++)
        {
            notes.Add(Note(nurse, id, i < 2 ? at : at.AddMinutes(i), $"Shown {i}"));
            // The nurse is not on this passport's care team: never shown, and they do not shorten a page.
            notes.Add(Note(nurse, elsewhere, at.AddMinutes(i).AddSeconds(30), $"Hidden {i}"));
        }

        await StoreAsync([.. notes]);

        var all = (await fixture.GraphQLAsync(nurse, "{ myNotifications { message } }")).Ok()["myNotifications"]!.AsArray().Select(n => n!["message"]!.GetValue<string>()).ToList();
        all.Take(4).ShouldBe(["Shown 5", "Shown 4", "Shown 3", "Shown 2"]);
        all.Skip(4).ShouldBe(["Shown 0", "Shown 1"], ignoreOrder: true);

        var pages = new List<List<string>>();
        string? after = null;
        do
        {
            var page = (await fixture.GraphQLAsync(nurse, Mine, new { first = 2, after })).Ok()["myNotifications"]!.AsArray();
            pages.Add(page.Select(n => n!["message"]!.GetValue<string>()).ToList());
            after = page.Count == 2 ? page[^1]!["cursor"]!.GetValue<string>() : null;
        }
        while (after is not null && pages.Count < 10);

        pages.Select(p => p.Count).ShouldBe([2, 2, 2, 0]);
        pages.SelectMany(p => p).ShouldBe(all);
    }

    [Fact]
    public async Task A_page_of_notifications_is_audited_for_the_passports_it_shows_and_no_others()
    {
        var (carer, id, nurse) = await PassportWithNurseAsync();
        var (otherCarer, other, _) = await PassportWithNurseAsync(nurse);
        var at = DateTimeOffset.UtcNow.AddDays(-1);
        await StoreAsync(Note(nurse, id, at.AddMinutes(1), "Newer"), Note(nurse, other, at, "Older"));
        var (shownBefore, otherBefore) = (await ReadsByAsync(carer, id, nurse), await ReadsByAsync(otherCarer, other, nurse));

        var page = (await fixture.GraphQLAsync(nurse, Mine, new { first = 1 })).Ok()["myNotifications"]!.AsArray();
        page.Select(n => n!["message"]!.GetValue<string>()).ShouldBe(["Newer"]);

        (await ReadsByAsync(carer, id, nurse)).ShouldBe(shownBefore + 1);
        (await ReadsByAsync(otherCarer, other, nurse)).ShouldBe(otherBefore);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(201)]
    public async Task Asking_for_fewer_than_one_or_more_than_200_notifications_is_refused_naming_first(int first)
    {
        var nurse = Persona.Professional("health");
        ShouldFailOn(await fixture.GraphQLAsync(nurse, Mine, new { first }), "first");
        (await fixture.GraphQLAsync(nurse, Mine, new { first = 200 })).Ok();
    }

    [Fact]
    public async Task A_notification_cursor_is_good_only_to_the_person_it_was_given_to()
    {
        var (_, id, nurse) = await PassportWithNurseAsync();
        await StoreAsync(Note(nurse, id, DateTimeOffset.UtcNow.AddHours(-1), "Mine"));
        var cursor = (await fixture.GraphQLAsync(nurse, Mine, new { first = 1 })).Ok()["myNotifications"]!.AsArray()[0]!["cursor"]!.GetValue<string>();

        foreach (var after in new[] { "not a cursor", "bm90IGEgY3Vyc29y", Encode($"passport:{Guid.Parse(id):N}") })
        {
            ShouldFailOn(await fixture.GraphQLAsync(nurse, Mine, new { after }), "after");
        }

        ShouldFailOn(await fixture.GraphQLAsync(Persona.Professional("health"), Mine, new { after = cursor }), "after");
        (await fixture.GraphQLAsync(nurse, Mine, new { after = cursor })).Ok()["myNotifications"]!.AsArray().ShouldBeEmpty();
    }

    private static Notification Note(Persona recipient, string passportId, DateTimeOffset at, string message) => new()
    {
        Id = Guid.NewGuid(),
        PassportId = Guid.Parse(passportId),
        Recipient = recipient.Subject,
        At = at,
        Kind = "test",
        Message = message,
    };

    private async Task StoreAsync(params object[] documents)
    {
        using var store = DocumentStore.For(options =>
        {
            options.Connection(fixture.Postgres.ConnectionString);
            options.DatabaseSchemaName = PassportCoreRegistration.PassportSchemaName;
            PassportCoreRegistration.ConfigureCoreMarten(options);
        });
        await using var session = store.LightweightSession();
        foreach (var document in documents)
        {
            session.Store(document);
        }

        await session.SaveChangesAsync();
    }

    /// <summary>How many times the access log shows the professional reading the passport.</summary>
    private async Task<int> ReadsByAsync(Persona carer, string id, Persona professional) =>
        (await fixture.GraphQLAsync(carer, "query($id: ID!) { accessLog(passportId: $id, first: 500) { displayName } }", new { id })).Ok()["accessLog"]!.AsArray()
            .Count(e => e!["displayName"]!.GetValue<string>() == professional.Claims.Name);

    private async Task<(Persona Carer, string Id, Persona Nurse)> PassportWithNurseAsync(Persona? nurse = null)
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        nurse ??= Persona.Professional("health");
        var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();
        (await fixture.GraphQLAsync(nurse, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();
        return (carer, id, nurse);
    }

    private static void ShouldFailOn(GraphQLResponse response, string argument)
    {
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"], response.Body);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe(argument);
    }

    private static string Encode(string position) => System.Buffers.Text.Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(position));

    private static string Decode(string cursor) => System.Text.Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(cursor));
}
