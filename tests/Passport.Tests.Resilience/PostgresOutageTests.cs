using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Passport.Core.Resilience;
using Passport.Tests.Integration.Infrastructure;
using Passport.Tests.Resilience.Infrastructure;
using Xunit.Abstractions;

namespace Passport.Tests.Resilience;

/// <summary>PostgreSQL crashes under a write load and comes back: nothing acknowledged is lost, the outage is answered clearly.</summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private const int Writers = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    /// <summary>An outage answer must come within the command timeout and a margin for a busy machine: never a hang.</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(DatabaseOutage.DefaultCommandTimeoutSeconds + 10);

    [Fact]
    public async Task Acknowledged_writes_survive_PostgreSQL_crashing_and_the_outage_is_answered_503_with_Retry_After()
    {
        await using var rig = await FaultRig.StartAsync(output);
        var host = await rig.StartHostAsync();
        await rig.WarmAsync(host);

        // The web app, on a host of its own in Development (its persona picker is the only sign-in without Keycloak).
        var pagesHost = await rig.StartDevelopmentHostAsync();
        using var family = await WebSession.SignInAsync(pagesHost, "carer");
        (await family.GetAsync("/")).Status.ShouldBe(HttpStatusCode.OK);
        var carer = Persona.Carer();
        var nurse = Persona.Professional("health");
        var passports = new List<string>();
        for (var i = 0; i < Writers; i++)
        {
            var id = await CareTeams.CreatePassportAsync(rig, host, carer);
            await CareTeams.JoinAsync(rig, host, carer, id, nurse);
            passports.Add(id);
        }

        // Each writer records allergies on its own passport, each with a substance named once.
        var acknowledged = new ConcurrentBag<string>();
        var refused = new ConcurrentBag<(string Substance, Answer Answer, bool DuringOutage)>();
        var wrong = new ConcurrentBag<string>();
        var outage = false;
        var nurseToken = rig.Token(nurse);
        var load = new Load();
        load.Start(Writers, async (writer, i) =>
        {
            var substance = $"W{writer}-{i}";
            var duringOutage = Volatile.Read(ref outage);
            var answer = await rig.GraphQLAsync(host, nurseToken, CareTeams.RecordAllergy, new { id = passports[writer], s = substance, sev = "MILD" });
            if (answer.IsAcknowledged)
            {
                acknowledged.Add(substance);
            }
            else if (answer.IsRetryableUnavailable)
            {
                refused.Add((substance, answer, duringOutage));
            }
            else
            {
                wrong.Add($"{substance}: {answer}");
            }

            if (!answer.IsAcknowledged)
            {
                // As a client told Retry-After would, but not for 5 s: the test wants many answers in the outage.
                await Task.Delay(100);
            }
        });

        await Load.UntilAsync(() => acknowledged.Count >= 40, Patience, "40 writes acknowledged before the crash");
        var beforeCrash = acknowledged.Count;
        var crashClock = Stopwatch.StartNew();
        await rig.CrashPostgresAsync();
        Volatile.Write(ref outage, true);
        rig.Report($"PostgreSQL crashed (pg_ctl stop -m immediate) under {Writers} writers after {beforeCrash} acknowledged writes.");

        // During the outage: writes, a read, a FHIR read, a web page and the readiness check all answer, and say to come back.
        await Load.UntilAsync(() => refused.Count(r => r.DuringOutage) >= 2 * Writers || !wrong.IsEmpty, Patience, "writes answered during the outage");
        wrong.ShouldBeEmpty("answers other than 200 or 503 with Retry-After");
        var read = await rig.GraphQLAsync(host, rig.Token(carer), "query($id: ID!) { passport(id: $id) { id } }", new { id = passports[0] });
        read.IsRetryableUnavailable.ShouldBeTrue(read.ToString());
        read.Codes.ShouldBe([DatabaseOutage.Code]);
        var fhir = await FhirSummaryAsync(rig, host, rig.Token(nurse), passports[0]);
        fhir.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, fhir.Body);
        fhir.RetryAfter.ShouldNotBeNull();
        fhir.Body.ShouldContain(DatabaseOutage.Code);
        fhir.Body.ShouldContain("OperationOutcome");
        var pageClock = Stopwatch.StartNew();
        var page = await family.GetAsync("/");
        var pageTook = pageClock.Elapsed;
        page.Status.ShouldBe(HttpStatusCode.ServiceUnavailable, page.Body);
        page.RetryAfter.ShouldNotBeNull();
        page.Body.ShouldContain("We cannot reach the passport records just now");
        foreach (var internals in new[] { "Npgsql", "Exception", "Marten", "   at " })
        {
            page.Body.ShouldNotContain(internals);
        }

        var ready = await rig.Http.GetAsync(new Uri(host.BaseAddress, "/health/ready"));
        ready.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var outageFor = crashClock.Elapsed;

        // Back up, on the same data: the host serves again without a restart.
        var restartClock = Stopwatch.StartNew();
        await rig.RestartPostgresAsync();
        var restartedIn = restartClock.Elapsed;
        var afterRestart = acknowledged.Count;
        var servingAgainIn = restartedIn + await Load.UntilAsync(() => acknowledged.Count > afterRestart, Patience, "a write acknowledged after PostgreSQL restarted");
        var readyAgainIn = restartedIn + await Load.UntilAsync(
            async () => (await rig.Http.GetAsync(new Uri(host.BaseAddress, "/health/ready"))).StatusCode == HttpStatusCode.OK, Patience, "/health/ready answering 200 again");
        await Load.UntilAsync(() => acknowledged.Count >= afterRestart + 40, Patience, "40 more writes acknowledged after the restart");
        await Load.UntilAsync(async () => (await family.GetAsync("/")).Status == HttpStatusCode.OK, Patience, "the family's page served again");
        await load.StopAsync();

        var found = new List<string>();
        foreach (var id in passports)
        {
            found.AddRange(await CareTeams.AllergiesAsync(rig, host, carer, id));
        }

        var outageAnswers = refused.Where(r => r.DuringOutage).Select(r => r.Answer).ToList();
        var worst = outageAnswers.Max(a => a.Took);
        var inDoubt = refused.Select(r => r.Substance).ToHashSet();
        rig.Report($"Writes: {acknowledged.Count + refused.Count + wrong.Count} sent by {Writers} writers, {acknowledged.Count} acknowledged, {refused.Count} answered 503 + Retry-After ({string.Join(", ", refused.GroupBy(r => r.Answer.Codes[0]).Select(g => $"{g.Count()} {g.Key}"))}), {wrong.Count} other answers.");
        rig.Report($"Found after the restart: {found.Count} allergies; acknowledged and found: {acknowledged.Count(found.Contains)} of {acknowledged.Count}; found twice: {found.Count - found.Distinct().Count()}; found of those answered 503 (in doubt): {found.Count(inDoubt.Contains)}.");
        rig.Report($"During the outage also: a passport read {read.Status} {read.Codes[0]} in {read.Took.TotalMilliseconds:F0} ms, the FHIR summary {(int)fhir.Status} OperationOutcome {DatabaseOutage.Code}, the family's web page {(int)page.Status} in {pageTook.TotalMilliseconds:F0} ms, /health/ready {(int)ready.StatusCode}; all but the readiness check with Retry-After.");
        rig.Report($"Outage: {outageAnswers.Count} answers during it, worst answer time {worst.TotalMilliseconds:F0} ms (bound {AnswerBound.TotalSeconds:F0} s); PostgreSQL down for {outageFor.TotalSeconds:F1} s, restarted in {restartedIn.TotalSeconds:F1} s; first write acknowledged {servingAgainIn.TotalSeconds:F1} s and /health/ready 200 {readyAgainIn.TotalSeconds:F1} s after the restart began, with no host restart.");

        wrong.ShouldBeEmpty();
        acknowledged.Where(s => !found.Contains(s)).ShouldBeEmpty("acknowledged writes lost");
        found.GroupBy(s => s).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty("writes found twice");
        found.Where(s => !acknowledged.Contains(s) && !inDoubt.Contains(s)).ShouldBeEmpty("writes nobody sent");
        worst.ShouldBeLessThan(AnswerBound);
        host.Output.ShouldNotContain("Unhandled error resolving");
    }

    private static async Task<(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)> FhirSummaryAsync(FaultRig rig, HostProcess host, string token, string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(host.BaseAddress, $"/fhir/Patient/{id}/$summary"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        using var response = await rig.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta);
    }
}
