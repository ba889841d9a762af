using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed class NotificationsModel(PageGraphQL graphQL) : PageModel
{
    public string Id { get; private set; } = "";

    public IReadOnlyList<JsonNode> Items { get; private set; } = [];

    public async Task OnGetAsync(string id)
    {
        Id = id;
        var result = await graphQL.RunAsync("query($id: ID!) { notifications(passportId: $id) { id at kind message } }", new { id });
        Items = (result.Data?["notifications"] as JsonArray)?.Where(n => n is not null).Select(n => n!).ToList() ?? [];
    }
}
