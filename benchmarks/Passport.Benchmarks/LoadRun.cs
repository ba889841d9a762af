using System.Diagnostics;

namespace Passport.Benchmarks;

/// <summary>One operation's figures: completed operations per second and latency percentiles.</summary>
internal sealed record Measurement(string Operation, int Passports, int Completed, int Failed, double PerSecond, double P50, double P95, double P99, string? FirstFailure);

/// <summary>
/// Runs an operation from <c>concurrency</c> workers without pause: a warm-up that is not counted,
/// then a fixed window in which every operation that both starts and ends inside it is counted.
/// </summary>
internal static class LoadRun
{
    /// <summary>An operation returns null on success, or why it failed.</summary>
    public delegate Task<string?> Operation(Random random, CancellationToken cancellationToken);

    public static async Task<Measurement> MeasureAsync(string name, int passports, BenchmarkOptions options, Operation operation)
    {
        var started = Stopwatch.GetTimestamp();
        var windowStart = started + Ticks(options.WarmUp);
        var windowEnd = windowStart + Ticks(options.Duration);
        using var stop = new CancellationTokenSource();
        var failed = 0;
        string? firstFailure = null;
        var workers = Enumerable.Range(0, options.Concurrency).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker * 7919 + passports);
            var latencies = new List<double>(capacity: 4096);
            while (Stopwatch.GetTimestamp() < windowEnd)
            {
                var begin = Stopwatch.GetTimestamp();
                string? failure;
                try
                {
                    failure = await operation(random, stop.Token);
                }
                catch (Exception e) when (e is HttpRequestException or Npgsql.NpgsqlException or TaskCanceledException or IOException)
                {
                    failure = e.GetType().Name + ": " + e.Message;
                }

                var end = Stopwatch.GetTimestamp();
                if (begin < windowStart || end > windowEnd)
                {
                    continue;
                }

                if (failure is null)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(begin, end).TotalMilliseconds);
                }
                else
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstFailure, failure, null);
                }
            }

            return latencies;
        })).ToArray();

        var all = (await Task.WhenAll(workers)).SelectMany(l => l).Order().ToArray();
        return new Measurement(
            name,
            passports,
            all.Length,
            failed,
            all.Length / options.Duration.TotalSeconds,
            Percentile(all, 0.50),
            Percentile(all, 0.95),
            Percentile(all, 0.99),
            firstFailure);
    }

    private static long Ticks(TimeSpan span) => (long)(span.TotalSeconds * Stopwatch.Frequency);

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
