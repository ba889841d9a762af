using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Passport.Web.Pages;

/// <summary>Families go to their children's passports; professionals to the share-code page; local-authority admins to the modules; commissioners to the impact measures.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() =>
        User.HasClaim("role", "professional") ? LocalRedirect("/share-code")
        : User.HasClaim("role", "la-admin") ? LocalRedirect("/modules")
        : User.HasClaim("role", "commissioner") ? LocalRedirect("/impact")
        : LocalRedirect("/passports");
}
