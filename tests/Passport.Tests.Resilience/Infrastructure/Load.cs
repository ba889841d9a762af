using System.Diagnostics;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Resilience.Infrastructure;

/// <summary>Concurrent workers, each repeating its step until told to stop: the load a fault lands in.</summary>
public sealed class Load
{
    private readonly List<Task> _workers = [];
    private volatile bool _stopping;

    /// <summary>Starts <paramref name="count"/> workers; <paramref name="step"/> gets the worker's number and its step's number.</summary>
    public void Start(int count, Func<int, int, Task> step)
    {
        for (var worker = 0; worker < count; worker++)
        {
            var number = worker;
            _workers.Add(Task.Run(async () =>
            {
                for (var i = 0; !_stopping; i++)
                {
                    await step(number, i);
                }
            }));
        }
    }

    /// <summary>Lets every step in flight finish, then returns; a step that threw fails here.</summary>
    public async Task StopAsync()
    {
        _stopping = true;
        await Task.WhenAll(_workers);
    }

    /// <summary>Waits for a condition, checking it often, for at most <paramref name="timeout"/>; returns how long it took.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:F0} s: {what}");
            }

            await Task.Delay(20);
        }

        return clock.Elapsed;
    }

    /// <summary>As <see cref="UntilAsync(Func{bool}, TimeSpan, string)"/>, for a condition that asks the system.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:F0} s: {what}");
            }

            await Task.Delay(50);
        }

        return clock.Elapsed;
    }
}

/// <summary>Passports with a care team, made through the API as the family and professionals would.</summary>
public static class CareTeams
{
    public const string RecordAllergy = "mutation($id: ID!, $s: String!, $sev: Severity!) { recordAllergy(passportId: $id, input: { substance: $s, severity: $sev }) { id } }";

    public static async Task<string> CreatePassportAsync(FaultRig rig, HostProcess host, Persona carer) =>
        (await rig.OkAsync(host, carer, "mutation { createPassport(input: { givenName: \"Robin\", familyName: \"Hale\", dateOfBirth: \"2016-05-04\", localAuthority: \"E06000052\" }) { id } }"))
            ["createPassport"]!["id"]!.GetValue<string>();

    /// <summary>The family shares the passport with a professional's sector by a share code, which the professional redeems.</summary>
    public static async Task JoinAsync(FaultRig rig, HostProcess host, Persona carer, string id, Persona professional)
    {
        var code = (await rig.OkAsync(host, carer, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id, s = professional.Claims.Sector }))
            ["createShareCode"]!["code"]!.GetValue<string>();
        await rig.OkAsync(host, professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });
    }

    /// <summary>Every allergy substance on the passport as the carer reads it, one entry per recorded allergy.</summary>
    public static async Task<List<string>> AllergiesAsync(FaultRig rig, HostProcess host, Persona carer, string id) =>
        (await rig.OkAsync(host, carer, "query($id: ID!) { passport(id: $id) { health { allergies { substance } } } }", new { id }))
            ["passport"]!["health"]!["allergies"]!.AsArray().Select(a => a!["substance"]!.GetValue<string>()).ToList();
}
