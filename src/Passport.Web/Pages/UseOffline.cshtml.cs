using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

/// <summary>
/// The family's choice to keep their passports readable offline on this device (ADR 19): off
/// unless they turn it on here. The choice and the copies live on the device, so the page's script
/// does the keeping; the server only lists the passports and says whose device it is.
/// Professionals never have the option.
/// </summary>
public sealed class UseOfflineModel(PageGraphQL graphQL, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The passport pages the family sees (path and child's name), the ones a copy may be kept of.</summary>
    public IReadOnlyList<(string Path, string Name)> Passports { get; private set; } = [];

    /// <summary>Who is signed in, as the worker knows them (<see cref="OfflineCopies.ViewerOf"/>).</summary>
    public string Viewer => OfflineCopies.ViewerOf(User);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!OfflineCopies.MayKeepCopies(User))
        {
            return NotFound();
        }

        var result = await graphQL.RunAsync("query { myPassports(first: 200) { id child { givenName familyName } } }");
        Passports = (result.Data?["myPassports"] as JsonArray ?? [])
            .Where(p => p is not null)
            .Select(p => ($"/passports/{p.Str("id")}", p!["child"] is { } child ? $"{child.Str("givenName")} {child.Str("familyName")}" : text["Passport.Untitled"].Value))
            .ToList();
        return Page();
    }
}
