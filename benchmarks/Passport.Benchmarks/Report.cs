using System.Globalization;
using System.Text;

namespace Passport.Benchmarks;

internal sealed record Machine(int Cores, double MemoryGiB, string PostgresVersion, string LoadBefore, string LoadAfter, string DotnetVersion);

/// <summary>The run's figures as Markdown: one table, each passport operation beside its raw baseline from the same run.</summary>
internal sealed record Report(BenchmarkOptions Options, Machine Machine, IReadOnlyList<(int Passports, TimeSpan Took)> Seeding, IReadOnlyList<Measurement> Measurements, DateTimeOffset FinishedAt)
{
    private static readonly Dictionary<string, string> BaselineOf = new(StringComparer.Ordinal)
    {
        [BenchmarkRun.PassportRead] = BenchmarkRun.RawRead,
        [BenchmarkRun.PassportWrite] = BenchmarkRun.RawWrite,
    };

    /// <summary>Every row completed operations without a failure.</summary>
    public bool IsComplete => Measurements.Count > 0 && Measurements.All(m => m.Completed > 0 && m.Failed == 0);

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"# Benchmark run {FinishedAt:yyyy-MM-dd HH:mm} UTC{(Options.IsQuick ? " (quick smoke check, not a measurement)" : "")}");
        text.AppendLine();
        text.AppendLine(c, $"* Machine: {Machine.Cores} cores, {Machine.MemoryGiB:F1} GiB RAM; .NET {Machine.DotnetVersion}; {Machine.PostgresVersion.Split(" on ")[0]}.");
        text.AppendLine("* The host, PostgreSQL and the load generator (this program) share the machine and its cores.");
        text.AppendLine(c, $"* Load average (1, 5, 15 min) before the run: {Machine.LoadBefore}; after: {Machine.LoadAfter}.");
        text.AppendLine(c, $"* PostgreSQL: {(Options.IsDurable ? "durable (fsync and synchronous_commit on, as in production)" : "non-durable (fsync and synchronous_commit off)")}; a throwaway cluster started for the run.");
        text.AppendLine(c, $"* Concurrency {Options.Concurrency}; {Options.WarmUp.TotalSeconds:F0} s warm-up (not counted) and {Options.Duration.TotalSeconds:F0} s measured per row.");
        text.AppendLine(c, $"* Seeding (Marten appends in the benchmark process, 5 events per passport, inline projections): {string.Join("; ", Seeding.Select(s => $"to {s.Passports:N0} in {s.Took.TotalSeconds:F0} s"))}.");
        text.AppendLine();
        text.AppendLine("| passports | operation | req/s | p50 ms | p95 ms | p99 ms | failed | throughput vs raw | p50 vs raw |");
        text.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var m in Measurements)
        {
            var baseline = BaselineOf.TryGetValue(m.Operation, out var rawName)
                ? Measurements.FirstOrDefault(b => b.Operation == rawName && b.Passports == m.Passports)
                : null;
            var throughputRatio = baseline is null ? "" : (m.PerSecond / baseline.PerSecond).ToString("P1", c);
            var latencyRatio = baseline is null ? "" : (m.P50 / baseline.P50).ToString("F1", c) + "×";
            text.AppendLine(c, $"| {m.Passports:N0} | {m.Operation} | {m.PerSecond:F0} | {m.P50:F1} | {m.P95:F1} | {m.P99:F1} | {m.Failed} | {throughputRatio} | {latencyRatio} |");
        }

        if (Options.ScalePoints.Count > 1)
        {
            text.AppendLine();
            text.AppendLine(c, $"Trend from {Options.ScalePoints[0]:N0} to {Options.ScalePoints[^1]:N0} passports ({(double)Options.ScalePoints[^1] / Options.ScalePoints[0]:F0}× more):");
            text.AppendLine();
            foreach (var operation in Measurements.Select(m => m.Operation).Distinct())
            {
                var first = Measurements.First(m => m.Operation == operation);
                var last = Measurements.Last(m => m.Operation == operation);
                text.AppendLine(c, $"* {operation}: throughput ×{last.PerSecond / first.PerSecond:F2}, p50 ×{last.P50 / first.P50:F2}, p99 ×{last.P99 / first.P99:F2}.");
            }
        }

        return text.ToString();
    }
}
