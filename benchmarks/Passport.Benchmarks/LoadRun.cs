using System.Diagnostics;

namespace Passport.Benchmarks;

/// <summary>One row's figures: completed operations per second, latency percentiles, and the host's largest resident memory during the row.</summary>
internal sealed record Measurement(string Operation, int Passports, int Completed, int Failed, double PerSecond, double P50, double P95, double P99, string? FirstFailure, double? OfferedPerSecond = null, double? HostRssMiB = null, CpuShare? Cpu = null);

/// <summary>CPU time spent in the measured window per completed request, in milliseconds: by the host, by all PostgreSQL processes, and by this load generator.</summary>
internal sealed record CpuShare(double HostMs, double PostgresMs, double ClientMs);

/// <summary>
/// Runs an operation in one of two ways, after a warm-up that is not counted:
/// <list type="bullet">
/// <item><b>closed loop</b> (<see cref="MeasureAsync"/>): <c>concurrency</c> workers, each sending its next request
/// as soon as the last is answered: the most the product does, its peak;</item>
/// <item><b>open loop</b> (<see cref="MeasureAtRateAsync"/>): requests start on a fixed schedule at a given rate,
/// whatever the answers do, and each latency is counted from when the request was due, so a stall shows
/// in the percentiles rather than slowing the schedule (no coordinated omission).</item>
/// </list>
/// Every request that is due (or starts) and ends inside the measured window is counted.
/// </summary>
internal static class LoadRun
{
    /// <summary>An operation returns null on success, or why it failed.</summary>
    public delegate Task<string?> Operation(Random random, CancellationToken cancellationToken);

    public static async Task<Measurement> MeasureAsync(string name, int passports, BenchmarkOptions options, Operation operation, int? hostProcessId = null)
    {
        var started = Stopwatch.GetTimestamp();
        var window = new Window(started + Ticks(options.WarmUp), started + Ticks(options.WarmUp + options.Duration));
        using var memory = new MemorySampler(hostProcessId);
        var cpu = CpuClock.AcrossAsync(window, hostProcessId);
        var workers = Enumerable.Range(0, options.Concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random((worker * 7919) + passports);
            while (Stopwatch.GetTimestamp() < window.End)
            {
                var begin = Stopwatch.GetTimestamp();
                await window.RunAsync(operation, random, begin);
            }
        })).ToArray();

        await Task.WhenAll(workers);
        return window.Result(name, passports, options.Duration, offered: null, memory.PeakMiB, await cpu);
    }

    public static async Task<Measurement> MeasureAtRateAsync(string name, int passports, BenchmarkOptions options, double perSecond, Operation operation, int? hostProcessId = null)
    {
        var started = Stopwatch.GetTimestamp();
        var window = new Window(started + Ticks(options.WarmUp), started + Ticks(options.WarmUp + options.Duration));
        using var memory = new MemorySampler(hostProcessId);
        var cpu = CpuClock.AcrossAsync(window, hostProcessId);
        var random = new Random(passports);
        var interval = Stopwatch.Frequency / perSecond;
        var inFlight = new List<Task>();
        for (long k = 0; ; k++)
        {
            var due = started + (long)(k * interval);
            if (due >= window.End)
            {
                break;
            }

            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var requestRandom = new Random(random.Next());
            inFlight.Add(Task.Run(() => window.RunAsync(operation, requestRandom, due)));
            if (inFlight.Count > 4096)
            {
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }

        await Task.WhenAll(inFlight);
        return window.Result(name, passports, options.Duration, perSecond, memory.PeakMiB, await cpu);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>The measured window and what happened in it.</summary>
    private sealed class Window(long start, long end)
    {
        private readonly List<double> _latencies = new(capacity: 16_384);
        private int _failed;
        private string? _firstFailure;

        public long Start => start;

        public long End => end;

        /// <summary>Runs one request that was due at <paramref name="due"/> and counts it if due and answered inside the window.</summary>
        public async Task RunAsync(Operation operation, Random random, long due)
        {
            string? failure;
            try
            {
                failure = await operation(random, CancellationToken.None);
            }
            catch (Exception e) when (e is HttpRequestException or Npgsql.NpgsqlException or TaskCanceledException or IOException)
            {
                failure = e.GetType().Name + ": " + e.Message;
            }

            var answered = Stopwatch.GetTimestamp();
            if (due < start || answered > end)
            {
                return;
            }

            lock (_latencies)
            {
                if (failure is null)
                {
                    _latencies.Add(Stopwatch.GetElapsedTime(due, answered).TotalMilliseconds);
                }
                else
                {
                    _failed++;
                    _firstFailure ??= failure;
                }
            }
        }

        public Measurement Result(string name, int passports, TimeSpan duration, double? offered, double? rssMiB, (double Host, double Postgres, double Client)? cpuSeconds)
        {
            var all = _latencies.Order().ToArray();
            var cpu = cpuSeconds is { } c && all.Length > 0 ? new CpuShare(c.Host * 1000 / all.Length, c.Postgres * 1000 / all.Length, c.Client * 1000 / all.Length) : null;
            return new Measurement(name, passports, all.Length, _failed, all.Length / duration.TotalSeconds, Percentile(all, 0.50), Percentile(all, 0.95), Percentile(all, 0.99), _firstFailure, offered, rssMiB, cpu);
        }
    }

    /// <summary>
    /// CPU time (user + system, from /proc) of the host, of every PostgreSQL process and of this
    /// program, between the start and the end of the measured window.
    /// </summary>
    private static class CpuClock
    {
        private const double TicksPerSecond = 100; // USER_HZ on Linux

        public static async Task<(double Host, double Postgres, double Client)?> AcrossAsync(Window window, int? hostProcessId)
        {
            if (hostProcessId is not { } host || !File.Exists($"/proc/{host}/stat"))
            {
                return null;
            }

            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), window.Start) is { Ticks: > 0 } untilStart ? untilStart : TimeSpan.Zero);
            var before = Read(host);
            await Task.Delay(Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), window.End) is { Ticks: > 0 } untilEnd ? untilEnd : TimeSpan.Zero);
            var after = Read(host);
            return ((after.Host - before.Host) / TicksPerSecond, (after.Postgres - before.Postgres) / TicksPerSecond, (after.Client - before.Client) / TicksPerSecond);
        }

        private static (long Host, long Postgres, long Client) Read(int host)
        {
            long postgres = 0;
            foreach (var folder in Directory.EnumerateDirectories("/proc"))
            {
                if (int.TryParse(Path.GetFileName(folder), out var pid) && Ticks(pid) is { Name: "postgres" } process)
                {
                    postgres += process.Ticks;
                }
            }

            return (Ticks(host)?.Ticks ?? 0, postgres, Ticks(Environment.ProcessId)?.Ticks ?? 0);
        }

        /// <summary>A process's name and its utime + stime (fields 14 and 15 of /proc/pid/stat, after the parenthesised name).</summary>
        private static (string Name, long Ticks)? Ticks(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var open = stat.IndexOf('(', StringComparison.Ordinal);
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                return (stat[(open + 1)..close], long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentOutOfRangeException)
            {
                return null; // The process ended, or is not ours to read.
            }
        }
    }

    /// <summary>Samples the host's resident set size (VmRSS in /proc) every 250 ms; the largest value seen.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly Timer? _timer;
        private long _peakKiB;

        public MemorySampler(int? processId)
        {
            if (processId is { } pid && File.Exists($"/proc/{pid}/status"))
            {
                _timer = new Timer(_ => Sample(pid), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));
            }
        }

        public double? PeakMiB => _timer is null ? null : Interlocked.Read(ref _peakKiB) / 1024.0;

        private void Sample(int pid)
        {
            try
            {
                var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
                if (line is not null && long.TryParse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], out var kib))
                {
                    long seen;
                    while (kib > (seen = Interlocked.Read(ref _peakKiB)) && Interlocked.CompareExchange(ref _peakKiB, kib, seen) != seen)
                    {
                    }
                }
            }
            catch (IOException)
            {
                // The process ended between samples.
            }
        }

        public void Dispose() => _timer?.Dispose();
    }
}
