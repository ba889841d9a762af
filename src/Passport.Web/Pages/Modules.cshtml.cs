using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

/// <summary>A local-authority admin switches the extra modules on or off for their authority (required ones are always on).</summary>
public sealed class ModulesModel(PageGraphQL graphQL) : FormPage
{
    private const string Query = "query($la: String) { modules(localAuthority: $la) { name sector required enabled status } }";

    public string LocalAuthority => User.FindFirst("local_authority")?.Value ?? "";

    public string AuthorityName => User.FindFirst("organisation")?.Value is { Length: > 0 } org ? org : LocalAuthority;

    public JsonArray Modules { get; private set; } = [];

    public string? Changed { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? changed = null)
    {
        if (!User.HasClaim("role", "la-admin") || LocalAuthority.Length == 0)
        {
            return StatusCode(Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden);
        }

        Changed = changed;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? module, string? enabled)
    {
        if (!User.HasClaim("role", "la-admin") || LocalAuthority.Length == 0)
        {
            return StatusCode(Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden);
        }

        if (string.IsNullOrWhiteSpace(module) || enabled is not ("true" or "false"))
        {
            return BadRequest();
        }

        var result = await graphQL.RunAsync(
            "mutation($la: String!, $m: String!, $on: Boolean!) { setModuleEnabled(localAuthority: $la, module: $m, enabled: $on) { name enabled } }",
            new { la = LocalAuthority, m = module, on = enabled == "true" });
        if (!result.Ok)
        {
            AddApiErrors(result, "modules");
            await LoadAsync();
            return Page();
        }

        return LocalRedirect($"/modules?changed={Uri.EscapeDataString(module)}");
    }

    private async Task LoadAsync()
    {
        var result = await graphQL.RunAsync(Query, new { la = LocalAuthority });
        Modules = result.Data?["modules"] as JsonArray ?? [];
        if (!result.Ok)
        {
            AddApiErrors(result, "modules");
        }
    }
}
