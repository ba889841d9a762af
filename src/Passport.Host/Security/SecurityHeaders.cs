using NetEscapades.AspNetCore.SecurityHeaders.Infrastructure;

namespace Passport.Host.Security;

/// <summary>
/// The security headers of every response, pages and API alike (ADR 25): a Content-Security-Policy
/// that allows no inline script, frames from nowhere, <c>nosniff</c>, no referrer, and HSTS outside
/// Development. The pages may load only what the host serves (images also as <c>data:</c>, for the
/// emergency card's pictures) and post forms only to the host and the identity provider; the API's
/// answers (JSON, FHIR, health) may load nothing at all.
/// </summary>
internal static class SecurityHeaders
{
    private const string ApiPolicy = "api";

    /// <summary>
    /// The pages' and the API's policies. <paramref name="identityProvider"/> is the Keycloak realm
    /// URL, if any (sign-in and sign-out forms are redirected there); <paramref name="apiPaths"/> are
    /// the host's own endpoints, which get the API's policy.
    /// </summary>
    public static IServiceCollection AddPassportSecurityHeaders(this IServiceCollection services, bool isDevelopment, string? identityProvider, IReadOnlyList<string> apiPaths)
    {
        // Kestrel adds "Server: Kestrel" after every middleware has run: say nothing about the stack.
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        var identityOrigin = Uri.TryCreate(identityProvider, UriKind.Absolute, out var authority) ? authority.GetLeftPart(UriPartial.Authority) : null;
        services.AddSecurityHeaderPolicies(policies => policies
            .SetDefaultPolicy(pages => Common(pages, isDevelopment).AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self();
                csp.AddStyleSrc().Self();
                csp.AddImgSrc().Self().Data();

                // The NHS.UK frontend's stylesheet takes the Frutiger font from the NHS's own server
                // (the fonts are licensed to the NHS and not in its npm package); without it, Arial.
                csp.AddFontSrc().Self().From("https://assets.nhs.uk");
                csp.AddObjectSrc().None();
                csp.AddBaseUri().None();
                csp.AddFrameAncestors().None();

                // A form's redirect is checked too: signing in and out end at the identity provider.
                var forms = csp.AddFormAction().Self();
                if (identityOrigin is not null)
                {
                    forms.From(identityOrigin);
                }
            }))
            .AddPolicy(ApiPolicy, api => Common(api, isDevelopment).AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().None();
                csp.AddFrameAncestors().None();
            }))
            .SetPolicySelector(context => apiPaths.Any(path => context.HttpContext.Request.Path.StartsWithSegments(path))
                ? context.ConfiguredPolicies[ApiPolicy]
                : context.DefaultPolicy));
        return services;
    }

    private static HeaderPolicyCollection Common(HeaderPolicyCollection headers, bool isDevelopment)
    {
        headers.AddFrameOptionsDeny()
            .AddContentTypeOptionsNoSniff()
            // Page addresses carry passport ids and emergency-card links: never send them on.
            .AddReferrerPolicyNoReferrer()
            .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
            .AddCrossOriginResourcePolicy(corp => corp.SameOrigin());

        // Sent only on HTTPS requests (behind a TLS-terminating proxy: see TrustedProxies), and never
        // in Development, where the host is reached over plain HTTP on localhost.
        if (!isDevelopment)
        {
            headers.AddStrictTransportSecurityMaxAgeIncludeSubDomains(maxAgeInSeconds: 365 * 24 * 60 * 60);
        }

        return headers;
    }
}
