using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Passport.Sdk.Pages;

namespace Passport.Web.Infrastructure;

/// <summary>One value of a series on its day.</summary>
public sealed record ChartPoint(DateOnly On, double Value);

/// <summary>One line of a chart: a number field of the items and its values by day.</summary>
public sealed record ChartSeries(PageField Field, IReadOnlyList<ChartPoint> Points)
{
    /// <summary>What the line shows, e.g. "Height in centimetres".</summary>
    public string Label => Display.ShortLabel(Field.Label);
}

/// <summary>
/// A line chart of a block's numbers over time (<see cref="ItemChart"/>, e.g. growth), drawn on the
/// server as SVG (no JavaScript): one chart a series over the dates of the items, with an accessible
/// title and description; the page adds a table of the same values.
/// </summary>
public static class LineChart
{
    private const int Width = 600;
    private const int Height = 300;
    private const int Left = 56;
    private const int Right = 16;
    private const int Top = 16;
    private const int Bottom = 48;

    /// <summary>The items that have a date, oldest first.</summary>
    public static IReadOnlyList<(DateOnly On, JsonNode Item)> Dated(ItemChart chart, JsonArray items) =>
        items
            .Select(item => item is not null && DateOnly.TryParseExact(item.Str(chart.DateField), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
                ? (On: d, Item: item)
                : default)
            .Where(row => row.Item is not null)
            .OrderBy(row => row.On)
            .ToList();

    /// <summary>Each series the block's chart names, with the values the items have.</summary>
    public static IReadOnlyList<ChartSeries> Series(ItemBlock block, IReadOnlyList<(DateOnly On, JsonNode Item)> dated) =>
        (block.Chart?.Series ?? [])
            .Select(name => block.Fields.FirstOrDefault(f => f.Name == name))
            .OfType<PageField>()
            .Select(field => new ChartSeries(field, dated
                .Select(row => Number(row.Item[field.Name]) is double v ? new ChartPoint(row.On, v) : null)
                .OfType<ChartPoint>()
                .ToList()))
            .ToList();

    /// <summary>A number as the table and the description show it: 118.5, 21.</summary>
    public static string Format(double value) => value.ToString("0.#", CultureInfo.CurrentCulture);

    private static double? Number(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<double>(out var d) ? d : null;

    /// <summary>The SVG for one series, or null when it has no values.</summary>
    /// <param name="points">The series' values by day, oldest first.</param>
    /// <param name="id">The element id the title and description are named by.</param>
    /// <param name="title">The chart's accessible title, e.g. "Height in centimetres over time".</param>
    /// <param name="axis">What the values are, e.g. "Height in centimetres".</param>
    /// <param name="dateAxis">What the dates are, e.g. "Date measured".</param>
    public static string? Svg(IReadOnlyList<ChartPoint> points, string id, string title, string axis, string dateAxis)
    {
        var series = points.Select(p => (p.On, V: p.Value)).ToList();
        if (series.Count == 0)
        {
            return null;
        }

        var ic = CultureInfo.InvariantCulture;
        var culture = CultureInfo.CurrentCulture;
        var minDay = series[0].On.DayNumber;
        var maxDay = Math.Max(series[^1].On.DayNumber, minDay + 1);
        var minV = Math.Floor(series.Min(s => s.V) * 0.95);
        var maxV = Math.Ceiling(series.Max(s => s.V) * 1.05);
        if (maxV <= minV)
        {
            maxV = minV + 1;
        }

        double X(DateOnly d) => Left + ((d.DayNumber - minDay) / (double)(maxDay - minDay) * (Width - Left - Right));
        double Y(double v) => Top + ((maxV - v) / (maxV - minV) * (Height - Top - Bottom));

        var first = series[0];
        var last = series[^1];
        var description = series.Count == 1
            ? Display.Words["Chart.OneMeasurement", axis, Format(first.V), Display.Day(first.On)].Value
            : Display.Words["Chart.Measurements", axis, series.Count, Format(first.V), Display.Day(first.On), Format(last.V), Display.Day(last.On)].Value;

        var svg = new StringBuilder();
        svg.Append(ic, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">");
        svg.Append(ic, $"<title id=\"{id}-title\">{WebUtility.HtmlEncode(title)}</title><desc id=\"{id}-desc\">{WebUtility.HtmlEncode(description)}</desc>");
        svg.Append(ic, $"<rect x=\"0\" y=\"0\" width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>");

        // Horizontal grid lines and value labels (5 steps).
        for (var i = 0; i <= 4; i++)
        {
            var v = minV + ((maxV - minV) * i / 4);
            var y = Y(v);
            svg.Append(ic, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#d8dde0\" stroke-width=\"1\"/>");
            svg.Append(ic, $"<text x=\"{Left - 6}\" y=\"{y + 5:0.#}\" text-anchor=\"end\" font-size=\"14\" fill=\"#212b32\">{Format(v)}</text>");
        }

        // Axes and their labels.
        svg.Append(ic, $"<line x1=\"{Left}\" x2=\"{Left}\" y1=\"{Top}\" y2=\"{Height - Bottom}\" stroke=\"#212b32\" stroke-width=\"2\"/>");
        svg.Append(ic, $"<line x1=\"{Left}\" x2=\"{Width - Right}\" y1=\"{Height - Bottom}\" y2=\"{Height - Bottom}\" stroke=\"#212b32\" stroke-width=\"2\"/>");
        svg.Append(ic, $"<text x=\"{Left}\" y=\"{Height - Bottom + 20}\" font-size=\"14\" fill=\"#212b32\">{WebUtility.HtmlEncode(first.On.ToString("MMM yyyy", culture))}</text>");
        if (series.Count > 1)
        {
            svg.Append(ic, $"<text x=\"{Width - Right}\" y=\"{Height - Bottom + 20}\" text-anchor=\"end\" font-size=\"14\" fill=\"#212b32\">{WebUtility.HtmlEncode(last.On.ToString("MMM yyyy", culture))}</text>");
        }

        svg.Append(ic, $"<text x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 8}\" text-anchor=\"middle\" font-size=\"14\" fill=\"#212b32\">{WebUtility.HtmlEncode(dateAxis)}</text>");
        svg.Append(ic, $"<text x=\"14\" y=\"{Top + 4}\" font-size=\"14\" fill=\"#212b32\" transform=\"rotate(-90 14 {Top + 4})\" text-anchor=\"end\">{WebUtility.HtmlEncode(axis)}</text>");

        // The line and its points.
        var line = string.Join(" ", series.Select(s => string.Create(ic, $"{X(s.On):0.#},{Y(s.V):0.#}")));
        svg.Append(ic, $"<polyline points=\"{line}\" fill=\"none\" stroke=\"#005eb8\" stroke-width=\"3\"/>");
        foreach (var s in series)
        {
            svg.Append(ic, $"<circle cx=\"{X(s.On):0.#}\" cy=\"{Y(s.V):0.#}\" r=\"5\" fill=\"#005eb8\"/>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }
}
