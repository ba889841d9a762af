using System.Text.Json.Nodes;
using Microsoft.Extensions.Localization;

namespace Passport.Web.Infrastructure;

/// <summary>
/// Words the pages build from data, in the page's language: sectors (in the modules' words), roles,
/// and who recorded something. The pages' own sentences are in the resources (<see cref="SharedResource"/>).
/// </summary>
public sealed class PageWords(IStringLocalizer<SharedResource> text, SectionPages pages)
{
    /// <summary>A sector in words, in the modules' words: <c>youth-justice</c> → "Youth justice".</summary>
    public string Sector(string? sector) => pages.SectorName(sector);

    /// <summary>A sector within a sentence: "youth justice".</summary>
    public string SectorInSentence(string? sector) => Display.InSentence(Sector(sector));

    /// <summary>Sectors within a sentence, the last joined with "or".</summary>
    public string Sectors(IEnumerable<string> sectors) => Display.OrList(sectors.Select(SectorInSentence).ToList());

    /// <summary>A role claim's value in words: <c>carer</c> → "Parent or carer".</summary>
    public string Role(string role)
    {
        var words = text["Role." + role];
        return words.ResourceNotFound ? Display.Label(role) : words.Value;
    }

    /// <summary>Who recorded something, with their role, sector and organisation, and when: "Alex Morgan (Parent or carer), 3 March 2026 at 9am".</summary>
    public string Provenance(JsonNode? p)
    {
        if (p is null)
        {
            return "";
        }

        var who = p.Str("displayName");
        var role = p.Str("role");
        var org = p.Str("organisation");
        var detail = string.Join(", ", new[] { role.Length == 0 ? "" : Role(role), Sector(p.Str("sector")), org }.Where(s => !string.IsNullOrEmpty(s)));
        var source = p.Str("source");
        return $"{who}{(detail.Length > 0 ? $" ({detail})" : "")}, {Display.Date(p.Str("recordedAt"))}{(string.IsNullOrEmpty(source) ? "" : $"; {source}")}";
    }
}
