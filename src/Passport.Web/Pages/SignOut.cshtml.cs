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
        // Offline copies of passports leave the device with the session (ADR 19): the page script
        // wipes them before posting, and this tells the browser to clear the site's storage too.
        Response.Headers["Clear-Site-Data"] = "\"cache\", \"storage\"";
        var back = new AuthenticationProperties { RedirectUri = "/sign-in" };
        return options.SignInScheme is { } remote
            ? SignOut(back, PassportWebOptions.CookieScheme, remote)
            : SignOut(back, PassportWebOptions.CookieScheme);
    }
}
