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
            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)))
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

            // | passports | operation | req/s | p50 ms | p95 ms | p99 ms | failed | ...
            var rows = File.ReadAllLines(report)
                .Where(line => line.StartsWith("| ", StringComparison.Ordinal) && char.IsAsciiDigit(line[2]))
                .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
                .ToList();
            rows.Select(r => r[2]).ShouldBe(
                ["raw: SELECT document + INSERT audit row, one transaction", "passport(id) audited read", "raw: INSERT event row", "recordAllergy recorded fact"],
                output);
            foreach (var row in rows)
            {
                double.Parse(row[3], CultureInfo.InvariantCulture).ShouldBeGreaterThan(0, $"{row[2]} completed nothing:\n{output}");
                row[7].ShouldBe("0", $"{row[2]} had failures:\n{output}");
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
