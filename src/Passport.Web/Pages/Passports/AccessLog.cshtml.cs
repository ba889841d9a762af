using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed class AccessLogModel(PageGraphQL graphQL, SectionPages pages) : PageModel
{
    /// <summary>A group as its module (or the core) describes it to families.</summary>
    public string GroupName(string group) => pages.GroupName(group);

    public string Id { get; private set; } = "";

    public IReadOnlyList<JsonNode> Entries { get; private set; } = [];

    public bool Forbidden { get; private set; }

    public async Task OnGetAsync(string id)
    {
        Id = id;
        var result = await graphQL.RunAsync(
            "query($id: ID!) { accessLog(passportId: $id, first: 100) { at displayName sector organisation basis groups } }", new { id });
        Forbidden = result.Errors.Any(e => e.Code is "FORBIDDEN" or "NOT_FOUND");
        Entries = (result.Data?["accessLog"] as JsonArray)?.Where(e => e is not null).Select(e => e!).ToList() ?? [];
    }
}
