using System.Diagnostics;
using System.Globalization;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// The benchmark (benchmarks/Passport.Benchmarks) still runs end to end: its own cluster, the real
/// host, seeding, and every measured row completes requests. Not a timing assertion: figures on a
/// shared test machine say nothing; docs/performance.md has a real run.
/// </summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public async Task Quick_benchmark_run_reports_throughput_for_every_row()
    {
        var folder = TestPaths.NewTempFolder("bench");
        try
        {
            var report = Path.Combine(folder, "performance.md");
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { TestPaths.BenchmarkAssembly, "--quick", "--out", report })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5)))
            {
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    process.Kill(entireProcessTree: true);
                    throw;
                }
            }

            var output = await stdout + await stderr;
            process.ExitCode.ShouldBe(0, output);

            // | passports | operation | req/s | p50 ms | p95 ms | p99 ms | failed | ... (the first table, before the targets)
            var rows = File.ReadAllLines(report)
                .TakeWhile(line => !line.StartsWith("## ", StringComparison.Ordinal))
                .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && char.IsAsciiDigit(line[2]))
                .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
                .ToList();
            rows.Select(r => r[2]).ShouldBe(
                [
                    "raw: SELECT document + INSERT audit row, one transaction", "passport(id) audited read", "raw: INSERT event row", "recordAllergy recorded fact",
                    "passport(id) at 70 % of its peak", "recordAllergy at 70 % of its peak", "mixed: 90 % reads by five personas, 10 % writes",
                    "myPassports(first: 20), caseload 20", "myPassports(first: 20), caseload 2,000",
                ],
                output);
            foreach (var row in rows)
            {
                double.Parse(row[3].Split(' ')[0], CultureInfo.InvariantCulture).ShouldBeGreaterThan(0, $"{row[2]} completed nothing:\n{output}");
                row[7].ShouldBe("0", $"{row[2]} had failures:\n{output}");
            }

            // The targets are judged in the report, and the chart is a PNG beside it.
            var markdown = await File.ReadAllTextAsync(report);
            markdown.ShouldContain("## Targets");
            markdown.ShouldContain("Host resident memory under the mixed load");
            var chart = await File.ReadAllBytesAsync(Path.ChangeExtension(report, ".png"));
            chart.Take(8).ShouldBe(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A });
            chart.Length.ShouldBeGreaterThan(10_000);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
