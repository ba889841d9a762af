using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Passport.Core.Access;
using Passport.Core.Passports;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>
/// The passport page: first what anyone must know (as on a hospital passport's first page), then
/// the child's details and About me, then each section as its module describes it.
/// </summary>
public partial class ViewPassportModel(PageGraphQL graphQL, SectionPages pages, SharingPolicy policy) : PageModel
{
    public GraphQLPageResult Result { get; private set; } = new(null, []);

    public JsonNode? Passport => Result.Data?["passport"];

    /// <summary>
    /// The sections shown: every loaded module's that is switched on for this child, the viewer's own
    /// sector's first, and those whose plugin failed to load.
    /// </summary>
    public IReadOnlyList<PageSection> Sections { get; private set; } = [];

    public bool IsFamily => User.IsFamily();

    /// <summary>The family's emergency contacts block, in the page's language.</summary>
    public PageBlock EmergencyContacts => pages.EmergencyContacts;

    public bool IsProfessional => User.HasClaim("role", "professional");

    public string Id { get; private set; } = "";

    /// <summary>True on the print view: no actions or links to other pages.</summary>
    public bool PrintView { get; protected set; }

    /// <summary>Until when emergency access lasts, when the page was reached from emergency access.</summary>
    public string? EmergencyUntil { get; private set; }

    /// <summary>True where the page only shows: the print view and the emergency view (access model §5).</summary>
    public bool ReadOnly => PrintView || EmergencyUntil is not null;

    public string? Sector => User.FindFirst("sector")?.Value;

    /// <summary>The blocks of the first screen, in the modules' order: what anyone must know first.</summary>
    public IEnumerable<PageBlock> LeadBlocks => Sections.Where(s => !IsUnavailable(s)).SelectMany(s => s.Blocks).Where(b => b.Item.LeadsPage);

    /// <summary>
    /// The link to a block's form: its title for a professional of a sector that records the
    /// block's group, its family title for the family where the group lets them report (shown as
    /// reported by the family). A single record that exists is changed from its card instead.
    /// </summary>
    public (string Href, string Text)? AddLinkFor(PageBlock block)
    {
        if (ReadOnly || Withheld(block.Path) || block.Item.Form is not { } form || (!block.Item.IsList && At(block.Path) is JsonObject))
        {
            return null;
        }

        var text = MayRecordAsProfessional(block) ? form.Title
            : FamilyReports(block) ? form.FamilyTitle
            : null;
        return text is null ? null : ($"/passports/{Id}/record/{form.Slug}", text);
    }

    /// <summary>A professional of a sector the block's group declares as recording it.</summary>
    private bool MayRecordAsProfessional(PageBlock block) =>
        IsProfessional && Sector is { } sector && pages.RecordingSectors(block.Item.Group).Contains(sector);

    /// <summary>The family, where the group lets them report and the module offers them a form.</summary>
    private bool FamilyReports(PageBlock block) =>
        IsFamily && block.Item.Form?.FamilyTitle is not null && pages.FamilyWrites(block.Item.Group);

    public virtual async Task<IActionResult> OnGetAsync(string id, string? emergencyUntil = null)
    {
        Id = id;
        EmergencyUntil = string.IsNullOrWhiteSpace(emergencyUntil) ? null : emergencyUntil;
        Result = await graphQL.RunAsync(PassportQuery.Build(pages.Sections, withheldItems: IsProfessional || IsYoungPerson), new { id });
        if (Passport is null)
        {
            // A closed passport says so (SPEC §4: closed at the 25th birthday), rather than "not found".
            Closed = Result.Errors.FirstOrDefault(e => e.Code == "PASSPORT_CLOSED")?.Message;
            return Closed is null ? NotFound() : Page();
        }

        // A module switched off for this child's local authority is no part of their passport.
        Sections = pages.Sections
            .Where(s => !Result.Errors.Any(e => e.Code == "MODULE_NOT_ENABLED" && e.IsAtOrBelow("passport", s.Field)))
            .OrderBy(s => IsProfessional && s.Sector == Sector ? 0 : 1)
            .ToList();
        return Page();
    }

    /// <summary>
    /// Who is offered "Change the child's details": the family, and professionals of the sectors that
    /// record identity.basic (its declaration; access model §3a); never the print or emergency view.
    /// The API decides.
    /// </summary>
    public bool MayChangeChildDetails => !ReadOnly && (IsFamily || (IsProfessional && Sector is { } sector && pages.RecordingSectors(CoreFieldGroups.IdentityBasic).Contains(sector)));

    /// <summary>A professional of a sector the policy always shows the carers list to is offered the carers page (the family has it in their links).</summary>
    public bool MaySeeCarers => !ReadOnly && IsProfessional && Sector is { } sector && policy.LevelFor(sector, CoreFieldGroups.Carers) == SharingLevel.Always;

    /// <summary>Why the passport cannot be shown when it has closed (the API's words), else null.</summary>
    public string? Closed { get; private set; }

    public string WithheldText => IsProfessional ? Words["Passport.NotSharedWithSector"] : Words["Passport.NotSharedWithYou"];

    /// <summary>The web app's words, for the sentences the page model writes.</summary>
    public IStringLocalizer Words => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    /// <summary>Words the page builds from data (sectors, roles, who recorded something), in its language.</summary>
    public PageWords PageWords => HttpContext.RequestServices.GetRequiredService<PageWords>();

    /// <summary>True when the page is in English (the API's own words need no marking).</summary>
    public bool IsEnglish => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    public bool Withheld(params string[] path) => Result.Withheld(["passport", .. path]);

    /// <summary>A section whose plugin failed to load: it says so, never that nothing is recorded.</summary>
    public bool IsUnavailable(PageSection section) =>
        section.IsUnavailable || Result.Errors.Any(e => e.Code == "MODULE_UNAVAILABLE" && e.IsAtOrBelow("passport", section.Field));

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

    /// <summary>True when a block has nothing to show: no item, and nothing withheld or unavailable to say.</summary>
    public bool IsEmpty(PageBlock block) =>
        !Withheld(block.Path) && ErrorAt(block.Path) is null && At(block.Path) is null or JsonArray { Count: 0 };
}
