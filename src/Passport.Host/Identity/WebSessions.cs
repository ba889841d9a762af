using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Passport.Web.Infrastructure;

namespace Passport.Host.Identity;

/// <summary>
/// A web session that must not be used any more: Keycloak ended it (back-channel logout, by its
/// <c>sid</c>, or every session of a person, by their <c>sub</c>), or its holder signed out. Kept in
/// PostgreSQL so that every host refuses it at once.
/// </summary>
public sealed class EndedWebSession
{
    /// <summary><c>sid:&lt;session id&gt;</c>, or <c>sub:&lt;subject&gt;</c> for every session of a person begun before <see cref="EndedAt"/>.</summary>
    public string Id { get; set; } = "";

    public DateTimeOffset EndedAt { get; set; }

    public static string ForSession(string sid) => "sid:" + sid;

    public static string ForSubject(string sub) => "sub:" + sub;
}

/// <summary>
/// Keeps the web app's cookie session within what the person's token still grants (ADR 25). On every
/// request the session is refused if it was ended (<see cref="EndedWebSession"/>). With Keycloak, at
/// least every <see cref="AuthSettings.WebSessionRevalidation"/> the session's refresh token is
/// redeemed at Keycloak and the new access token checked exactly as at sign-in: the session takes
/// its roles, sector and organisation afresh, or ends when Keycloak refuses (session ended, account
/// disabled, realm unreachable: deny by default).
/// </summary>
internal sealed class WebSessionEvents(AuthSettings settings, IOptionsMonitor<OpenIdConnectOptions> oidc, TimeProvider time, ILogger<WebSessionEvents> log)
    : CookieAuthenticationEvents
{
    /// <summary>The authentication property holding when Keycloak last confirmed the session (round-trip format).</summary>
    public const string ConfirmedAtItem = ".passport.confirmed";

    /// <summary>How long an ended session is remembered: past it, Keycloak's own refusal of the refresh token ends it.</summary>
    private static readonly TimeSpan RememberEnded = TimeSpan.FromDays(1);

    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal!;
        var now = time.GetUtcNow();
        if (await WasEndedAsync(context.HttpContext.RequestServices.GetRequiredService<IQuerySession>(), principal, context.Properties.IssuedUtc, context.HttpContext.RequestAborted))
        {
            await EndAsync(context, "it was ended at the identity provider or signed out");
            return;
        }

        if (string.IsNullOrEmpty(settings.Authority))
        {
            return; // development personas: no identity provider to ask
        }

        var confirmedAt = context.Properties.Items.TryGetValue(ConfirmedAtItem, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue;
        if (now - confirmedAt < settings.WebSessionRevalidation)
        {
            return;
        }

        var renewed = await RenewAsync(context, principal);
        if (renewed is null)
        {
            await EndAsync(context, "Keycloak no longer confirms it");
            return;
        }

        context.ReplacePrincipal(renewed);
        context.Properties.Items[ConfirmedAtItem] = now.ToString("O", CultureInfo.InvariantCulture);
        context.ShouldRenew = true;
    }

    /// <summary>Signing out ends the session everywhere: a copy of the cookie is refused from then on.</summary>
    public override async Task SigningOut(CookieSigningOutContext context)
    {
        if (context.HttpContext.User.FindFirst("sid")?.Value is { Length: > 0 } sid)
        {
            var session = context.HttpContext.RequestServices.GetRequiredService<IDocumentSession>();
            await RecordEndedAsync(session, EndedWebSession.ForSession(sid), time.GetUtcNow(), context.HttpContext.RequestAborted);
        }
    }

    /// <summary>Records an ended session (and forgets those ended long enough ago that Keycloak refuses them anyway).</summary>
    public static async Task RecordEndedAsync(IDocumentSession session, string id, DateTimeOffset now, CancellationToken cancel)
    {
        session.Store(new EndedWebSession { Id = id, EndedAt = now });
        var forgotten = now - RememberEnded;
        session.DeleteWhere<EndedWebSession>(e => e.EndedAt < forgotten);
        await session.SaveChangesAsync(cancel);
    }

    private static async Task<bool> WasEndedAsync(IQuerySession session, ClaimsPrincipal principal, DateTimeOffset? issuedAt, CancellationToken cancel)
    {
        var sid = principal.FindFirst("sid")?.Value;
        var sub = principal.FindFirst("sub")?.Value;
        var ids = new List<string>(2);
        if (!string.IsNullOrEmpty(sid))
        {
            ids.Add(EndedWebSession.ForSession(sid));
        }

        if (!string.IsNullOrEmpty(sub))
        {
            ids.Add(EndedWebSession.ForSubject(sub));
        }

        if (ids.Count == 0)
        {
            return false;
        }

        var ended = await session.LoadManyAsync<EndedWebSession>(cancel, ids);
        return ended.Any(e => e.Id.StartsWith("sid:", StringComparison.Ordinal) || issuedAt is null || issuedAt <= e.EndedAt);
    }

    private async Task EndAsync(CookieValidatePrincipalContext context, string why)
    {
        log.LogInformation("A web session was ended because {Why}.", why);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(PassportWebOptions.CookieScheme);
    }

    /// <summary>Redeems the session's refresh token; returns the session's new principal, or null when Keycloak refuses.</summary>
    private async Task<ClaimsPrincipal?> RenewAsync(CookieValidatePrincipalContext context, ClaimsPrincipal principal)
    {
        var refreshToken = context.Properties.GetTokenValue(OpenIdConnectParameterNames.RefreshToken);
        var subject = principal.FindFirst("sub")?.Value;
        var options = oidc.Get(WebSignIn.Scheme);
        if (string.IsNullOrEmpty(refreshToken) || subject is null || options.ConfigurationManager is null)
        {
            return null;
        }

        var cancel = context.HttpContext.RequestAborted;
        try
        {
            var metadata = await options.ConfigurationManager.GetConfigurationAsync(cancel);
            var request = new Dictionary<string, string>
            {
                ["grant_type"] = OpenIdConnectGrantTypes.RefreshToken,
                ["refresh_token"] = refreshToken,
                ["client_id"] = options.ClientId!,
            };
            if (!string.IsNullOrEmpty(options.ClientSecret))
            {
                request["client_secret"] = options.ClientSecret;
            }

            using var response = await options.Backchannel.PostAsync(new Uri(metadata.TokenEndpoint), new FormUrlEncodedContent(request), cancel);
            var body = await response.Content.ReadAsStringAsync(cancel);
            if (!response.IsSuccessStatusCode)
            {
                log.LogInformation("Keycloak refused to renew a web session ({Status}).", (int)response.StatusCode);
                return null;
            }

            var tokens = new OpenIdConnectMessage(body);
            var identity = await WebSignIn.SessionIdentityAsync(tokens.AccessToken, subject, principal.FindFirst("sid")?.Value, metadata, settings, log);
            if (identity is null)
            {
                return null;
            }

            // Keycloak may rotate the refresh token; the newest ID token is the hint for sign-out.
            context.Properties.UpdateTokenValue(OpenIdConnectParameterNames.RefreshToken, string.IsNullOrEmpty(tokens.RefreshToken) ? refreshToken : tokens.RefreshToken);
            if (!string.IsNullOrEmpty(tokens.IdToken))
            {
                context.Properties.UpdateTokenValue(OpenIdConnectParameterNames.IdToken, tokens.IdToken);
            }

            return new ClaimsPrincipal(identity);
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException or ArgumentException)
        {
            log.LogWarning(e, "A web session could not be confirmed with Keycloak, so it ends.");
            return null;
        }
    }
}

internal static class WebSessions
{
    /// <summary>Keeps the web app's sessions within their tokens' permissions, and, with Keycloak, takes its back-channel logouts.</summary>
    public static IServiceCollection AddPassportWebSessions(this IServiceCollection services, AuthSettings settings)
    {
        services.AddSingleton(settings);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<WebSessionEvents>();
        services.Configure<CookieAuthenticationOptions>(PassportWebOptions.CookieScheme, cookie => cookie.EventsType = typeof(WebSessionEvents));
        services.ConfigureMarten(marten => marten.Schema.For<EndedWebSession>());
        return services;
    }
}
