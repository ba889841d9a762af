using System.Diagnostics;

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
