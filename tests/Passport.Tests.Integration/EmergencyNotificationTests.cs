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
        (await query.Query<Notification>().Where(n => n.Recipient == nurse.Subject).CountAsync()).ShouldBe(0);
    }

    private async Task<(Persona Carer, string Id, Persona Nurse, Persona Teacher)> PassportWithCareTeamAsync()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var nurse = Persona.Professional("health", "Royal Cornwall Hospitals NHS Trust");
        var teacher = Persona.Professional("education", "Truro Primary School");
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
