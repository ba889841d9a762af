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

    public bool IsFamily => User.IsFamily();

    public bool IsProfessional => User.HasClaim("role", "professional");

    public string Id { get; private set; } = "";

    /// <summary>True on the print view: no actions or links to other pages.</summary>
    public bool PrintView { get; protected set; }

    /// <summary>Until when emergency access lasts, when the page was reached from emergency access.</summary>
    public string? EmergencyUntil { get; private set; }

    public string? Sector => User.FindFirst("sector")?.Value;

    /// <summary>
    /// Each block's form: the "Add" text a professional of the owning sector sees, and the "Report"
    /// text the family sees (null when only the sector records it).
    /// </summary>
    private static readonly Dictionary<string, (string Form, string Add, string? Report)> BlockForms = new(StringComparer.Ordinal)
    {
        ["allergies"] = ("allergies/new", "Add an allergy", "Report an allergy"),
        ["alerts"] = ("record/alert", "Add an alert", "Report an alert"),
        ["emergencyCarePlans"] = ("record/emergency-care-plan", "Add an emergency care plan", "Report an emergency care plan"),
        ["equipment"] = ("record/equipment", "Add equipment", "Report equipment"),
        ["conditions"] = ("record/condition", "Add a condition", "Report a condition"),
        ["medications"] = ("record/medication", "Add a medicine", "Report a medicine"),
        ["clinicians"] = ("record/clinician", "Add a clinician or service", "Report a clinician or service"),
        ["growth"] = ("record/growth", "Add a growth measurement", "Report a growth measurement"),
        ["immunisations"] = ("record/immunisation", "Add an immunisation", "Report an immunisation"),
        ["setting"] = ("record/education-setting", "Add or change the school or nursery", null),
        ["sen"] = ("record/sen-support", "Add or change SEN support", null),
        ["activities"] = ("record/activity", "Add an activity", "Report an activity"),
        ["legalStatus"] = ("record/legal-status", "Add or change the legal status", null),
        ["involvement"] = ("record/involvement", "Add or change social care involvement", null),
        ["safeguarding"] = ("record/safeguarding-note", "Add a safeguarding note", null),
    };

    /// <summary>
    /// The link under a block to its form: "Add" for a professional of the sector that owns it (and
    /// only theirs), "Report" for the family where they may report it (shown as reported by the family).
    /// </summary>
    public (string Href, string Text)? AddLinkFor(Section section, Block block)
    {
        if (Withheld(block.Path) || !BlockForms.TryGetValue(block.Path[^1], out var form))
        {
            return null;
        }

        var owner = section.Root is null ? null : OwningSector(section.Root);
        var text = IsProfessional && owner is not null && owner == Sector ? form.Add
            : IsFamily ? form.Report
            : null;
        return text is null ? null : ($"/passports/{Id}/{form.Form}", text);
    }

    /// <summary>True when the family may report items of this block (and so also remove them).</summary>
    public static bool FamilyMayReport(string kind) => BlockForms.TryGetValue(kind, out var form) && form.Report is not null;

    public async Task<IActionResult> OnGetAsync(string id, string? emergencyUntil = null)
    {
        Id = id;
        EmergencyUntil = string.IsNullOrWhiteSpace(emergencyUntil) ? null : emergencyUntil;
        Sections = PassportQuery.Available(schema);
        Result = await graphQL.RunAsync(PassportQuery.Build(Sections, withheldItems: IsProfessional || IsYoungPerson), new { id });
        if (Passport is null)
        {
            // A closed passport says so (SPEC §4: closed at the 25th birthday), rather than "not found".
            Closed = Result.Errors.FirstOrDefault(e => e.Code == "PASSPORT_CLOSED")?.Message;
            return Closed is null ? NotFound() : Page();
        }

        return Page();
    }

    /// <summary>
    /// Who is offered "Change the child's details": the family, and health or social care on the care
    /// team (access model §3a: identity.basic); never the print or emergency view. The API decides.
    /// </summary>
    public bool MayChangeChildDetails => !PrintView && EmergencyUntil is null && (IsFamily || (IsProfessional && Sector is "health" or "social-care"));

    /// <summary>Why the passport cannot be shown when it has closed (the API's words), else null.</summary>
    public string? Closed { get; private set; }

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
