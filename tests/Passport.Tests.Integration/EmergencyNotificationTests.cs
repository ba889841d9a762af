using Marten;
using Passport.Core;
using Passport.Core.Notifications;
using Passport.Core.Passports;
using Passport.Sdk;
using Passport.Sdk.IntegrationEvents;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class EmergencyNotificationTests(PassportFixture fixture)
{
    private const string Mine = "{ myNotifications { passportId kind message } }";

    [Fact]
    public async Task Recording_a_severe_allergy_tells_the_other_care_team_members()
    {
        var (carer, id, nurse, teacher) = await PassportWithCareTeamAsync();
        (await fixture.GraphQLAsync(nurse, "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Peanuts\", severity: SEVERE }) { id } }", new { id })).Ok();

        // Delivered asynchronously through the durable outbox: wait for it to arrive.
        var notes = await Eventually(async () => (await fixture.GraphQLAsync(teacher, Mine)).Ok()["myNotifications"]!.AsArray(), n => n.Count > 0);
        notes.Count.ShouldBe(1);
        notes[0]!["passportId"]!.GetValue<string>().ShouldBe(id);
        notes[0]!["message"]!.GetValue<string>().ShouldContain("Severe allergy recorded: Peanuts");

        (await fixture.GraphQLAsync(nurse, Mine)).Ok()["myNotifications"]!.AsArray().ShouldBeEmpty(); // not told of their own change
        (await fixture.GraphQLAsync(carer, "query($id: ID!) { notifications(passportId: $id) { kind } }", new { id })).Ok()["notifications"]!.AsArray()
            .ShouldNotContain(n => n!["kind"]!.GetValue<string>() == "emergency-information");
    }

    [Fact]
    public async Task The_same_change_delivered_twice_notifies_each_member_exactly_once()
    {
        var (_, id, nurse, teacher) = await PassportWithCareTeamAsync();
        var change = new EmergencyInformationChanged(
            Guid.NewGuid(),
            Guid.Parse(id),
            "Severe allergy recorded: Sesame",
            new Provenance(nurse.Subject, nurse.Claims.Name, "professional", "health", "Test", DateTimeOffset.UtcNow, true));

        // The handler the host runs, against the same PostgreSQL, given the message twice as an
        // at-least-once transport may.
        using var store = DocumentStore.For(options =>
        {
            options.Connection(fixture.Postgres.ConnectionString);
            options.DatabaseSchemaName = PassportCoreRegistration.PassportSchemaName;
            PassportCoreRegistration.ConfigureCoreMarten(options);
        });
        for (var delivery = 0; delivery < 2; delivery++)
        {
            await using var session = store.LightweightSession();
            await CareTeamNotificationHandler.Handle(change, session);
            await session.SaveChangesAsync();
        }

        await using var query = store.QuerySession();
        var received = await query.Query<Notification>().Where(n => n.Recipient == teacher.Subject).ToListAsync();
        received.Count.ShouldBe(1);
        received[0].Groups.ShouldBe(["health.emergency", "identity.basic"]);
        (await query.Query<Notification>().Where(n => n.Recipient == nurse.Subject).CountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_member_removed_from_the_care_team_is_shown_no_more_notifications_about_the_passport()
    {
        var (carer, id, nurse, teacher) = await PassportWithCareTeamAsync();
        var (_, other, otherNurse, _) = await PassportWithCareTeamAsync(teacher);
        await RecordSevereAllergyAsync(nurse, id, "Peanuts");
        await RecordSevereAllergyAsync(otherNurse, other, "Sesame");
        (await Eventually(() => PassportsNotifiedAsync(teacher), n => n.Count == 2)).ShouldBe([id, other], ignoreOrder: true);

        (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!) { removeCareTeamMember(passportId: $id, subject: $s) { id } }", new { id, s = teacher.Subject })).Ok();
        (await PassportsNotifiedAsync(teacher)).ShouldBe([other]);
    }

    [Fact]
    public async Task A_notification_is_shown_only_while_the_reader_may_see_what_it_tells_of()
    {
        var (carer, id, nurse, teacher) = await PassportWithCareTeamAsync();
        await RecordSevereAllergyAsync(nurse, id, "Peanuts");
        (await Eventually(() => PassportsNotifiedAsync(teacher), n => n.Count > 0)).ShouldBe([id]);

        // Education sees allergies (health.emergency) and the child's name (identity.basic) by default; the family may withdraw either.
        const string set = "mutation($id: ID!, $g: String!, $shared: Boolean!) { setSharing(passportId: $id, sector: \"education\", group: $g, shared: $shared) { id } }";
        (await fixture.GraphQLAsync(carer, set, new { id, g = "health.emergency", shared = false })).Ok();
        (await PassportsNotifiedAsync(teacher)).ShouldBeEmpty();
        (await fixture.GraphQLAsync(carer, set, new { id, g = "health.emergency", shared = true })).Ok();
        (await fixture.GraphQLAsync(carer, set, new { id, g = "identity.basic", shared = false })).Ok();
        (await PassportsNotifiedAsync(teacher)).ShouldBeEmpty();
        (await fixture.GraphQLAsync(carer, set, new { id, g = "identity.basic", shared = true })).Ok();
        (await PassportsNotifiedAsync(teacher)).ShouldBe([id]);
    }

    [Fact]
    public async Task Reading_notifications_is_audited_with_the_groups_they_tell_of()
    {
        var (carer, id, nurse, teacher) = await PassportWithCareTeamAsync();
        await RecordSevereAllergyAsync(nurse, id, "Peanuts");
        await Eventually(() => PassportsNotifiedAsync(teacher), n => n.Count > 0);
        var before = await AccessLogAsync(carer, id);

        (await PassportsNotifiedAsync(teacher)).ShouldBe([id]);
        (await fixture.GraphQLAsync(carer, "query($id: ID!) { notifications(passportId: $id) { kind } }", new { id })).Ok();

        var added = (await AccessLogAsync(carer, id)).Skip(before.Count).ToList();
        added.ShouldContain(e => e.Basis == "CARE_TEAM" && e.Sector == "education" && e.Groups.SequenceEqual(new[] { "health.emergency", "identity.basic" }));
        added.ShouldContain(e => e.Basis == "CARER" && e.Groups.Length == 0);
        added.Count.ShouldBe(2);
    }

    private async Task RecordSevereAllergyAsync(Persona who, string id, string substance) =>
        (await fixture.GraphQLAsync(who, "mutation($id: ID!, $s: String!) { recordAllergy(passportId: $id, input: { substance: $s, severity: SEVERE }) { id } }", new { id, s = substance })).Ok();

    private async Task<List<string>> PassportsNotifiedAsync(Persona professional) =>
        (await fixture.GraphQLAsync(professional, Mine)).Ok()["myNotifications"]!.AsArray().Select(n => n!["passportId"]!.GetValue<string>()).ToList();

    /// <summary>The passport's access log, oldest first.</summary>
    private async Task<List<(string Basis, string? Sector, string[] Groups)>> AccessLogAsync(Persona carer, string id) =>
        (await fixture.GraphQLAsync(carer, "query($id: ID!) { accessLog(passportId: $id, first: 500) { basis sector groups } }", new { id })).Ok()["accessLog"]!.AsArray()
            .Reverse()
            .Select(e => (e!["basis"]!.GetValue<string>(), e["sector"]?.GetValue<string>(), e["groups"]!.AsArray().Select(g => g!.GetValue<string>()).ToArray()))
            .ToList();

    private async Task<(Persona Carer, string Id, Persona Nurse, Persona Teacher)> PassportWithCareTeamAsync(Persona? teacherOfAnotherChild = null)
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var nurse = Persona.Professional("health", "Royal Cornwall Hospitals NHS Trust");
        var teacher = teacherOfAnotherChild ?? Persona.Professional("education", "Truro Primary School");
        foreach (var (professional, sector) in new[] { (nurse, "health"), (teacher, "education") })
        {
            var code = (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id, s = sector }))
                .Ok()["createShareCode"]!["code"]!.GetValue<string>();
            (await fixture.GraphQLAsync(professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();
        }

        return (carer, id, nurse, teacher);
    }

    private static async Task<T> Eventually<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(50);
        }
    }
}
