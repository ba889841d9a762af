using System.Text.Json.Nodes;
using GraphQL.Types;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public partial class ViewPassportModel(PageGraphQL graphQL, ISchema schema) : PageModel
{
    public GraphQLPageResult Result { get; private set; } = new(null, []);

    public JsonNode? Passport => Result.Data?["passport"];

    public IReadOnlyList<Section> Sections { get; private set; } = [];

    public bool IsFamily => User.HasClaim("role", "carer") || User.HasClaim("role", "young-person");

    public bool IsProfessional => User.HasClaim("role", "professional");

    public string Id { get; private set; } = "";

    /// <summary>True on the print view: no actions or links to other pages.</summary>
    public bool PrintView { get; protected set; }

    /// <summary>Until when emergency access lasts, when the page was reached from emergency access.</summary>
    public string? EmergencyUntil { get; private set; }

    public string? Sector => User.FindFirst("sector")?.Value;

    /// <summary>
    /// The "Add" link a professional sees under a group their own sector records (and only theirs):
    /// the family reports through their own links.
    /// </summary>
    public (string Href, string Text)? AddLinkFor(Section section, Block block)
    {
        if (!IsProfessional || Withheld(block.Path))
        {
            return null;
        }

        var owner = section.Root switch
        {
            "health" => "health",
            "education" => "education",
            "leisure" => "leisure",
            "socialCare" => "social-care",
            _ => null,
        };
        if (owner is null || owner != Sector)
        {
            return null;
        }

        return block.Path[^1] switch
        {
            "allergies" => ($"/passports/{Id}/allergies/new", "Add an allergy"),
            "growth" => ($"/passports/{Id}/record/growth", "Add a growth measurement"),
            "legalStatus" => ($"/passports/{Id}/record/legal-status", "Add or change the legal status"),
            "setting" => ($"/passports/{Id}/record/education-setting", "Add or change the school or nursery"),
            "activities" => ($"/passports/{Id}/record/activity", "Add an activity"),
            _ => null,
        };
    }

    public async Task<IActionResult> OnGetAsync(string id, string? emergencyUntil = null)
    {
        Id = id;
        EmergencyUntil = string.IsNullOrWhiteSpace(emergencyUntil) ? null : emergencyUntil;
        Sections = PassportQuery.Available(schema);
        Result = await graphQL.RunAsync(PassportQuery.Build(Sections), new { id });
        if (Passport is null)
        {
            return NotFound();
        }

        return Page();
    }

    public string WithheldText => IsProfessional ? "Not shared with your sector" : "Not shared with you";

    public bool Withheld(params string[] path) => Result.Withheld(["passport", .. path]);

    public PageError? ErrorAt(params string[] path) => Result.Errors.FirstOrDefault(e => e.IsAtOrBelow(["passport", .. path]) || (e.Path.Count is > 1 && e.Path.Count <= path.Length + 1 && new[] { "passport" }.Concat(path).Take(e.Path.Count).SequenceEqual(e.Path, StringComparer.Ordinal)));

    public JsonNode? At(params string[] path)
    {
        var node = Passport;
        foreach (var p in path)
        {
            node = node?[p];
        }

        return node;
    }

    public static readonly HashSet<string> MetaFields = new(StringComparer.Ordinal) { "id", "recordedBy", "verifiedBy", "verified", "recordedAt" };
}
