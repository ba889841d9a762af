using System.Globalization;
using System.Net;
using System.Text;

namespace Passport.Web.Infrastructure;

/// <summary>One set of bars of a chart: a name (e.g. a sector) and a value per category, null when suppressed.</summary>
public sealed record BarSeries(string Name, IReadOnlyList<int?> Values);

/// <summary>
/// A bar chart of counts by month (the impact dashboard), drawn on the server as SVG (no JavaScript):
/// bars side by side per month, one colour per series, with an accessible title and description.
/// A suppressed count has no bar but a "&lt;5" mark, so it never reads as zero. The page always adds
/// a table of the same figures, which is what a screen reader should read.
/// </summary>
public static class BarChart
{
    private const int Width = 640;
    private const int Height = 280;
    private const int Left = 48;
    private const int Right = 12;
    private const int Top = 16;
    private const int Bottom = 44;

    /// <summary>NHS colours, in turn for each series.</summary>
    private static readonly string[] Colours = ["#005eb8", "#007f3b", "#7c2855", "#330072", "#ae2573", "#00a499"];

    /// <summary>A series' colour.</summary>
    public static string Colour(int series) => Colours[ColourIndex(series)];

    /// <summary>
    /// Which of the colours a series has: the legend's swatch takes the same colour from the class
    /// <c>passport-series-N</c> in passport.css (the pages' Content-Security-Policy allows no inline style).
    /// </summary>
    public static int ColourIndex(int series) => series % Colours.Length;

    /// <summary>The SVG.</summary>
    /// <param name="id">The element id the title and description are named by.</param>
    /// <param name="title">The chart's accessible title.</param>
    /// <param name="description">What it shows in words (its table follows it on the page).</param>
    /// <param name="categories">The labels under each group of bars, e.g. "Mar 2026".</param>
    /// <param name="series">The bars' values per category.</param>
    /// <param name="suppressedMark">The mark drawn where a count is suppressed.</param>
    public static string Svg(string id, string title, string description, IReadOnlyList<string> categories, IReadOnlyList<BarSeries> series, string suppressedMark)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(series);
        var ic = CultureInfo.InvariantCulture;
        var max = Math.Max(1, series.SelectMany(s => s.Values).DefaultIfEmpty().Max(v => v ?? 0));

        // Four whole-number steps of 1, 2 or 5 times a power of ten: counts have no fractions.
        var step = NiceStep(Math.Ceiling(max / 4.0));
        var niceMax = step * 4;
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var groupWidth = plotWidth / (double)Math.Max(1, categories.Count);
        var barWidth = Math.Max(2, (groupWidth * 0.8) / Math.Max(1, series.Count));
        double Y(double v) => Top + (plotHeight * (1 - (v / niceMax)));

        var svg = new StringBuilder();
        svg.Append(ic, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">");
        svg.Append(ic, $"<title id=\"{id}-title\">{WebUtility.HtmlEncode(title)}</title><desc id=\"{id}-desc\">{WebUtility.HtmlEncode(description)}</desc>");
        svg.Append(ic, $"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>");
        for (var i = 0; i <= 4; i++)
        {
            var v = step * i;
            var y = Y(v);
            svg.Append(ic, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#d8dde0\" stroke-width=\"1\"/>");
            svg.Append(ic, $"<text x=\"{Left - 6}\" y=\"{y + 5:0.#}\" text-anchor=\"end\" font-size=\"13\" fill=\"#212b32\">{v.ToString("N0", CultureInfo.CurrentCulture)}</text>");
        }

        svg.Append(ic, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\" stroke=\"#212b32\" stroke-width=\"2\"/>");

        // Month labels: every one when they fit, else every other.
        var labelEvery = categories.Count > 12 ? 3 : categories.Count > 6 ? 2 : 1;
        for (var c = 0; c < categories.Count; c++)
        {
            var groupLeft = Left + (c * groupWidth) + (groupWidth * 0.1);
            for (var s = 0; s < series.Count; s++)
            {
                var x = groupLeft + (s * barWidth);
                if (series[s].Values[c] is int value)
                {
                    var y = Y(value);
                    svg.Append(ic, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{barWidth - 1:0.#}\" height=\"{Height - Bottom - y:0.#}\" fill=\"{Colour(s)}\"/>");
                }
                else
                {
                    svg.Append(ic, $"<text x=\"{x + (barWidth / 2):0.#}\" y=\"{Height - Bottom - 4}\" text-anchor=\"middle\" font-size=\"10\" fill=\"#4c6272\">{WebUtility.HtmlEncode(suppressedMark)}</text>");
                }
            }

            if (c % labelEvery == 0)
            {
                svg.Append(ic, $"<text x=\"{Left + (c * groupWidth) + (groupWidth / 2):0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#212b32\">{WebUtility.HtmlEncode(categories[c])}</text>");
            }
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>1, 2 or 5 times a power of ten at or above the value (at least 1), so the grid lines read well.</summary>
    private static double NiceStep(double value)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(Math.Max(1, value))));
        foreach (var factor in new[] { 1, 2, 5 })
        {
            if (factor * power >= value)
            {
                return factor * power;
            }
        }

        return 10 * power;
    }
}
