using System.Globalization;
using System.Text;

namespace Passport.Benchmarks;

internal sealed record Machine(int Cores, double MemoryGiB, string PostgresVersion, string LoadBefore, string LoadAfter, string DotnetVersion);

/// <summary>The run's figures as Markdown: each passport operation beside its raw baseline from the same run, the targets, and where PostgreSQL spent its time.</summary>
internal sealed record Report(
    BenchmarkOptions Options,
    Machine Machine,
    IReadOnlyList<Seeding> Seeding,
    IReadOnlyList<Measurement> Measurements,
    IReadOnlyList<(int Passports, string Operation, int Completed, IReadOnlyList<StatementFigures> Top)> Statements,
    DateTimeOffset FinishedAt)
{
    private static readonly Dictionary<string, string> BaselineOf = new(StringComparer.Ordinal)
    {
        [BenchmarkRun.PassportRead] = BenchmarkRun.RawRead,
        [BenchmarkRun.PassportWrite] = BenchmarkRun.RawWrite,
        [BenchmarkRun.ReadAtRate] = BenchmarkRun.RawRead,
        [BenchmarkRun.WriteAtRate] = BenchmarkRun.RawWrite,
    };

    /// <summary>Every row completed operations without a failure.</summary>
    public bool IsComplete => Measurements.Count > 0 && Measurements.All(m => m.Completed > 0 && m.Failed == 0);

    public Measurement? Find(string operation, int passports) => Measurements.FirstOrDefault(m => m.Operation == operation && m.Passports == passports);

    public string ToMarkdown()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(c, $"# Benchmark run {FinishedAt:yyyy-MM-dd HH:mm} UTC{(Options.IsQuick ? " (quick smoke check, not a measurement)" : "")}");
        text.AppendLine();
        text.AppendLine(c, $"* Machine: {Machine.Cores} cores, {Machine.MemoryGiB:F1} GiB RAM; .NET {Machine.DotnetVersion}; {Machine.PostgresVersion.Split(" on ")[0]}.");
        text.AppendLine("* The host, PostgreSQL and the load generator (this program) share the machine and its cores.");
        text.AppendLine(c, $"* Load average (1, 5, 15 min) before the run: {Machine.LoadBefore}; after: {Machine.LoadAfter}.");
        text.AppendLine("* PostgreSQL: " + (Options.IsDurable ? "durable (fsync and synchronous_commit on, as in production)" : "non-durable (fsync and synchronous_commit off)") + "; a throwaway cluster started for the run, pg_stat_statements loaded; "
            + (Options.PostgresSettings.Count == 0 ? "otherwise PostgreSQL's default settings." : "settings " + string.Join(", ", Options.PostgresSettings.Select(s => $"`{s.Key}={s.Value}`")) + ", otherwise PostgreSQL's defaults."));
        text.AppendLine(c, $"* Closed-loop rows: {Options.Concurrency} requests in flight; open-loop rows (\"at 70 % of its peak\") start requests on a fixed schedule at 70 % of the same scale point's closed-loop throughput and count latency from when each was due. {Options.WarmUp.TotalSeconds:F0} s warm-up (not counted) and {Options.Duration.TotalSeconds:F0} s measured per row.");
        foreach (var s in Seeding)
        {
            text.AppendLine(c, $"* Seeding to {s.Passports:N0}: {s.Added:N0} passports in {s.Took.TotalSeconds:F0} s ({s.Added / Math.Max(s.Took.TotalSeconds, 0.001):N0}/s); {s.Events:N0} events stored; {s.Sizes}.");
        }

        text.AppendLine();
        text.AppendLine("| passports | operation | req/s | p50 ms | p95 ms | p99 ms | failed | throughput vs raw | p50 vs raw | host RSS MiB | CPU ms per request: host / PostgreSQL / load generator |");
        text.AppendLine("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var m in Measurements)
        {
            var baseline = BaselineOf.TryGetValue(m.Operation, out var rawName) ? Find(rawName, m.Passports) : null;
            var throughputRatio = baseline is null || m.OfferedPerSecond is not null ? "" : (m.PerSecond / baseline.PerSecond).ToString("P1", c);
            var latencyRatio = baseline is null ? "" : (m.P50 / baseline.P50).ToString("F1", c) + "×";
            text.AppendLine(c, $"| {m.Passports:N0} | {m.Operation} | {m.PerSecond:F0}{(m.OfferedPerSecond is { } o ? $" (of {o:F0} offered)" : "")} | {m.P50:F1} | {m.P95:F1} | {m.P99:F1} | {m.Failed} | {throughputRatio} | {latencyRatio} | {(m.HostRssMiB is { } rss && !m.Operation.StartsWith("raw", StringComparison.Ordinal) ? rss.ToString("F0", c) : "")} | {(m.Cpu is { } cpu ? string.Create(c, $"{cpu.HostMs:F2} / {cpu.PostgresMs:F2} / {cpu.ClientMs:F2}") : "")} |");
        }

        text.AppendLine();
        text.AppendLine("## Targets");
        text.AppendLine();
        foreach (var line in Targets())
        {
            text.AppendLine(line);
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

        foreach (var (passports, operation, completed, top) in Statements.Where(s => s.Passports == Options.ScalePoints[^1]))
        {
            text.AppendLine();
            text.AppendLine(c, $"## What PostgreSQL ran for \"{operation}\" at {passports:N0} passports");
            text.AppendLine();
            text.AppendLine(c, $"pg_stat_statements over that row's warm-up and measured window; \"per request\" divides calls by the {completed:N0} requests measured, so it is approximate (the warm-up's calls are counted too) but shows round trips and commits per request.");
            text.AppendLine();
            text.AppendLine("| calls | per request | total ms | mean ms | statement (first 160 characters) |");
            text.AppendLine("| ---: | ---: | ---: | ---: | --- |");
            var window = (Options.WarmUp + Options.Duration) / Options.Duration;
            foreach (var s in top)
            {
                text.AppendLine(c, $"| {s.Calls:N0} | {s.Calls / (completed * window):F2} | {s.TotalMs:N0} | {s.MeanMs:F3} | `{s.Query.Replace("|", "\\|", StringComparison.Ordinal).Replace("`", "'", StringComparison.Ordinal)}` |");
            }
        }

        return text.ToString();
    }

    /// <summary>Each target of docs/performance.md, met or not, with the figures it was judged on.</summary>
    public IEnumerable<string> Targets()
    {
        var c = CultureInfo.InvariantCulture;
        var (smallest, largest) = (Options.ScalePoints[0], Options.ScalePoints[^1]);
        string Verdict(bool met) => met ? "**met**" : "**not met**";
        foreach (var scale in Options.ScalePoints)
        {
            if (Find(BenchmarkRun.PassportRead, scale) is { } read && Find(BenchmarkRun.RawRead, scale) is { } rawRead && Find(BenchmarkRun.ReadAtRate, scale) is { } readAtRate)
            {
                var ratio = read.PerSecond / rawRead.PerSecond;
                yield return string.Create(c, $"* {scale:N0}: audited read {ratio:P1} of raw (≥ 50 %: {Verdict(ratio >= 0.5)}); p99 at 70 % of peak {readAtRate.P99:F1} ms (≤ 25 ms: {Verdict(readAtRate.P99 <= 25)}).");
            }

            if (Find(BenchmarkRun.PassportWrite, scale) is { } write && Find(BenchmarkRun.RawWrite, scale) is { } rawWrite && Find(BenchmarkRun.WriteAtRate, scale) is { } writeAtRate)
            {
                var ratio = write.PerSecond / rawWrite.PerSecond;
                yield return string.Create(c, $"* {scale:N0}: recorded fact {ratio:P1} of raw (≥ 30 %: {Verdict(ratio >= 0.3)}); p99 at 70 % of peak {writeAtRate.P99:F1} ms (≤ 50 ms: {Verdict(writeAtRate.P99 <= 50)}).");
            }
        }

        if (smallest != largest)
        {
            foreach (var operation in new[] { BenchmarkRun.PassportRead, BenchmarkRun.PassportWrite })
            {
                if (Find(operation, smallest) is { } first && Find(operation, largest) is { } last)
                {
                    var growth = last.P50 / first.P50;
                    yield return string.Create(c, $"* {operation}: p50 {first.P50:F1} ms at {smallest:N0}, {last.P50:F1} ms at {largest:N0}: ×{growth:F2} (≤ 1.25×: {Verdict(growth <= 1.25)}).");
                }
            }
        }

        if (Find(BenchmarkRun.SmallCaseload, largest) is { } small && Find(BenchmarkRun.LargeCaseload, largest) is { } large)
        {
            var growth = large.P50 / small.P50;
            yield return string.Create(c, $"* myPassports first page at {largest:N0}: p50 {small.P50:F1} ms on 20 care teams, {large.P50:F1} ms on 2,000: ×{growth:F2} (≤ 1.5×: {Verdict(growth <= 1.5)}).");
        }

        if (Find(BenchmarkRun.Mixed, largest) is { HostRssMiB: { } rss })
        {
            yield return string.Create(c, $"* Host resident memory under the mixed load at {largest:N0}: at most {rss:F0} MiB (≤ 600 MB, 572 MiB: {Verdict(rss <= 572)}).");
        }
    }
}
