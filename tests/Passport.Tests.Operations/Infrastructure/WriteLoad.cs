using System.Diagnostics;

namespace Passport.Tests.Operations.Infrastructure;

/// <summary>
/// Writers that each repeat one write over HTTP against the real host until stopped, recording
/// every answer with when its request was sent and answered (on one clock, from the load's
/// start). A write is acknowledged when the host answered it without an error; anything else is
/// a failure, after which the writer backs off briefly and tries the next write, as a client would.
/// </summary>
public sealed class WriteLoad : IAsyncDisposable
{
    private static readonly TimeSpan BackOff = TimeSpan.FromMilliseconds(200);
    private readonly List<AcknowledgedWrite> _acknowledged = [];
    private readonly List<FailedWrite> _failures = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _writers;

    private WriteLoad(int writers, Func<int, int, Task<string>> write)
    {
        _writers = [.. Enumerable.Range(0, writers).Select(w => Task.Run(() => RunAsync(w, write)))];
    }

    /// <summary>The load's clock: every time recorded is an offset on it.</summary>
    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    /// <summary>
    /// Starts <paramref name="writers"/> writers; <paramref name="write"/> gets the writer's number
    /// and its write's number, and returns what it wrote (e.g. a passport id) or throws.
    /// </summary>
    public static WriteLoad Start(int writers, Func<int, int, Task<string>> write) => new(writers, write);

    public IReadOnlyList<AcknowledgedWrite> Acknowledged
    {
        get
        {
            lock (_acknowledged)
            {
                return [.. _acknowledged];
            }
        }
    }

    public IReadOnlyList<FailedWrite> Failures
    {
        get
        {
            lock (_failures)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>Waits until at least <paramref name="count"/> writes are acknowledged, failing after <paramref name="timeout"/>.</summary>
    public Task WaitForAcknowledgedAsync(int count, TimeSpan timeout) =>
        PatroniCluster.Until(
            () => Task.FromResult(Acknowledged.Count >= count),
            timeout,
            () => $"{Acknowledged.Count} of {count} writes acknowledged; failures: {Describe(Failures.TakeLast(5))}");

    /// <summary>Waits for the first write acknowledged whose request was sent after <paramref name="since"/>.</summary>
    public async Task<AcknowledgedWrite> WaitForFirstAcknowledgedSentAfterAsync(TimeSpan since, TimeSpan timeout)
    {
        AcknowledgedWrite? first = null;
        await PatroniCluster.Until(
            () =>
            {
                first = Acknowledged.Where(a => a.SentAt >= since).OrderBy(a => a.AnsweredAt).FirstOrDefault();
                return Task.FromResult(first is not null);
            },
            timeout,
            () => $"no write sent after {since.TotalSeconds:0.0} s was acknowledged; latest failures: {Describe(Failures.TakeLast(5))}");
        return first!;
    }

    /// <summary>Stops the writers after their current write and waits for them.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_writers);
    }

    /// <summary>Stops the writers, so that a failed test leaves none running.</summary>
    public ValueTask DisposeAsync() => new(StopAsync());

    public static string Describe(IEnumerable<FailedWrite> failures) =>
        string.Join("; ", failures.GroupBy(f => f.What).Select(g => $"{g.Count()} × {g.Key}"));

    private async Task RunAsync(int writer, Func<int, int, Task<string>> write)
    {
        for (var n = 0; !_stop.IsCancellationRequested; n++)
        {
            var sentAt = Clock.Elapsed;
            try
            {
                var written = await write(writer, n);
                lock (_acknowledged)
                {
                    _acknowledged.Add(new AcknowledgedWrite(writer, written, sentAt, Clock.Elapsed));
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                lock (_failures)
                {
                    _failures.Add(new FailedWrite(writer, e is WriteRefusedException ? e.Message : e.GetType().Name, sentAt, Clock.Elapsed));
                }

                try
                {
                    await Task.Delay(BackOff, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}

/// <summary>A write the host answered without an error.</summary>
public sealed record AcknowledgedWrite(int Writer, string Written, TimeSpan SentAt, TimeSpan AnsweredAt);

/// <summary>A write that failed: the HTTP status and error code the host answered, or the client exception.</summary>
public sealed record FailedWrite(int Writer, string What, TimeSpan SentAt, TimeSpan AnsweredAt);

/// <summary>The host answered a write with an error; the message is the status and error code.</summary>
public sealed class WriteRefusedException(string message) : Exception(message);
