using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed class PassportsIndexModel(PageGraphQL graphQL) : PageModel
{
    public IReadOnlyList<JsonNode?> Passports { get; private set; } = [];

    public bool IsFamily => User.IsFamily();

    public async Task OnGetAsync()
    {
        var result = await graphQL.RunAsync("query { myPassports { id child { givenName familyName dateOfBirth } } }");
        Passports = (result.Data?["myPassports"] as JsonArray)?.ToList() ?? [];
    }
}
