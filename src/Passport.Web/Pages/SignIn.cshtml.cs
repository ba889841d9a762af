using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

/// <summary>
/// With Keycloak configured: a start page whose button begins the OpenID Connect code flow
/// (<see cref="PassportWebOptions.SignInScheme"/>), which ends in the cookie session. In the
/// development default: a persona picker that starts a cookie session with the persona's claims
/// (the same claims a demo token carries).
/// </summary>
public sealed class SignInModel(PassportWebOptions options, IStringLocalizer<SharedResource> text, PageWords words) : PageModel
{
    public IReadOnlyList<WebPersona> Personas => options.Personas;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    /// <summary>True when the identity provider's sign-in did not complete (see the host's log for why).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Failed { get; set; }

    public bool OrganisationSignIn => options.SignInScheme is not null;

    public string Describe(WebPersona p) => string.Join(", ", new[]
    {
        string.Join(", ", p.Roles.Select(words.Role)),
        words.Sector(p.Sector),
        p.Organisation ?? "",
    }.Where(s => s.Length > 0));

    public void OnGet()
    {
    }

    /// <summary>Starts the OpenID Connect code flow; the identity provider returns to /signin-oidc.</summary>
    public IActionResult OnPostOrganisation() =>
        options.SignInScheme is { } scheme
            ? Challenge(new AuthenticationProperties { RedirectUri = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/" }, scheme)
            : NotFound();

    public async Task<IActionResult> OnPostAsync(string? persona)
    {
        var chosen = options.Personas.FirstOrDefault(p => p.Key == persona);
        if (chosen is null)
        {
            Error = text["SignIn.SelectWho"];
            return Page();
        }

        var claims = new List<Claim>
        {
            new("sub", chosen.Subject),
            new("name", chosen.Name),
            new("preferred_username", chosen.PreferredUsername),

            // A session id of its own, as Keycloak's sessions have: signing out ends this session everywhere.
            new("sid", Guid.NewGuid().ToString("N")),
        };
        claims.AddRange(chosen.Roles.Select(r => new Claim("role", r)));
        AddIf(claims, "sector", chosen.Sector);
        AddIf(claims, "organisation", chosen.Organisation);
        AddIf(claims, "local_authority", chosen.LocalAuthority);
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, PassportWebOptions.CookieScheme, "preferred_username", "role"));
        await HttpContext.SignInAsync(PassportWebOptions.CookieScheme, principal);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }

    private static void AddIf(List<Claim> claims, string type, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            claims.Add(new Claim(type, value));
        }
    }
}
