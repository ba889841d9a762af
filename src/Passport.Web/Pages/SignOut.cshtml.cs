using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

/// <summary>Ends the cookie session and, when people signed in with Keycloak, their Keycloak session too.</summary>
public sealed class SignOutModel(PassportWebOptions options) : PageModel
{
    public void OnGet()
    {
    }

    public IActionResult OnPost()
    {
        var back = new AuthenticationProperties { RedirectUri = "/sign-in" };
        return options.SignInScheme is { } remote
            ? SignOut(back, PassportWebOptions.CookieScheme, remote)
            : SignOut(back, PassportWebOptions.CookieScheme);
    }
}
