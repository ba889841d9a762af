using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>
/// What changed on the passport, newest first, as far as the viewer may see it: the API's
/// <c>history</c> applies the same access decision as the passport (and is audited as a read).
/// </summary>
public sealed class HistoryModel(PageGraphQL graphQL, SectionPages pages) : PageModel
{
    /// <summary>A group as its module (or the core) describes it to families.</summary>
    public string GroupName(string group) => pages.GroupName(group);

    public string Id { get; private set; } = "";

    public IReadOnlyList<JsonNode> Entries { get; private set; } = [];

    /// <summary>Why nothing can be shown (the API's words), or null.</summary>
    public string? Refused { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id)
    {
        Id = id;
        var result = await graphQL.RunAsync(
            "query($id: ID!) { history(passportId: $id, first: 100) { at change group recordedBy { displayName role sector organisation } } }", new { id });
        if (result.Errors.Any(e => e.Code == "NOT_FOUND"))
        {
            return NotFound();
        }

        Refused = result.Errors.FirstOrDefault()?.Message;
        Entries = (result.Data?["history"] as JsonArray)?.Where(e => e is not null).Select(e => e!).ToList() ?? [];
        return Page();
    }
}
