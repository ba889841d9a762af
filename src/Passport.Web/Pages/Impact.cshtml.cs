using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Passport.Core.Impact;
using Passport.Core.Passports;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

/// <summary>
/// The impact dashboard: the region's measures by month as charts and tables, and as a CSV file,
/// for a commissioner (the region, or one authority) and a local-authority administrator (their
/// own authority). Read through the API's <c>impact</c> query as the signed-in person, so the same
/// roles and the same disclosure control apply; suppressed figures say "fewer than 5".
/// </summary>
public sealed class ImpactModel(PageGraphQL graphQL) : FormPage
{
    private const string Query = """
        query($la: String, $from: String, $to: String) { impact(localAuthority: $la, from: $from, to: $to) {
          localAuthority from to latest
          figures { measure month localAuthority sector value }
          satisfaction { journey month answers averageScore comments } } }
        """;

    /// <summary>How many months the month lists offer, back from this one.</summary>
    private const int MonthsOffered = 36;

    public bool IsCommissioner => User.HasClaim("role", "commissioner");

    /// <summary>The authority shown: the one chosen (commissioner) or the administrator's own; null for the region.</summary>
    public string? Authority { get; private set; }

    public string From { get; private set; } = "";

    public string To { get; private set; } = "";

    public IReadOnlyList<DateOnly> Months { get; private set; } = [];

    /// <summary>The latest month published (the last complete one, unless the region publishes this month too).</summary>
    public DateOnly Latest { get; private set; }

    /// <summary>The months offered in the filter, newest first.</summary>
    public IReadOnlyList<DateOnly> MonthChoices => Latest == default ? [] : Enumerable.Range(0, MonthsOffered).Select(i => Latest.AddMonths(-i)).ToList();

    public JsonArray Figures { get; private set; } = [];

    public JsonArray Satisfaction { get; private set; } = [];

    public static IReadOnlyDictionary<string, string> Authorities => LocalAuthorities.All;

    public string AuthorityName => Authority is null ? "" : Authorities.GetValueOrDefault(Authority, Authority);

    public async Task<IActionResult> OnGetAsync(string? authority, string? from, string? to)
    {
        if (await LoadAsync(authority, from, to) is { } refused)
        {
            return refused;
        }

        return Page();
    }

    /// <summary>The same figures as a CSV file: one row per figure, suppressed ones with an empty value.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? authority, string? from, string? to)
    {
        if (await LoadAsync(authority, from, to) is { } refused)
        {
            return refused;
        }

        var csv = new StringBuilder("measure,month,local_authority,sector,value,suppressed\r\n");
        foreach (var f in Figures.OfType<JsonNode>())
        {
            var value = f["value"]?.GetValue<int>();
            csv.Append(CultureInfo.InvariantCulture, $"{f.Str("measure")},{f.Str("month")},{f.Str("localAuthority")},{f.Str("sector")},{value?.ToString(CultureInfo.InvariantCulture)},{(value is null ? "true" : "false")}\r\n");
        }

        var name = $"impact-{Authority ?? "region"}-{From}-to-{To}.csv";
        return File(Encoding.UTF8.GetBytes(csv.ToString()), "text/csv; charset=utf-8", name);
    }

    /// <summary>The query string that asks for the same figures (for the CSV link).</summary>
    public string Filter => $"authority={Uri.EscapeDataString(Authority ?? "")}&from={From}&to={To}";

    /// <summary>A figure for the shown authority (or the region), or null when suppressed or absent.</summary>
    public int? Value(string measure, DateOnly month, string? sector = null, string? authority = null) =>
        Figure(measure, month, sector, authority ?? Authority)?["value"]?.GetValue<int>();

    /// <summary>Whether the figure is in the report (a suppressed figure is, with no value).</summary>
    public bool Has(string measure, DateOnly month, string? sector = null, string? authority = null) =>
        Figure(measure, month, sector, authority ?? Authority) is not null;

    /// <summary>The sectors a measure is counted for, as the report has them.</summary>
    public IReadOnlyList<string> SectorsOf(string measure) =>
        Figures.OfType<JsonNode>().Where(f => f.Str("measure") == measure && f.Str("sector").Length > 0)
            .Select(f => f.Str("sector")).Distinct(StringComparer.Ordinal).ToList();

    public static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static string MonthLabel(DateOnly month) => month.ToString("MMM yyyy", CultureInfo.CurrentCulture);

    /// <summary>A month as the API writes it (2026-03).</summary>
    public static DateOnly ParseMonth(string month) => Parse(month) ?? throw new FormatException("Not a month: " + month);

    public static string MonthName(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.CurrentCulture);

    private Dictionary<(string Measure, string Month, string Sector, string Authority), JsonNode> _byCell = [];

    private JsonNode? Figure(string measure, DateOnly month, string? sector, string? authority) =>
        _byCell.GetValueOrDefault((measure, MonthText(month), sector ?? "", authority ?? ""));

    private async Task<IActionResult?> LoadAsync(string? authority, string? from, string? to)
    {
        var admin = User.HasClaim("role", "la-admin") ? User.FindFirst("local_authority")?.Value : null;
        if (!IsCommissioner && string.IsNullOrEmpty(admin))
        {
            return StatusCode(Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden);
        }

        Authority = IsCommissioner ? (string.IsNullOrEmpty(authority) || !Authorities.ContainsKey(authority) ? null : authority) : admin;
        DateOnly? first = Parse(from), last = Parse(to);
        if (first > last)
        {
            (first, last) = (last, first);
        }

        var result = await graphQL.RunAsync(Query, new { la = Authority, from = first is { } f ? MonthText(f) : null, to = last is { } l ? MonthText(l) : null });
        if (result.Data?["impact"] is not { } impact)
        {
            AddApiErrors(result, "from");
            return null;
        }

        From = impact.Str("from");
        To = impact.Str("to");
        Latest = ParseMonth(impact.Str("latest"));
        var start = ParseMonth(From);
        var end = ParseMonth(To);
        Months = Enumerable.Range(0, ((end.Year - start.Year) * 12) + end.Month - start.Month + 1).Select(start.AddMonths).ToList();
        Figures = impact["figures"] as JsonArray ?? [];
        _byCell = Figures.OfType<JsonNode>().ToDictionary(f => (f.Str("measure"), f.Str("month"), f.Str("sector"), f.Str("localAuthority")));
        Satisfaction = impact["satisfaction"] as JsonArray ?? [];
        return null;
    }

    private static DateOnly? Parse(string? month) =>
        DateOnly.TryParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    /// <summary>The measures in the order the dashboard shows them.</summary>
    public static IReadOnlyList<string> Measures => ImpactMeasures.All;

    public static bool IsPerSector(string measure) => ImpactMeasures.PerSector.Contains(measure);
}
