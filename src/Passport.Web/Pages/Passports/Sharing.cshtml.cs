using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>The family's sharing settings, sector by group, each group named as its module describes it.</summary>
public sealed class SharingModel(PageGraphQL graphQL, SectionPages pages) : FormPage
{
    public string Id { get; private set; } = "";

    public IReadOnlyList<JsonNode> Settings { get; private set; } = [];

    public bool Forbidden { get; private set; }

    /// <summary>A group as its module (or the core) describes it to families.</summary>
    public string GroupName(string group) => pages.GroupName(group);

    public async Task OnGetAsync(string id)
    {
        Id = id;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(string id, string sector, string group, bool shared)
    {
        Id = id;
        var result = await graphQL.RunAsync(
            "mutation($id: ID!, $sector: String!, $group: String!, $shared: Boolean!) { setSharing(passportId: $id, sector: $sector, group: $group, shared: $shared) { id } }",
            new { id, sector, group, shared });
        if (!result.Ok)
        {
            AddApiErrors(result, "maincontent");
            await LoadAsync();
            return Page();
        }

        return LocalRedirect($"/passports/{id}/sharing");
    }

    private async Task LoadAsync()
    {
        var result = await graphQL.RunAsync("query($id: ID!) { passport(id: $id) { sharing { sector group level shared familyMayChange } } }", new { id = Id });
        Forbidden = result.Errors.Any(e => e.Code == "FORBIDDEN");
        Settings = (result.Data?["passport"]?["sharing"] as JsonArray)?.Where(s => s is not null).Select(s => s!).ToList() ?? [];
    }
}
