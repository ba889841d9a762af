using System.Diagnostics;
using Passport.Tests.Integration.Infrastructure;
using Passport.Tests.Resilience.Infrastructure;
using Xunit.Abstractions;

namespace Passport.Tests.Resilience;

/// <summary>The host is killed (<c>kill -9</c>) under reads and writes and started again on the same database.</summary>
public sealed class HostKillTests(ITestOutputHelper output)
{
    private const int Writers = 2;
    private const int Readers = 2;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task After_a_kill_every_acknowledged_write_every_answered_reads_audit_entry_and_each_notification_is_there_once()
    {
        await using var rig = await FaultRig.StartAsync(output);
        var host = await rig.StartHostAsync(FaultRig.QuickTakeover);
        await rig.WarmAsync(host);
        var carer = Persona.Carer();
        var nurse = Persona.Professional("health");
        var teacher = Persona.Professional("education");
        var passports = new List<string>();
        for (var i = 0; i < Writers; i++)
        {
            var id = await CareTeams.CreatePassportAsync(rig, host, carer);
            await CareTeams.JoinAsync(rig, host, carer, id, nurse);
            await CareTeams.JoinAsync(rig, host, carer, id, teacher);
            passports.Add(id);
        }

        // Writers: the nurse records severe allergies, each of which notifies the teacher through the
        // durable outbox. Readers: the carer reads, under a name used once, so each answered read can
        // be matched to its access-log entry.
        var writes = new Outcomes();
        var reads = new Outcomes();
        var nurseToken = rig.Token(nurse);
        var target = host;
        var load = new Load();
        load.Start(Writers + Readers, (worker, i) => worker < Writers ? WriteAsync(worker, i) : ReadAsync(worker, i));

        Task WriteAsync(int writer, int i)
        {
            var substance = $"K{writer}-{i}";
            return writes.SendAsync(substance, () => rig.GraphQLAsync(Volatile.Read(ref target), nurseToken, CareTeams.RecordAllergy, new { id = passports[writer], s = substance, sev = "SEVERE" }));
        }

        Task ReadAsync(int reader, int i)
        {
            var name = $"Reader {reader}-{i}";
            var token = rig.Token(carer with { Claims = carer.Claims with { Name = name } });
            return reads.SendAsync(name, () => rig.GraphQLAsync(Volatile.Read(ref target), token, "query($id: ID!) { passport(id: $id) { id aboutMe { likes } health { allergies { substance } } } }", new { id = passports[reader % Writers] }));
        }

        await Load.UntilAsync(() => writes.Acknowledged.Count >= 30 && reads.Acknowledged.Count >= 30, Patience, "30 writes and 30 reads answered before the kill");

        // Killed while a notification waits in the durable inbox, when the load makes one within a few seconds.
        await rig.UntilMessageWaitingAsync();
        var beforeKill = (Writes: writes.Acknowledged.Count, Reads: reads.Acknowledged.Count);
        var clock = Stopwatch.StartNew();
        await rig.KillAsync(host);
        var unfinished = await rig.UnhandledMessagesAsync();
        rig.Report($"Host killed (SIGKILL) under {Writers} writers and {Readers} readers after {beforeKill.Writes} acknowledged writes and {beforeKill.Reads} answered reads; {unfinished} messages in the durable inbox not yet handled.");

        var restarted = await rig.StartHostAsync(FaultRig.QuickTakeover);
        var readyIn = clock.Elapsed;
        await rig.WarmAsync(restarted);
        Volatile.Write(ref target, restarted);
        var afterRestart = (Writes: writes.Acknowledged.Count, Reads: reads.Acknowledged.Count);
        await Load.UntilAsync(() => writes.Acknowledged.Count >= afterRestart.Writes + 30 && reads.Acknowledged.Count >= afterRestart.Reads + 30, Patience, "30 more writes and reads answered by the restarted host");
        await load.StopAsync();

        var found = new List<string>();
        foreach (var id in passports)
        {
            found.AddRange(await CareTeams.AllergiesAsync(rig, restarted, carer, id));
        }

        var audited = (await Evidence.AccessLogNamesAsync(rig, "Reader ")).ToHashSet();

        // Every committed severe allergy notifies the teacher exactly once, including those whose message
        // the killed host had taken but not yet handled: the restarted host's durability agent recovers them.
        var notified = new List<string>();
        await Load.UntilAsync(
            async () => (notified = await Evidence.NotifiedSubstancesAsync(rig, teacher.Subject)).Count >= found.Distinct().Count(),
            Patience,
            "a notification for every recorded severe allergy");
        var notifiedIn = clock.Elapsed;

        rig.Report($"Writes: {writes.Sent} sent, {writes.Acknowledged.Count} acknowledged, {writes.Unanswered.Count} unanswered (in flight at the kill), {writes.Refused} refused while no host listened, {writes.Wrong.Count} other answers; found {found.Count}, acknowledged and found {writes.Acknowledged.Count(found.Contains)}, found twice {found.Count - found.Distinct().Count()}.");
        rig.Report($"Reads: {reads.Sent} sent, {reads.Acknowledged.Count} answered, {reads.Unanswered.Count} unanswered; answered reads with their access-log entry: {reads.Acknowledged.Count(audited.Contains)} of {reads.Acknowledged.Count}.");
        rig.Report($"Notifications to the teacher: {notified.Count} for {found.Distinct().Count()} severe allergies recorded, {notified.Count - notified.Distinct().Count()} twice; the last {notifiedIn.TotalSeconds:F1} s after the kill or earlier.");
        rig.Report($"Recovery: killed to restarted host ready in {readyIn.TotalSeconds:F1} s.");

        writes.Wrong.ShouldBeEmpty();
        reads.Wrong.ShouldBeEmpty();
        writes.Acknowledged.Where(s => !found.Contains(s)).ShouldBeEmpty("acknowledged writes lost");
        found.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("writes found twice");
        found.Where(s => !writes.Acknowledged.Contains(s) && !writes.Unanswered.Contains(s)).ShouldBeEmpty("writes nobody sent");
        reads.Acknowledged.Where(name => !audited.Contains(name)).ShouldBeEmpty("answered reads without an access-log entry");
        notified.Order().ShouldBe(found.Order(), "one notification per recorded severe allergy");
    }
}
