using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Passport.Sdk.Pages;

namespace Passport.Web.Infrastructure;

/// <summary>
/// Small formatting helpers for the pages, in the request's culture (<see cref="CultureInfo.CurrentCulture"/>,
/// chosen by <see cref="Languages"/>): dates with the culture's month names, numbers with its decimal
/// separator, times on the UK clock.
/// </summary>
public static class Display
{
    /// <summary>The web app's words for the few that formatting needs ("at", "Yes"); the same resources the pages read.</summary>
    internal static readonly IStringLocalizer Words = new ResourceManagerStringLocalizerFactory(
        Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance).Create(typeof(SharedResource));

    private static CultureInfo Culture => CultureInfo.CurrentCulture;

    private static bool IsEnglish => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    private static readonly TimeZoneInfo London =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var london) ? london : TimeZoneInfo.Utc;

    /// <summary>A carer or the young person: the family, as the pages treat them.</summary>
    public static bool IsFamily(this ClaimsPrincipal user) => user.HasClaim("role", "carer") || user.HasClaim("role", "young-person");

    public static string Str(this JsonNode? node, string name) => node?[name]?.ToString() ?? "";

    /// <summary>
    /// A day as "3 September 2017" ("3 września 2017"); an instant as the UK clock showed it
    /// (Europe/London, with summer time), e.g. "1 July 2026 at 1:30pm" ("1 lipca 2026, godz. 13:30"):
    /// a parent or a nurse reads a time as the clock on the wall.
    /// </summary>
    public static string Date(string? iso)
    {
        if (string.IsNullOrEmpty(iso))
        {
            return "";
        }

        if (iso.Length > 10 && DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
        {
            return Time(at);
        }

        return DateOnly.TryParse(iso, CultureInfo.InvariantCulture, out var day) ? Day(day) : iso;
    }

    /// <summary>A day in full, in the culture's words: "3 September 2017", "3 września 2017", "3 septembrie 2017".</summary>
    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", Culture);

    /// <summary>A day in short, for tables: "3 Sept 2017", "3 wrz 2017".</summary>
    public static string ShortDay(DateOnly day) => day.ToString("d MMM yyyy", Culture);

    /// <summary>A number as the culture writes it: 121.5 in English, 121,5 in Polish and Romanian.</summary>
    public static string Number(double value) => value.ToString("0.###", Culture);

    /// <summary>
    /// A number a person typed, in their culture's way (121,5 in Polish) or with a point (121.5,
    /// which everyone understands); null when it is not a number. Thousands separators are refused:
    /// "1,215" is never read as 1215.
    /// </summary>
    public static double? ParseNumber(string text)
    {
        var trimmed = text.Trim();
        return double.TryParse(trimmed, NumberStyles.Float, Culture, out var n) && double.IsFinite(n) ? n
            : double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out n) && double.IsFinite(n) ? n
            : null;
    }

    /// <summary>
    /// An instant on the UK clock: in English in the NHS style ("1 July 2026 at 1:30pm", "… at 9am",
    /// "… at midday"); in other languages with the culture's 24-hour clock ("1 lipca 2026, godz. 13:30").
    /// </summary>
    public static string Time(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, London);
        var clock = !IsEnglish ? local.ToString("t", Culture) : (local.Hour, local.Minute) switch
        {
            (12, 0) => "midday",
            (0, 0) => "midnight",
            (_, 0) => local.ToString("htt", CultureInfo.InvariantCulture).ToLowerInvariant(),
            _ => local.ToString("h:mmtt", CultureInfo.InvariantCulture).ToLowerInvariant(),
        };
        return Words["Time.DayAtClock", Day(DateOnly.FromDateTime(local.DateTime)), clock];
    }

    /// <summary>Words in a list within a sentence, the last joined with "or" in the page's language.</summary>
    public static string OrList(IReadOnlyList<string> words) =>
        words.Count <= 1 ? string.Concat(words) : Words["List.Or", string.Join(", ", words.Take(words.Count - 1)), words[^1]];

    /// <summary>Yes or no in the page's language.</summary>
    public static string YesNo(bool yes) => Words[yes ? "Yes" : "No"];

    /// <summary>Words that follow other words: "Medicine" → "medicine"; "SNOMED CT code" and "NHS number" keep their capitals.</summary>
    public static string InSentence(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    /// <summary>A label without its "(optional)" ("(opcjonalnie)"…), as a message or a summary names the field.</summary>
    public static string ShortLabel(string label) =>
        label.Replace("(optional)", "", StringComparison.Ordinal).Replace(Words["Form.Optional"], "", StringComparison.Ordinal).Trim();

    /// <summary>Ten digits as the NHS shows them: 943 476 5919.</summary>
    public static string NhsNumber(string? digits) =>
        digits is { Length: 10 } ? $"{digits[..3]} {digits[3..6]} {digits[6..]}" : digits ?? "";

    /// <summary>"howIShowPain" → "How I show pain".</summary>
    public static string Label(string name)
    {
        var words = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !(char.IsUpper(name[i - 1]) && (i + 1 >= name.Length || char.IsUpper(name[i + 1]))))
            {
                words.Append(' ');
            }

            words.Append(i == 0 ? char.ToUpperInvariant(c) : (i + 1 < name.Length && char.IsUpper(name[i + 1]) && char.IsUpper(c) ? c : char.ToLowerInvariant(c)));
        }

        return words.ToString().Replace(" i ", " I ", StringComparison.Ordinal);
    }

    public static string Value(JsonNode? node) => node switch
    {
        null => "",
        JsonArray array => string.Join(", ", array.Select(a => a?.ToString())),
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => YesNo(v.GetValue<bool>()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var n) => Number(n),
        _ => Enum(node.ToString()),
    };

    /// <summary>A value of an item's field as its module describes it: a choice in its words, a date in full, a list with commas.</summary>
    public static string Value(PageField field, JsonNode? node) => field.Kind switch
    {
        FieldKind.Choice => field.Options.FirstOrDefault(o => o.Value == node?.ToString())?.Label ?? Value(node),
        _ => Value(node),
    };

    /// <summary>SEVERE → Severe, YOUNG_PERSON → Young person; other text unchanged. A module's choices come in its own words (<see cref="Value(PageField, JsonNode?)"/>).</summary>
    public static string Enum(string text)
    {
        if (text.Length <= 1 || !text.All(c => char.IsUpper(c) || c == '_' || char.IsDigit(c)))
        {
            return Date2(text);
        }

        var words = text.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select((w, i) => i == 0 ? w[..1] + w[1..].ToLowerInvariant() : w.ToLowerInvariant());
        return string.Join(' ', words);
    }

    private static string Date2(string text) =>
        text.Length == 10 && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? Day(d)
            : text;
}
