using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Passport.Sdk.Pages;

namespace Passport.Web.Infrastructure;

/// <summary>Small formatting helpers for the pages.</summary>
public static class Display
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    private static readonly TimeZoneInfo London =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var london) ? london : TimeZoneInfo.Utc;

    /// <summary>A carer or the young person: the family, as the pages treat them.</summary>
    public static bool IsFamily(this ClaimsPrincipal user) => user.HasClaim("role", "carer") || user.HasClaim("role", "young-person");

    public static string Str(this JsonNode? node, string name) => node?[name]?.ToString() ?? "";

    /// <summary>
    /// A day as "3 September 2017"; an instant as the UK clock showed it (Europe/London, with summer
    /// time), e.g. "1 July 2026 at 1:30pm": a parent or a nurse reads a time as the clock on the wall.
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

        return DateOnly.TryParse(iso, CultureInfo.InvariantCulture, out var day) ? day.ToString("d MMMM yyyy", UkCulture) : iso;
    }

    /// <summary>An instant on the UK clock in the NHS style: "1 July 2026 at 1:30pm", "… at 9am", "… at midday".</summary>
    public static string Time(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, London);
        var clock = (local.Hour, local.Minute) switch
        {
            (12, 0) => "midday",
            (0, 0) => "midnight",
            (_, 0) => local.ToString("htt", CultureInfo.InvariantCulture).ToLowerInvariant(),
            _ => local.ToString("h:mmtt", CultureInfo.InvariantCulture).ToLowerInvariant(),
        };
        return $"{local.ToString("d MMMM yyyy", UkCulture)} at {clock}";
    }

    /// <summary>A sector's value in words: "out-of-hours" → "Out of hours". Every sector reads the same way, a plugin's too.</summary>
    public static string Sector(string? sector) =>
        string.IsNullOrEmpty(sector) ? "" : char.ToUpperInvariant(sector[0]) + sector[1..].Replace('-', ' ');

    /// <summary>Sectors in words within a sentence, the last joined with "or".</summary>
    public static string Sectors(IEnumerable<string> sectors)
    {
        var words = sectors.Select(s => Sector(s).ToLowerInvariant()).ToList();
        return words.Count <= 1 ? string.Concat(words) : $"{string.Join(", ", words[..^1])} or {words[^1]}";
    }

    /// <summary>Words that follow other words: "Medicine" → "medicine"; "SNOMED CT code" and "NHS number" keep their capitals.</summary>
    public static string InSentence(string text) =>
        text.Length > 1 && char.IsUpper(text[0]) && !char.IsUpper(text[1]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    /// <summary>A label without its "(optional)", as a message or a summary names the field.</summary>
    public static string ShortLabel(string label) => label.Replace("(optional)", "", StringComparison.Ordinal).Trim();

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
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "Yes" : "No",
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
            ? d.ToString("d MMMM yyyy", UkCulture)
            : text;

    public static string Provenance(JsonNode? p)
    {
        if (p is null)
        {
            return "";
        }

        var who = p.Str("displayName");
        var role = p.Str("role");
        var org = p.Str("organisation");
        var sector = Sector(p.Str("sector"));
        var detail = string.Join(", ", new[] { Enum(role) == role ? Label(role) : Enum(role), sector, org }.Where(s => !string.IsNullOrEmpty(s)));
        var source = p.Str("source");
        return $"{who}{(detail.Length > 0 ? $" ({detail})" : "")}, {Date(p.Str("recordedAt"))}{(string.IsNullOrEmpty(source) ? "" : $"; {source}")}";
    }
}
