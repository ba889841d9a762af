using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using Passport.Tests.Integration.Infrastructure;
using Passport.Tests.Resilience.Infrastructure;
using Xunit.Abstractions;

namespace Passport.Tests.Resilience;

/// <summary>Three hosts on one PostgreSQL: they serve the same data, share Wolverine's work and the retention job, and go on when one is killed.</summary>
public sealed partial class SeveralHostsTests(ITestOutputHelper output)
{
    private const int Hosts = 3;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>The retention job's PostgreSQL advisory-lock key (docs/operations.md).</summary>
    private const long RetentionLockKey = 0x5041_5353_5055_5247;

    private static readonly Dictionary<string, string?> Settings = new()
    {
        // Every host looks for passports to purge every second, and purges a closed one at once.
        ["Passport__Retention__Interval"] = "00:00:01",
        ["Passport__Retention__PurgeAfter"] = "00:00:00",
        ["Passport__Durability__StaleNodeTimeout"] = FaultRig.QuickTakeover["Passport__Durability__StaleNodeTimeout"],
    };

    [Fact]
    public async Task Three_hosts_serve_the_same_data_share_the_work_and_survive_one_being_killed()
    {
        await using var rig = await FaultRig.StartAsync(output);
        var clock = Stopwatch.StartNew();

        // The first host creates the schema; the others start beside it.
        var hosts = new List<HostProcess> { await rig.StartHostAsync(Settings) };
        hosts.AddRange(await Task.WhenAll(Enumerable.Range(1, Hosts - 1).Select(_ => rig.StartHostAsync(Settings))));
        rig.Report($"{Hosts} hosts ready on one PostgreSQL in {clock.Elapsed.TotalSeconds:F1} s.");
        foreach (var host in hosts)
        {
            await rig.WarmAsync(host);
        }

        // A write through one host is read through the others.
        var carer = Persona.Carer();
        var nurse = Persona.Professional("health");
        var teacher = Persona.Professional("education");
        var passports = new List<string>();
        for (var i = 0; i < Hosts; i++)
        {
            var id = await CareTeams.CreatePassportAsync(rig, hosts[i], carer);
            await CareTeams.JoinAsync(rig, hosts[(i + 1) % Hosts], carer, id, nurse);
            await CareTeams.JoinAsync(rig, hosts[(i + 2) % Hosts], carer, id, teacher);
            passports.Add(id);
        }

        await rig.OkAsync(hosts[0], nurse, CareTeams.RecordAllergy, new { id = passports[0], s = "Peanuts", sev = "MODERATE" });
        foreach (var host in hosts.Skip(1))
        {
            (await CareTeams.AllergiesAsync(rig, host, carer, passports[0])).ShouldBe(["Peanuts"]);
        }

        // The retention job runs on one node at a time: while its lock is held elsewhere, every host skips it.
        string closed;
        await using (var otherNode = await rig.OpenConnectionAsync())
        {
            await using (var take = new NpgsqlCommand($"select pg_advisory_lock({RetentionLockKey})", otherNode))
            {
                await take.ExecuteNonQueryAsync();
            }

            closed = await ClosedPassportAsync(rig, hosts[0], carer);
            var skipped = hosts.Select(h => RunSkipped().Matches(h.Output).Count).ToList();
            await Load.UntilAsync(
                () => hosts.Select((h, i) => RunSkipped().Matches(h.Output).Count > skipped[i] + 1).All(x => x) || PurgeLines(hosts, closed) > 0,
                Patience,
                "every host skipping the retention run while another node holds its lock");
            PurgeLines(hosts, closed).ShouldBe(0, "purged while another node held the retention lock");
            (await PurgedAsync(rig, closed)).ShouldBeFalse("purged while another node held the retention lock");
        }

        await Load.UntilAsync(() => PurgeLines(hosts, closed) == 1, Patience, "the closed passport purged after the lock was released");

        // A write load through all three: each writer goes round the hosts. Severe allergies notify the
        // teacher through Wolverine's durable outbox: handled on the host that took the write or, if it dies
        // first, on one that Wolverine hands its unfinished work to.
        var writes = new Outcomes();
        var nurseToken = rig.Token(nurse);
        var live = hosts.ToList();
        var load = new Load();
        load.Start(Hosts, async (writer, i) =>
        {
            var key = $"H{writer}-{i}";
            var via = live[(writer + i) % live.Count];
            await writes.SendAsync(key, () => rig.GraphQLAsync(via, nurseToken, CareTeams.RecordAllergy, new { id = passports[writer], s = key, sev = "SEVERE" }));
        });

        await Load.UntilAsync(() => writes.Acknowledged.Count >= 45, Patience, "45 writes acknowledged across the hosts");
        var killed = hosts[0];

        // Killed while a notification waits in the durable inbox, when the load makes one within a few seconds.
        await rig.UntilMessageWaitingAsync();
        var beforeKill = writes.Acknowledged.Count;
        live = [.. hosts.Skip(1)];
        var killClock = Stopwatch.StartNew();
        await rig.KillAsync(killed);
        var unfinished = await rig.UnhandledMessagesAsync();
        rig.Report($"Host 1 of {Hosts} killed (SIGKILL) under {Hosts} writers after {beforeKill} acknowledged writes; {unfinished} messages in the durable inbox not yet handled.");
        await Load.UntilAsync(() => writes.Acknowledged.Count >= beforeKill + 45, Patience, "45 more writes acknowledged by the hosts left");
        await load.StopAsync();

        // The retention job carries on without the killed host: another closed passport is purged once.
        var closedAfterKill = await ClosedPassportAsync(rig, hosts[1], carer);
        var purgedIn = await Load.UntilAsync(() => PurgeLines(hosts, closedAfterKill) == 1, Patience, "a passport closed after the kill purged by a host left");

        var found = new List<string>();
        foreach (var id in passports)
        {
            found.AddRange((await CareTeams.AllergiesAsync(rig, hosts[2], carer, id)).Where(s => s.StartsWith('H')));
        }

        var notified = new List<string>();
        await Load.UntilAsync(
            async () => (notified = await Evidence.NotifiedSubstancesAsync(rig, teacher.Subject)).Count(s => s.StartsWith('H')) >= found.Distinct().Count(),
            Patience,
            "a notification for every recorded severe allergy");
        var notifiedIn = killClock.Elapsed;
        notified = notified.Where(s => s.StartsWith('H')).ToList();

        rig.Report($"Writes: {writes.Sent} sent round the hosts, {writes.Acknowledged.Count} acknowledged, {writes.Unanswered.Count} unanswered (in flight at the kill), {writes.Wrong.Count} other answers; found {found.Count}, acknowledged and found {writes.Acknowledged.Count(found.Contains)}, found twice {found.Count - found.Distinct().Count()}.");
        rig.Report($"Notifications to the teacher: {notified.Count} for {found.Distinct().Count()} severe allergies, {notified.Count - notified.Distinct().Count()} twice; the last {notifiedIn.TotalSeconds:F1} s after the kill or earlier.");
        rig.Report($"Retention: the first closed passport purged by exactly one host ({PurgeLines(hosts, closed)} purge line in all logs) after every host skipped while the lock was held elsewhere; one closed after the kill purged once, {purgedIn.TotalSeconds:F1} s after it closed.");

        writes.Wrong.ShouldBeEmpty();
        writes.Acknowledged.Where(s => !found.Contains(s)).ShouldBeEmpty("acknowledged writes lost");
        found.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("writes found twice");
        found.Where(s => !writes.Acknowledged.Contains(s) && !writes.Unanswered.Contains(s)).ShouldBeEmpty("writes nobody sent");
        notified.Order().ShouldBe(found.Order(), "one notification per recorded severe allergy");
        (await PurgedAsync(rig, closed)).ShouldBeTrue();
        (await PurgedAsync(rig, closedAfterKill)).ShouldBeTrue();
        PurgeLines(hosts, closed).ShouldBe(1);
        PurgeLines(hosts, closedAfterKill).ShouldBe(1);
    }

    /// <summary>A passport that a health professional's correction of the date of birth closes (25th birthday yesterday).</summary>
    private static async Task<string> ClosedPassportAsync(FaultRig rig, HostProcess host, Persona carer)
    {
        var id = await CareTeams.CreatePassportAsync(rig, host, carer);
        var doctor = Persona.Professional("health");
        await CareTeams.JoinAsync(rig, host, carer, id, doctor);
        var born = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-25).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var answer = await rig.GraphQLAsync(host, rig.Token(doctor), "mutation($id: ID!, $dob: Date!) { updateChildDetails(passportId: $id, input: { givenName: \"Robin\", familyName: \"Hale\", dateOfBirth: $dob, localAuthority: \"E06000052\" }, reason: \"Birth certificate seen at clinic\") { id } }", new { id, dob = born });
        answer.Codes.ShouldBe(["PASSPORT_CLOSED"], answer.ToString());
        return id;
    }

    private static async Task<bool> PurgedAsync(FaultRig rig, string id)
    {
        await using var connection = await rig.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select count(*) from audit.mt_doc_passportpurged where id::text = @id", connection);
        command.Parameters.AddWithValue("id", id);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    /// <summary>How many hosts logged purging the passport: one, or the job ran twice.</summary>
    private static int PurgeLines(IEnumerable<HostProcess> hosts, string id) =>
        hosts.Sum(h => Regex.Matches(h.Output, $"Retention purged closed passport {id}").Count);

    [GeneratedRegex("Retention run skipped")]
    private static partial Regex RunSkipped();
}
