using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;

namespace Passport.Web.Infrastructure;

/// <summary>Small formatting helpers for the pages.</summary>
public static class Display
{
    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>A carer or the young person: the family, as the pages treat them.</summary>
    public static bool IsFamily(this ClaimsPrincipal user) => user.HasClaim("role", "carer") || user.HasClaim("role", "young-person");

    public static string Str(this JsonNode? node, string name) => node?[name]?.ToString() ?? "";

    public static string Date(string? iso)
    {
        if (string.IsNullOrEmpty(iso))
        {
            return "";
        }

        if (DateTimeOffset.TryParse(iso, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) && iso.Length > 10)
        {
            return at.ToUniversalTime().ToString("d MMMM yyyy, HH:mm", UkCulture);
        }

        return DateOnly.TryParse(iso, CultureInfo.InvariantCulture, out var day) ? day.ToString("d MMMM yyyy", UkCulture) : iso;
    }

    public static string Sector(string? sector) => sector switch
    {
        "health" => "Health",
        "social-care" => "Social care",
        "education" => "Education",
        "leisure" => "Leisure",
        null or "" => "",
        _ => sector,
    };

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

    /// <summary>Words an enum value keeps in capitals: SEN_SUPPORT → SEN support, EHCP → EHCP.</summary>
    private static readonly HashSet<string> Acronyms = new(StringComparer.Ordinal) { "SEN", "EHCP", "NHS", "GP", "SENCO" };

    /// <summary>SEVERE → Severe, CHILD_IN_NEED → Child in need; other text unchanged.</summary>
    public static string Enum(string text)
    {
        if (text.Length <= 1 || !text.All(c => char.IsUpper(c) || c == '_' || char.IsDigit(c)))
        {
            return Date2(text);
        }

        var words = text.Split('_', StringSplitOptions.RemoveEmptyEntries)
            .Select((w, i) => Acronyms.Contains(w) ? w : i == 0 ? w[..1] + w[1..].ToLowerInvariant() : w.ToLowerInvariant());
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
        return $"{who}{(detail.Length > 0 ? $" ({detail})" : "")}, {Date(p.Str("recordedAt"))}";
    }
}
