using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Passport.Tests.Browser.Infrastructure;

/// <summary>
/// A stand-in for Keycloak's realm <c>passport</c>. Keycloak cannot run on this machine (no package
/// is served for it), so the web app's OpenID Connect sign-in is tested against this instead. It is
/// strict about the parts of the code flow a real Keycloak checks: the client secret, the redirect
/// URI, PKCE (S256 only), single-use codes that expire, the nonce; and it issues tokens shaped as
/// Keycloak's are (RS256, <c>realm_access.roles</c> as a JSON claim, <c>passport-api</c> in the
/// access token's <c>aud</c> through the audience mapper, the user-attribute claims). Its users,
/// passwords, roles and attributes are read from <c>deploy/keycloak/passport-realm.json</c>, so the
/// test also shows that realm export gives the host what it needs. Like Keycloak it keeps sessions
/// (<c>sid</c>): it renews them with refresh tokens while they last, and a test can withdraw a
/// person's role, end their sessions, or send the host a back-channel logout token.
/// </summary>
public sealed class StandInKeycloak : IAsyncDisposable
{
    public const string ClientId = "passport-web";
    public const string ClientSecret = "stand-in-client-secret";
    private const string Realm = "/realms/passport";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _key = new(RSA.Create(2048)) { KeyId = "stand-in-" + Guid.NewGuid().ToString("N")[..8] };
    private readonly ConcurrentDictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RealmSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string[]> _withdrawnRoles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RealmUser> _users;

    private StandInKeycloak(WebApplication app, Uri baseAddress, Dictionary<string, RealmUser> users)
    {
        _app = app;
        BaseAddress = baseAddress;
        _users = users;
    }

    public Uri BaseAddress { get; }

    /// <summary>The realm URL the host is given as <c>Auth__Authority</c>.</summary>
    public string Authority => BaseAddress.ToString().TrimEnd('/') + Realm;

    private string Issuer => Authority;

    /// <summary>The <c>aud</c> of the next access tokens; a test changes it to see a token for another API refused.</summary>
    public string[] AccessTokenAudience { get; set; } = ["passport-api", "account"];

    /// <summary>Every call to the end-session endpoint, with the ID token hint it carried (if any).</summary>
    public ConcurrentQueue<string?> SignOuts { get; } = new();

    /// <summary>How many times a session was renewed with a refresh token.</summary>
    public int Renewals => _renewals;

    private int _renewals;

    /// <summary>An administrator takes a realm role away from a user: their next tokens lack it.</summary>
    public void WithdrawRole(string username, string role) =>
        _withdrawnRoles.AddOrUpdate(username, [role], (_, roles) => [.. roles, role]);

    /// <summary>Gives back every role withdrawn from a user.</summary>
    public void RestoreRoles(string username) => _withdrawnRoles.TryRemove(username, out _);

    /// <summary>An administrator ends a user's sessions ("Sign out" in the admin console): their refresh tokens are refused.</summary>
    public void EndSessionsOf(string username)
    {
        foreach (var (sid, session) in _sessions.Where(s => s.Value.User.Username == username))
        {
            _sessions[sid] = session with { Ended = true };
        }
    }

    /// <summary>
    /// Posts a back-channel logout token for the user's newest session to the host, as Keycloak does
    /// when that session ends; <paramref name="signingKey"/> other than the realm's forges one.
    /// </summary>
    public async Task<HttpStatusCode> SendBackChannelLogoutAsync(Uri endpoint, string username, RsaSecurityKey? signingKey = null)
    {
        var sid = _sessions.Where(s => s.Value.User.Username == username).OrderByDescending(s => s.Value.Started).Select(s => s.Key).First();
        var token = Sign(
            new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["sub"] = _users[username].Subject,
                ["sid"] = sid,
                ["aud"] = ClientId,
                ["typ"] = "Logout",
                ["jti"] = Guid.NewGuid().ToString(),
                ["events"] = new Dictionary<string, object> { ["http://schemas.openid.net/event/backchannel-logout"] = new Dictionary<string, object>() },
            },
            signingKey ?? _key);
        using var http = new HttpClient();
        using var response = await http.PostAsync(endpoint, new FormUrlEncodedContent(new Dictionary<string, string> { ["logout_token"] = token }));
        return response.StatusCode;
    }

    public static async Task<StandInKeycloak> StartAsync(string realmExport)
    {
        var users = ReadUsers(realmExport);
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseAddress.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var keycloak = new StandInKeycloak(app, baseAddress, users);
        keycloak.Map(app);
        await app.StartAsync();
        return keycloak;
    }

    private void Map(WebApplication app)
    {
        app.MapGet(Realm + "/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Authority + "/protocol/openid-connect/auth",
            ["token_endpoint"] = Authority + "/protocol/openid-connect/token",
            ["jwks_uri"] = Authority + "/protocol/openid-connect/certs",
            ["end_session_endpoint"] = Authority + "/protocol/openid-connect/logout",
            ["response_types_supported"] = new[] { "code" },
            ["response_modes_supported"] = new[] { "query" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));

        app.MapGet(Realm + "/protocol/openid-connect/certs", () =>
        {
            var p = _key.Rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = _key.KeyId, n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } });
        });

        app.MapGet(Realm + "/protocol/openid-connect/auth", (HttpRequest request) =>
        {
            var q = request.Query;
            if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]) || !IsOurRedirect(q["redirect_uri"]))
            {
                return Results.BadRequest("Invalid authorization request (client, response type, redirect URI or PKCE).");
            }

            return Results.Content(LoginPage(q, error: null), "text/html; charset=utf-8");
        });

        app.MapPost(Realm + "/login-actions/authenticate", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            if (!IsOurRedirect(form["redirect_uri"]) || form["client_id"] != ClientId)
            {
                return Results.BadRequest("Invalid login request.");
            }

            if (!_users.TryGetValue(form["username"].ToString(), out var user) || user.Password != form["password"])
            {
                return Results.Content(LoginPage(form, error: "Invalid username or password."), "text/html; charset=utf-8");
            }

            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
            var sid = Guid.NewGuid().ToString();
            _sessions[sid] = new RealmSession(user, DateTimeOffset.UtcNow, Ended: false);
            _codes[code] = new PendingCode(user, sid, form["redirect_uri"]!, form["code_challenge"]!, form["nonce"].ToString(), DateTimeOffset.UtcNow.AddMinutes(1));
            var back = $"{form["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(form["state"].ToString())}&iss={Uri.EscapeDataString(Issuer)}";
            return Results.Redirect(back);
        });

        app.MapPost(Realm + "/protocol/openid-connect/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var (clientId, secret) = ClientCredentials(request, form);
            if (clientId != ClientId || secret != ClientSecret)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            if (form["grant_type"] == "refresh_token")
            {
                // Keycloak refuses a refresh token whose session ended ("Session not active").
                if (!_refreshTokens.TryGetValue(form["refresh_token"].ToString(), out var refreshed) || !_sessions.TryGetValue(refreshed, out var session) || session.Ended)
                {
                    return Results.Json(new { error = "invalid_grant", error_description = "Session not active" }, statusCode: 400);
                }

                Interlocked.Increment(ref _renewals);
                return Results.Json(Tokens(session.User, refreshed, nonce: ""));
            }

            if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var pending) || pending.ExpiresAt < DateTimeOffset.UtcNow)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            var verifier = form["code_verifier"].ToString();
            var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            if (form["redirect_uri"] != pending.RedirectUri || verifier.Length < 43 || challenge != pending.CodeChallenge)
            {
                return Results.Json(new { error = "invalid_grant", error_description = "PKCE verification or redirect URI failed" }, statusCode: 400);
            }

            return Results.Json(Tokens(pending.User, pending.Sid, pending.Nonce));
        });

        app.MapGet(Realm + "/protocol/openid-connect/logout", (HttpRequest request) =>
        {
            var hint = request.Query["id_token_hint"].FirstOrDefault();
            SignOuts.Enqueue(hint);
            if (hint is not null && new JsonWebToken(hint).TryGetPayloadValue<string>("sid", out var ended) && _sessions.TryGetValue(ended, out var session))
            {
                _sessions[ended] = session with { Ended = true };
            }

            var back = request.Query["post_logout_redirect_uri"].ToString();
            if (!IsOurRedirect(back))
            {
                return Results.Content("<!DOCTYPE html><title>Signed out</title><p>You are signed out.</p>", "text/html");
            }

            var state = request.Query["state"].ToString();
            return Results.Redirect(state.Length > 0 ? $"{back}?state={Uri.EscapeDataString(state)}" : back);
        });
    }

    /// <summary>A token response: access, ID and refresh tokens for the user's session.</summary>
    private object Tokens(RealmUser user, string sid, string nonce)
    {
        var refreshToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        _refreshTokens[refreshToken] = sid;
        return new
        {
            access_token = AccessToken(user, sid),
            id_token = IdToken(user, sid, nonce),
            refresh_token = refreshToken,
            token_type = "Bearer",
            expires_in = 300,
            refresh_expires_in = 1800,
            scope = "openid profile",
        };
    }

    /// <summary>Keycloak checks redirect URIs against the client's list; the stand-in allows the loopback host the test starts.</summary>
    private static bool IsOurRedirect(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttp && IPAddress.TryParse(u.Host, out var ip) && IPAddress.IsLoopback(ip);

    private static (string? Id, string? Secret) ClientCredentials(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), pair.Length > 1 ? Uri.UnescapeDataString(pair[1]) : null);
        }

        return (form["client_id"], form["client_secret"]);
    }

    private string AccessToken(RealmUser user, string sid)
    {
        var claims = UserClaims(user);
        claims["sid"] = sid;
        claims["aud"] = AccessTokenAudience;
        claims["typ"] = "Bearer";
        claims["azp"] = ClientId;
        claims["scope"] = "openid profile";
        var withdrawn = _withdrawnRoles.GetValueOrDefault(user.Username, []);
        claims["realm_access"] = new Dictionary<string, object> { ["roles"] = user.Roles.Except(withdrawn).Append("default-roles-passport").ToArray() };
        claims["resource_access"] = new Dictionary<string, object> { ["account"] = new Dictionary<string, object> { ["roles"] = new[] { "manage-account" } } };
        foreach (var (name, value) in user.Attributes)
        {
            claims[name] = value;
        }

        return Sign(claims, _key);
    }

    private string IdToken(RealmUser user, string sid, string nonce)
    {
        var claims = UserClaims(user);
        claims["sid"] = sid;
        claims["aud"] = ClientId;
        claims["typ"] = "ID";
        claims["azp"] = ClientId;
        if (nonce.Length > 0)
        {
            claims["nonce"] = nonce;
        }

        return Sign(claims, _key);
    }

    private Dictionary<string, object> UserClaims(RealmUser user) => new(StringComparer.Ordinal)
    {
        ["sub"] = user.Subject,
        ["name"] = user.Name,
        ["given_name"] = user.GivenName,
        ["family_name"] = user.FamilyName,
        ["preferred_username"] = user.Username,
        ["email"] = user.Email,
    };

    private string Sign(Dictionary<string, object> claims, RsaSecurityKey key)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string LoginPage(IEnumerable<KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>> request, string? error)
    {
        var keep = new[] { "client_id", "redirect_uri", "state", "nonce", "code_challenge", "scope" };
        var hidden = string.Concat(request.Where(p => keep.Contains(p.Key)).Select(p => $"<input type=\"hidden\" name=\"{p.Key}\" value=\"{WebUtility.HtmlEncode(p.Value.ToString())}\">"));
        return $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Sign in to Children's Passport</title></head><body><main>
            <h1>Sign in to your account</h1>
            {(error is null ? "" : $"<p role=\"alert\" id=\"input-error\">{error}</p>")}
            <form method="post" action="{Realm}/login-actions/authenticate">{hidden}
            <label for="username">Username</label><input id="username" name="username" autocomplete="username">
            <label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password">
            <button type="submit" id="kc-login">Sign In</button></form></main></body></html>
            """;
    }

    private static Dictionary<string, RealmUser> ReadUsers(string realmExport)
    {
        var realm = JsonNode.Parse(File.ReadAllText(realmExport))!;
        var users = new Dictionary<string, RealmUser>(StringComparer.Ordinal);
        foreach (var u in realm["users"]!.AsArray().Select(u => u!))
        {
            var username = u["username"]!.ToString();
            var password = u["credentials"]?.AsArray().FirstOrDefault(c => c?["type"]?.ToString() == "password")?["value"]?.ToString();
            var attributes = (u["attributes"] as JsonObject ?? []).ToDictionary(a => a.Key, a => a.Value!.AsArray()[0]!.ToString(), StringComparer.Ordinal);
            var roles = u["realmRoles"]?.AsArray().Select(r => r!.ToString()).ToArray() ?? [];
            var given = u["firstName"]?.ToString() ?? "";
            var family = u["lastName"]?.ToString() ?? "";

            // Keycloak's subject is the user's id, a UUID.
            var subject = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes("stand-in:" + username)).AsSpan(0, 16)).ToString();
            users[username] = new RealmUser(username, password, subject, given, family, $"{given} {family}".Trim(), u["email"]?.ToString() ?? "", roles, attributes);
        }

        return users;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private sealed record RealmUser(string Username, string? Password, string Subject, string GivenName, string FamilyName, string Name, string Email, string[] Roles, Dictionary<string, string> Attributes);

    private sealed record PendingCode(RealmUser User, string Sid, string RedirectUri, string CodeChallenge, string Nonce, DateTimeOffset ExpiresAt);

    private sealed record RealmSession(RealmUser User, DateTimeOffset Started, bool Ended);
}
