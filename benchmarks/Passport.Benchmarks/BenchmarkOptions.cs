using System.Globalization;

namespace Passport.Benchmarks;

/// <summary>What one run measures; read from the command line.</summary>
internal sealed record BenchmarkOptions
{
    public IReadOnlyList<int> ScalePoints { get; init; } = [1_000, 10_000, 100_000];
    public int Concurrency { get; init; } = 8;
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(5);
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);
    public bool IsDurable { get; init; } = true;
    public string? OutputFile { get; init; }
    public bool IsQuick { get; init; }

    public const string Usage = """
        Passport.Benchmarks: an audited passport read and a recorded fact through the real host,
        against a raw Npgsql baseline on the same PostgreSQL cluster, at growing numbers of passports.

          --passports 1000,10000,100000   scale points (each seeds up to that many passports); default 1000,10000,100000
          --concurrency 8                 requests in flight at once; default 8
          --warmup 5                      seconds of warm-up per measurement, not counted; default 5
          --duration 20                   seconds measured per operation and scale point; default 20
          --non-durable                   PostgreSQL with fsync and synchronous_commit off (default: durable, as in production)
          --out docs/performance-latest.md  also write the Markdown report to this file
          --quick                         smoke check: 500 passports, concurrency 4, 1 s warm-up, 2 s measured
        """;

    public static BenchmarkOptions Parse(IReadOnlyList<string> args)
    {
        var options = args.Contains("--quick")
            ? new BenchmarkOptions { IsQuick = true, ScalePoints = [500], Concurrency = 4, WarmUp = TimeSpan.FromSeconds(1), Duration = TimeSpan.FromSeconds(2) }
            : new BenchmarkOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            options = args[i] switch
            {
                "--quick" => options,
                "--passports" => options with { ScalePoints = [.. Value().Split(',').Select(Count).Order()] },
                "--concurrency" => options with { Concurrency = Count(Value()) },
                "--warmup" => options with { WarmUp = TimeSpan.FromSeconds(Count(Value(), allowZero: true)) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(Count(Value())) },
                "--non-durable" => options with { IsDurable = false },
                "--out" => options with { OutputFile = Path.GetFullPath(Value()) },
                _ => throw new ArgumentException($"Unknown argument {args[i]}.\n{Usage}"),
            };
        }

        return options;
    }

    private static int Count(string text) => Count(text, allowZero: false);

    private static int Count(string text, bool allowZero)
    {
        var value = int.Parse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture);
        return value > 0 || (allowZero && value == 0) ? value : throw new ArgumentException($"{text} must be a positive number.");
    }
}
