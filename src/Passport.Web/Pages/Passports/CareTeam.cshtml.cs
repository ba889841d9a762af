using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed class CareTeamModel(PageGraphQL graphQL) : FormPage
{
    public string Id { get; private set; } = "";

    public IReadOnlyList<JsonNode> Members { get; private set; } = [];

    public bool IsFamily => User.IsFamily();

    /// <summary>The member the family asked to remove, shown for confirmation before anything changes.</summary>
    public JsonNode? Confirming { get; private set; }

    public async Task OnGetAsync(string id, string? remove)
    {
        Id = id;
        await LoadAsync();
        Confirming = remove is null ? null : Members.FirstOrDefault(m => m.Str("subject") == remove);
    }

    public async Task<IActionResult> OnPostAsync(string id, string subject)
    {
        Id = id;
        var result = await graphQL.RunAsync("mutation($id: ID!, $s: String!) { removeCareTeamMember(passportId: $id, subject: $s) { id } }", new { id, s = subject });
        if (!result.Ok)
        {
            AddApiErrors(result, "maincontent");
            await LoadAsync();
            return Page();
        }

        return LocalRedirect($"/passports/{id}/care-team");
    }

    private async Task LoadAsync()
    {
        var result = await graphQL.RunAsync("query($id: ID!) { passport(id: $id) { careTeam { subject displayName sector organisation since } } }", new { id = Id });
        Members = (result.Data?["passport"]?["careTeam"] as JsonArray)?.Where(s => s is not null).Select(s => s!).ToList() ?? [];
    }
}
