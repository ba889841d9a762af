using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

/// <summary>
/// The language switch: remembers the chosen language on this device (a cookie) and, for a signed-in
/// person, with their account (<c>setMyLanguage</c>), so it follows them to another device.
/// </summary>
public sealed class LanguageModel(Languages languages, PageGraphQL graphQL) : PageModel
{
    public IActionResult OnGet() => LocalRedirect("/");

    public async Task<IActionResult> OnPostAsync(string? culture, string? returnUrl)
    {
        var back = Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
        if (languages.Find(culture) is not { } chosen)
        {
            return LocalRedirect(back);
        }

        // The page allows anonymous visitors (the sign-in page has the switch too): the person, if any, is the web session's.
        var session = await HttpContext.AuthenticateAsync(PassportWebOptions.CookieScheme);
        if (session.Succeeded && session.Principal.FindFirst("sub")?.Value is { } subject)
        {
            HttpContext.User = session.Principal;
            await graphQL.RunAsync("mutation($language: String!) { setMyLanguage(language: $language) { subject } }", new { language = chosen.Name });
            RememberedLanguageFilter.Remember(HttpContext, chosen, subject);
        }
        else
        {
            RememberedLanguageFilter.Remember(HttpContext, chosen, subject: null);
        }

        return LocalRedirect(back);
    }
}
