using Passport.Benchmarks;

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

var report = await BenchmarkRun.RunAsync(options, line => Console.WriteLine(line));
var markdown = report.ToMarkdown();
Console.WriteLine();
Console.WriteLine(markdown);
if (options.OutputFile is { } file)
{
    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
    await File.WriteAllTextAsync(file, markdown);
    Console.WriteLine($"Written to {file}");
}

if ((options.ChartFile ?? (options.OutputFile is { } output ? Path.ChangeExtension(output, ".png") : null)) is { } chart)
{
    Directory.CreateDirectory(Path.GetDirectoryName(chart)!);
    Chart.Draw(report, chart);
    Console.WriteLine($"Chart drawn to {chart}");
}

// Non-zero when any row completed nothing or had failures, so a smoke check can rely on the exit code.
return report.IsComplete ? 0 : 1;
