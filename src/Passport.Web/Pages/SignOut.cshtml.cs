using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PassportWebOptions.CookieScheme);
        return LocalRedirect("/sign-in");
    }
}
