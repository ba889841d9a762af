using System.Text.Json;
using Marten;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Passport.Host.Identity;

/// <summary>
/// Keycloak's back-channel logout (OpenID Connect Back-Channel Logout 1.0): when a person's Keycloak
/// session ends (they sign out elsewhere, an administrator ends it or disables the account), Keycloak
/// posts a signed <c>logout_token</c> here, and the web sessions it names end at once on every host
/// (<see cref="EndedWebSession"/>). Set the <c>passport-web</c> client's "Backchannel logout URL" to
/// <c>https://&lt;host&gt;/backchannel-logout</c>.
/// </summary>
internal static class BackChannelLogout
{
    public const string Path = "/backchannel-logout";

    private const string LogoutEvent = "http://schemas.openid.net/event/backchannel-logout";

    /// <summary>How old a logout token may be: Keycloak sends it the moment the session ends.</summary>
    private static readonly TimeSpan LongestAge = TimeSpan.FromMinutes(10);

    public static IEndpointRouteBuilder MapPassportBackChannelLogout(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, async (HttpContext http, IOptionsMonitor<OpenIdConnectOptions> oidc, IDocumentSession session, TimeProvider time, ILoggerFactory logs) =>
        {
            // The spec's answers: 200 when done, 400 when the token is refused; never cached.
            http.Response.Headers.CacheControl = "no-store";
            var log = logs.CreateLogger(typeof(BackChannelLogout));
            var token = http.Request.HasFormContentType ? (await http.Request.ReadFormAsync(http.RequestAborted))["logout_token"].ToString() : "";
            var options = oidc.Get(WebSignIn.Scheme);
            var claims = token.Length == 0 || options.ConfigurationManager is null ? null : await ValidateAsync(token, options, time.GetUtcNow(), log, http.RequestAborted);
            if (claims is null)
            {
                log.LogWarning("A back-channel logout request was refused: its logout token is missing or not valid.");
                return Results.BadRequest();
            }

            var now = time.GetUtcNow();
            var sid = claims.TryGetValue("sid", out var s) ? s as string : null;
            var sub = claims.TryGetValue("sub", out var u) ? u as string : null;

            // With a sid, that session ends; with only a sub, every session of that person begun before now.
            var ended = !string.IsNullOrEmpty(sid) ? EndedWebSession.ForSession(sid) : EndedWebSession.ForSubject(sub!);
            await WebSessionEvents.RecordEndedAsync(session, ended, now, http.RequestAborted);
            log.LogInformation("Back-channel logout from Keycloak: a web session ended.");
            return Results.Ok();
        }).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    /// <summary>The logout token's claims when it is one Keycloak signed for this client (spec §2.6), else null.</summary>
    private static async Task<IDictionary<string, object>?> ValidateAsync(string token, OpenIdConnectOptions options, DateTimeOffset now, ILogger log, CancellationToken cancel)
    {
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var metadata = await options.ConfigurationManager!.GetConfigurationAsync(cancel);
            var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(token, new TokenValidationParameters
            {
                ValidIssuer = metadata.Issuer,
                ValidAudience = options.ClientId,
                IssuerSigningKeys = metadata.SigningKeys,
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
                RequireSignedTokens = true,
                RequireExpirationTime = false, // the spec requires iat, not exp; checked below
                ClockSkew = TimeSpan.FromSeconds(30),
            });
            if (result.Exception is SecurityTokenSignatureKeyNotFoundException && attempt == 0)
            {
                options.ConfigurationManager.RequestRefresh(); // Keycloak may have rotated its keys
                continue;
            }

            if (!result.IsValid || result.SecurityToken is not JsonWebToken jwt)
            {
                log.LogInformation("The logout token's signature, issuer or audience was refused ({Reason}).", result.Exception?.GetType().Name);
                return null;
            }

            var issued = jwt.IssuedAt == DateTime.MinValue ? (DateTimeOffset?)null : new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero);
            var names = result.Claims;
            var valid = IsLogoutEvent(names.TryGetValue("events", out var events) ? events : null)
                && !names.ContainsKey("nonce")
                && (names.ContainsKey("sid") || names.ContainsKey("sub"))
                && issued is { } at && at <= now.AddSeconds(30) && now - at <= LongestAge;
            return valid ? names : null;
        }

        return null;
    }

    /// <summary>The <c>events</c> claim: a JSON object with the back-channel logout event as a member.</summary>
    private static bool IsLogoutEvent(object? events)
    {
        if (events is null)
        {
            return false;
        }

        using var json = JsonDocument.Parse(events is string text ? text : JsonSerializer.Serialize(events));
        return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(LogoutEvent, out _);
    }
}
