using System.Globalization;
using SkiaSharp;

namespace Passport.Benchmarks;

/// <summary>
/// The run's chart as a PNG, drawn with SkiaSharp: throughput (left) and latency (right) against the
/// number of passports stored, on a logarithmic axis, one line per operation.
/// </summary>
internal static class Chart
{
    private const int PanelWidth = 760;
    private const int Height = 560;
    private const float Left = 78, Right = 16, Top = 56, Bottom = 150;

    private static readonly SKColor[] Colours =
    [
        new(0x00, 0x5E, 0xB8), new(0x00, 0x96, 0x39), new(0xD5, 0x28, 0x1B), new(0x33, 0x00, 0x72),
        new(0xFF, 0xB8, 0x1C), new(0x76, 0x76, 0x76), new(0xAE, 0x25, 0x73), new(0x00, 0x30, 0x87),
    ];

    public static void Draw(Report report, string path)
    {
        using var surface = SKSurface.Create(new SKImageInfo(PanelWidth * 2, Height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var typeface = Typeface();
        Panel(canvas, typeface, 0, "Throughput (requests a second)", report,
        [
            (BenchmarkRun.RawRead, "raw read + audit row", m => m.PerSecond, false),
            (BenchmarkRun.PassportRead, "passport(id) audited read", m => m.PerSecond, false),
            (BenchmarkRun.RawWrite, "raw event insert", m => m.PerSecond, true),
            (BenchmarkRun.PassportWrite, "recordAllergy", m => m.PerSecond, true),
            (BenchmarkRun.Mixed, "mixed 90/10", m => m.PerSecond, false),
        ]);
        Panel(canvas, typeface, PanelWidth, "Latency (ms)", report,
        [
            (BenchmarkRun.PassportRead, "read p50 (peak)", m => m.P50, false),
            (BenchmarkRun.PassportRead, "read p99 (peak)", m => m.P99, true),
            (BenchmarkRun.ReadAtRate, "read p99 at 70 %", m => m.P99, false),
            (BenchmarkRun.PassportWrite, "write p50 (peak)", m => m.P50, false),
            (BenchmarkRun.PassportWrite, "write p99 (peak)", m => m.P99, true),
            (BenchmarkRun.WriteAtRate, "write p99 at 70 %", m => m.P99, false),
            (BenchmarkRun.LargeCaseload, "myPassports p50, 2,000", m => m.P50, false),
        ]);
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }

    private static void Panel(SKCanvas canvas, SKTypeface typeface, float x0, string title, Report report, (string Operation, string Label, Func<Measurement, double> Value, bool Dashed)[] series)
    {
        var c = CultureInfo.InvariantCulture;
        var scales = report.Options.ScalePoints;
        var points = series.Select(s => scales.Select(p => (Passports: p, Value: report.Find(s.Operation, p) is { } m ? s.Value(m) : double.NaN)).Where(v => !double.IsNaN(v.Value)).ToArray()).ToArray();
        var maxValue = NiceCeiling(Math.Max(1, points.SelectMany(p => p).Select(v => v.Value).DefaultIfEmpty(1).Max()));
        var (minX, maxX) = (Math.Log10(scales.Min()), Math.Log10(scales.Max()));
        if (maxX - minX < 0.5)
        {
            (minX, maxX) = (minX - 0.5, maxX + 0.5);
        }

        var (plotLeft, plotRight, plotTop, plotBottom) = (x0 + Left, x0 + PanelWidth - Right, Top, Height - Bottom);
        float X(int passports) => plotLeft + (float)((Math.Log10(passports) - minX) / (maxX - minX) * (plotRight - plotLeft));
        float Y(double value) => plotBottom - (float)(value / maxValue * (plotBottom - plotTop));

        using var font = new SKFont(typeface, 15);
        using var small = new SKFont(typeface, 12);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var grid = new SKPaint { Color = new SKColor(0xD8, 0xDD, 0xE0), StrokeWidth = 1 };
        canvas.DrawText(title, x0 + Left, 30, font, ink);

        for (var i = 0; i <= 5; i++)
        {
            var value = maxValue * i / 5;
            var y = Y(value);
            canvas.DrawLine(plotLeft, y, plotRight, y, grid);
            canvas.DrawText(value.ToString(value >= 100 ? "N0" : "F1", c), x0 + 6, y + 4, small, ink);
        }

        foreach (var p in scales)
        {
            canvas.DrawLine(X(p), plotTop, X(p), plotBottom, grid);
            var label = p.ToString("N0", c);
            var width = small.MeasureText(label);
            canvas.DrawText(label, Math.Clamp(X(p) - (width / 2), x0 + 2, x0 + PanelWidth - width - 2), plotBottom + 16, small, ink);
        }

        canvas.DrawText("passports stored (logarithmic)", plotLeft, plotBottom + 34, small, ink);
        for (var s = 0; s < series.Length; s++)
        {
            using var pen = new SKPaint
            {
                Color = Colours[s % Colours.Length],
                StrokeWidth = 2.5f,
                IsAntialias = true,
                Style = SKPaintStyle.Stroke,
                PathEffect = series[s].Dashed ? SKPathEffect.CreateDash([8, 5], 0) : null,
            };
            using var dot = new SKPaint { Color = pen.Color, IsAntialias = true };
            using var path = new SKPath();
            for (var i = 0; i < points[s].Length; i++)
            {
                var (px, py) = (X(points[s][i].Passports), Y(points[s][i].Value));
                if (i == 0)
                {
                    path.MoveTo(px, py);
                }
                else
                {
                    path.LineTo(px, py);
                }

                canvas.DrawCircle(px, py, 3.5f, dot);
            }

            canvas.DrawPath(path, pen);
            var legendY = plotBottom + 56 + (s / 2 * 20);
            var legendX = plotLeft + (s % 2 * 330);
            canvas.DrawLine(legendX, legendY - 4, legendX + 26, legendY - 4, pen);
            canvas.DrawText(series[s].Label, legendX + 32, legendY, small, ink);
        }
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 or 10 times a power of ten at or above <paramref name="value"/>, so the five grid lines fall on round numbers.</summary>
    private static double NiceCeiling(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        return new[] { 1, 2, 2.5, 5, 10 }.Select(f => f * power).First(v => v >= value);
    }

    /// <summary>A font that is on the machine (DejaVu or Liberation, as Debian ships), else Skia's default.</summary>
    private static SKTypeface Typeface()
    {
        foreach (var file in new[] { "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf" })
        {
            if (File.Exists(file) && SKTypeface.FromFile(file) is { } typeface)
            {
                return typeface;
            }
        }

        return SKTypeface.Default;
    }
}
