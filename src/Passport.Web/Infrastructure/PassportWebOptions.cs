using System.Security.Claims;
using Passport.Sdk;

namespace Passport.Web.Infrastructure;

/// <summary>A demo person the Development persona picker offers (the host passes its DemoPersonas).</summary>
public sealed record WebPersona(
    string Key,
    string Subject,
    string Name,
    string PreferredUsername,
    IReadOnlyList<string> Roles,
    string? Sector = null,
    string? Organisation = null,
    string? LocalAuthority = null);

/// <summary>What the host tells the web app.</summary>
public sealed class PassportWebOptions
{
    /// <summary>The cookie scheme of the web app's session.</summary>
    public const string CookieScheme = "PassportWeb";

    /// <summary>The authorization policy every signed-in page uses.</summary>
    public const string Policy = "PassportWebUser";

    /// <summary>How a signed-in principal becomes the GraphQL viewer (the same mapping as the API's).</summary>
    public Func<ClaimsPrincipal, Viewer> ViewerOf { get; set; } = _ => throw new InvalidOperationException("PassportWebOptions.ViewerOf is not set.");

    /// <summary>Development only: the personas the sign-in page offers. Empty: no persona picker.</summary>
    public IReadOnlyList<WebPersona> Personas { get; set; } = [];

    /// <summary>
    /// The remote scheme that signs people in (the host's OpenID Connect code flow against Keycloak,
    /// when <c>Auth__Authority</c> is set), ending in the <see cref="CookieScheme"/> session. Null: none.
    /// </summary>
    public string? SignInScheme { get; set; }

    /// <summary>
    /// The languages the pages are offered in, as culture names, the default first (configuration
    /// <c>Passport:Languages</c>). Each needs the web app's resource files and, for a module's words,
    /// the module's words file (docs/languages.md).
    /// </summary>
    public IReadOnlyList<string> Languages { get; set; } = ["en-GB", "pl-PL", "ro-RO"];

    /// <summary>
    /// The host's own endpoints (e.g. <c>/graphql</c>): they keep the invariant culture whatever a
    /// browser asks, so the API never answers differently for a person's language.
    /// </summary>
    public IReadOnlyList<string> ApiPaths { get; set; } = [];

    /// <summary>
    /// Every cookie the site sets is Secure (outside Development). False: Secure only on an HTTPS
    /// request, which behind a trusted proxy includes one that reached the proxy over HTTPS.
    /// </summary>
    public bool SecureCookiesOnly { get; set; } = true;
}
