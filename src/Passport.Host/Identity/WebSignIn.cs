using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Passport.Web.Infrastructure;

namespace Passport.Host.Identity;

/// <summary>
/// The web app's sign-in against Keycloak: the OpenID Connect authorization-code flow with PKCE,
/// ending in the web app's cookie session. The session's identity is taken from the access token
/// Keycloak issues for the API, checked exactly as an API call's token is (issuer, signature,
/// <c>passport-api</c> audience, expiry), so a page sees the same roles, sector, organisation and
/// local authority as the API would for the same person.
/// </summary>
internal static class WebSignIn
{
    public const string Scheme = "PassportOidc";

    /// <summary>The claims a session keeps; everything else in the token is left behind.</summary>
    private static readonly HashSet<string> KeptClaims = new(StringComparer.Ordinal)
    {
        "sub", "name", "preferred_username", "sector", "organisation", "local_authority",
    };

    /// <summary>Adds the OpenID Connect scheme when a Keycloak realm is configured; returns its name, or null.</summary>
    public static string? AddPassportWebSignIn(this IServiceCollection services, AuthSettings settings, bool isDevelopment)
    {
        if (string.IsNullOrEmpty(settings.Authority))
        {
            return null;
        }

        services.AddAuthentication().AddOpenIdConnect(Scheme, options =>
        {
            options.Authority = settings.Authority;
            options.RequireHttpsMetadata = !isDevelopment;
            options.ClientId = settings.WebClientId;
            options.ClientSecret = settings.WebClientSecret;
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;

            // The code comes back on a top-level GET (query response mode), so the correlation and
            // nonce cookies can be SameSite=Lax: they then work over plain HTTP in development too.
            options.ResponseMode = OpenIdConnectResponseMode.Query;
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = isDevelopment ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            options.NonceCookie.SecurePolicy = options.CorrelationCookie.SecurePolicy;
            options.SignInScheme = PassportWebOptions.CookieScheme;
            options.SignOutScheme = PassportWebOptions.CookieScheme;
            options.MapInboundClaims = false;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.SaveTokens = false; // only the ID and refresh tokens are kept, below
            options.Scope.Clear();
            options.Scope.Add("openid");
            options.Scope.Add("profile");
            options.TokenValidationParameters.NameClaimType = "preferred_username";
            options.TokenValidationParameters.RoleClaimType = KeycloakClaimsTransformation.RoleClaim;
            options.SignedOutRedirectUri = "/sign-in";
            options.Events = new OpenIdConnectEvents
            {
                OnTokenValidated = context => SessionFromAccessTokenAsync(context, settings),
                OnRemoteFailure = context =>
                {
                    // Never show the exception: say sign-in failed, and log why.
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>()
                        .CreateLogger(typeof(WebSignIn)).LogWarning(context.Failure, "Web sign-in failed");
                    context.HandleResponse();
                    context.Response.Redirect("/sign-in?failed=true");
                    return Task.CompletedTask;
                },
            };
        });
        return Scheme;
    }

    private static async Task SessionFromAccessTokenAsync(TokenValidatedContext context, AuthSettings settings)
    {
        var log = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WebSignIn));
        var accessToken = context.TokenEndpointResponse?.AccessToken;
        var subject = context.Principal?.FindFirst("sub")?.Value;
        if (string.IsNullOrEmpty(accessToken) || subject is null || context.Options.ConfigurationManager is null)
        {
            context.Fail("The identity provider returned no access token.");
            return;
        }

        var metadata = await context.Options.ConfigurationManager.GetConfigurationAsync(context.HttpContext.RequestAborted);
        var identity = await SessionIdentityAsync(accessToken, subject, context.Principal?.FindFirst("sid")?.Value, metadata, settings, log);
        if (identity is null)
        {
            context.Fail("The access token is not valid for this service, or names another person.");
            return;
        }

        context.Principal = new ClaimsPrincipal(identity);

        // The ID token is the hint for Keycloak's end-session endpoint; the refresh token lets the
        // session be confirmed with Keycloak again (WebSessionEvents). The access token is not kept.
        var kept = new List<AuthenticationToken>();
        if (context.TokenEndpointResponse?.IdToken is { Length: > 0 } idToken)
        {
            kept.Add(new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = idToken });
        }

        if (context.TokenEndpointResponse?.RefreshToken is { Length: > 0 } refreshToken)
        {
            kept.Add(new AuthenticationToken { Name = OpenIdConnectParameterNames.RefreshToken, Value = refreshToken });
        }

        context.Properties?.StoreTokens(kept);
        context.Properties?.Items[WebSessionEvents.ConfirmedAtItem] = DateTimeOffset.UtcNow.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The session's identity from an access token Keycloak issued, checked exactly as an API call's
    /// token is (issuer, signature, audience, expiry) and required to name <paramref name="subject"/>;
    /// null when it is not valid. At sign-in and at every renewal of the session.
    /// </summary>
    public static async Task<ClaimsIdentity?> SessionIdentityAsync(string? accessToken, string subject, string? sid, OpenIdConnectConfiguration metadata, AuthSettings settings, ILogger log)
    {
        if (string.IsNullOrEmpty(accessToken))
        {
            return null;
        }

        var parameters = settings.AccessTokenValidation();
        parameters.ValidIssuer = metadata.Issuer;
        parameters.IssuerSigningKeys = metadata.SigningKeys;
        var checkedToken = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(accessToken, parameters);
        if (!checkedToken.IsValid)
        {
            log.LogWarning(checkedToken.Exception, "Web sign-in refused: the access token is not valid for {Audience}", settings.Audience);
            return null;
        }

        if (checkedToken.ClaimsIdentity.FindFirst("sub")?.Value != subject)
        {
            log.LogWarning("Web sign-in refused: the access token and the ID token name different people.");
            return null;
        }

        // Roles come from realm_access / resource_access exactly as for an API call.
        var mapped = await new KeycloakClaimsTransformation(settings.Audience).TransformAsync(new ClaimsPrincipal(checkedToken.ClaimsIdentity));
        var claims = checkedToken.ClaimsIdentity.Claims.Where(c => KeptClaims.Contains(c.Type))
            .Concat(mapped.FindAll(KeycloakClaimsTransformation.RoleClaim).Select(r => new Claim(KeycloakClaimsTransformation.RoleClaim, r.Value)));
        if (!string.IsNullOrEmpty(sid))
        {
            // Keycloak's session id (from the ID token): a back-channel logout names it.
            claims = claims.Append(new Claim("sid", sid));
        }

        return new ClaimsIdentity(claims, PassportWebOptions.CookieScheme, "preferred_username", KeycloakClaimsTransformation.RoleClaim);
    }
}
