using System.Globalization;

namespace Passport.Benchmarks;

/// <summary>What one run measures; read from the command line.</summary>
internal sealed record BenchmarkOptions
{
    public IReadOnlyList<int> ScalePoints { get; init; } = [10_000, 100_000, 1_200_000];
    public int Concurrency { get; init; } = 8;
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(15);
    public bool IsDurable { get; init; } = true;
    public string? OutputFile { get; init; }
    public string? ChartFile { get; init; }
    public bool IsQuick { get; init; }

    /// <summary>PostgreSQL settings for the run's cluster (ALTER SYSTEM before the host starts); PostgreSQL's defaults otherwise.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> PostgresSettings { get; init; } = [];

    public const string Usage = """
        Passport.Benchmarks: audited passport reads, recorded facts, a mixed load and myPassports through
        the real host, against raw Npgsql baselines on the same PostgreSQL cluster, at growing numbers of passports.

          --passports 10000,100000,1200000  scale points (each seeds up to that many passports); default 10000,100000,1200000
          --concurrency 8                 requests in flight at once in the closed-loop rows; default 8
          --warmup 5                      seconds of warm-up per row, not counted; default 5
          --duration 15                   seconds measured per row; default 15
          --non-durable                   PostgreSQL with fsync and synchronous_commit off (default: durable, as in production)
          --postgres name=value           a PostgreSQL setting for the run's cluster (repeatable), e.g. --postgres shared_buffers=2GB
          --out docs/performance-latest.md  also write the Markdown report to this file
          --chart docs/performance-chart.png  draw the chart there (default: beside --out, if given)
          --short                         the whole run in under 5 minutes: 10,000 and 100,000 passports, 2 s warm-up, 6 s per row
          --quick                         smoke check: 500 passports, concurrency 4, 1 s warm-up, 2 s measured
        """;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick")
            ? new BenchmarkOptions { IsQuick = true, ScalePoints = [500], Concurrency = 4, WarmUp = TimeSpan.FromSeconds(1), Duration = TimeSpan.FromSeconds(2) }
            : args.Contains("--short")
                ? new BenchmarkOptions { ScalePoints = [10_000, 100_000], WarmUp = TimeSpan.FromSeconds(2), Duration = TimeSpan.FromSeconds(6) }
                : new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            options = args[i] switch
            {
                "--quick" or "--short" => options,
                "--passports" => options with { ScalePoints = [.. Value().Split(',').Select(Count).Order()] },
                "--concurrency" => options with { Concurrency = Count(Value()) },
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(Count(Value(), allowZero: true)) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Count(Value())) },
                "--non-durable" => options with { IsDurable = false },
                "--postgres" => options with { PostgresSettings = [.. options.PostgresSettings, Setting(Value())] },
                "--out" => options with { OutputFile = Path.GetFullPath(Value()) },
                "--chart" => options with { ChartFile = Path.GetFullPath(Value()) },
                _ => throw new ArgumentException($"Unknown argument {args[i]}.\n{Usage}"),
            };
        }

        return options;
    }

    private static KeyValuePair<string, string> Setting(string text)
    {
        var parts = text.Split('=', 2);
        return parts.Length == 2 && parts[0].Length > 0 && parts[0].All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.')
            ? new(parts[0], parts[1])
            : throw new ArgumentException($"--postgres takes name=value, such as shared_buffers=2GB; got {text}.");
    }

    private static int Count(string text) => Count(text, allowZero: false);

    private static int Count(string text, bool allowZero)
    {
        var value = int.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture);
        return value > 0 || (allowZero && value == 0) ? value : throw new ArgumentException($"{text} must be a positive number.");
    }
}
