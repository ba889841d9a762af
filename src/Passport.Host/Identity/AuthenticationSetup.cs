using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using Passport.Sdk;

namespace Passport.Host.Identity;

/// <summary>Auth__* configuration (SPEC §7).</summary>
/// <remarks>
/// The web app's sign-in adds <c>Auth__WebClientId</c> (default <c>passport-web</c>) and
/// <c>Auth__WebClientSecret</c> (the confidential client's secret; none for a public client): with
/// <c>Auth__Authority</c> set, the pages sign people in with the OpenID Connect code flow, and
/// <c>Auth__WebSessionRevalidation</c> says how often a web session is confirmed with Keycloak again.
/// </remarks>
internal sealed record AuthSettings(string? Authority, string? JwksFile, string? Issuer, string Audience, string WebClientId, string? WebClientSecret, TimeSpan WebSessionRevalidation)
{
    /// <summary>The longest a web session may go unconfirmed by Keycloak (ADR 25).</summary>
    public static readonly TimeSpan LongestWebSessionRevalidation = TimeSpan.FromMinutes(15);

    public static AuthSettings From(IConfiguration configuration) => new(
        configuration["Auth:Authority"],
        configuration["Auth:JwksFile"],
        configuration["Auth:Issuer"],
        configuration["Auth:Audience"] is { Length: > 0 } audience ? audience : "passport-api",
        configuration["Auth:WebClientId"] is { Length: > 0 } client ? client : "passport-web",
        configuration["Auth:WebClientSecret"] is { Length: > 0 } secret ? secret : null,
        configuration["Auth:WebSessionRevalidation"] is { Length: > 0 } every
            ? TimeSpan.TryParse(every, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : TimeSpan.Zero
            : TimeSpan.FromMinutes(5));

    public bool IsConfigured => !string.IsNullOrEmpty(Authority) || !string.IsNullOrEmpty(JwksFile);

    /// <summary>How every access token is checked, whether it came with an API call or from the web app's sign-in.</summary>
    public TokenValidationParameters AccessTokenValidation() => new()
    {
        ValidAudience = Audience,
        ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        NameClaimType = "preferred_username",
        RoleClaimType = KeycloakClaimsTransformation.RoleClaim,
        ClockSkew = TimeSpan.FromSeconds(30),
        RequireExpirationTime = true,
        RequireSignedTokens = true,
    };
}

internal static class AuthenticationSetup
{
    public static void AddPassportAuthentication(this IServiceCollection services, AuthSettings settings, bool isDevelopment)
    {
        if (!settings.IsConfigured)
        {
            throw new InvalidOperationException("Set Auth__Authority (the Keycloak realm URL), or Auth__JwksFile with Auth__Issuer.");
        }

        if (settings.WebSessionRevalidation <= TimeSpan.Zero || settings.WebSessionRevalidation > AuthSettings.LongestWebSessionRevalidation)
        {
            throw new InvalidOperationException("Auth__WebSessionRevalidation must be a positive time span of at most 00:15:00 (e.g. 00:05:00).");
        }

        // Read the offline keys now, so a missing or broken file stops the host at start rather
        // than failing every request later.
        var offlineKeys = string.IsNullOrEmpty(settings.Authority) ? OfflineSigningKeys(settings) : null;
        services.AddSingleton<IClaimsTransformation>(new KeycloakClaimsTransformation(settings.Audience));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            // Keep Keycloak's claim names (sub, realm_access, …) as they are.
            options.MapInboundClaims = false;
            options.Audience = settings.Audience;
            options.TokenValidationParameters = settings.AccessTokenValidation();
            if (!string.IsNullOrEmpty(settings.Authority))
            {
                options.Authority = settings.Authority;
                options.RequireHttpsMetadata = !isDevelopment;
            }
            else
            {
                options.TokenValidationParameters.ValidIssuer = settings.Issuer;
                options.TokenValidationParameters.IssuerSigningKeys = offlineKeys;
            }

            options.Events = new JwtBearerEvents
            {
                OnChallenge = async context =>
                {
                    // Answer in GraphQL's error shape, without saying why the token failed.
                    context.HandleResponse();
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    context.Response.Headers.WWWAuthenticate = "Bearer";
                    if (context.Request.Path.StartsWithSegments("/fhir"))
                    {
                        // A FHIR client reads an OperationOutcome.
                        context.Response.ContentType = "application/fhir+json; charset=utf-8";
                        await context.Response.WriteAsync(
                            JsonSerializer.Serialize(new
                            {
                                resourceType = "OperationOutcome",
                                issue = new[] { new { severity = "error", code = "login", details = new { coding = new[] { new { system = "urn:passport:error-code", code = ErrorCodes.Unauthenticated } }, text = "A valid access token is required." } } },
                            }),
                            context.HttpContext.RequestAborted);
                        return;
                    }

                    context.Response.ContentType = "application/json";
                    await context.Response.WriteAsync(
                        JsonSerializer.Serialize(new { errors = new[] { new { message = "A valid access token is required.", extensions = new { code = ErrorCodes.Unauthenticated } } } }),
                        context.HttpContext.RequestAborted);
                },
            };
        });
        services.AddAuthorization();
    }

    private static IList<SecurityKey> OfflineSigningKeys(AuthSettings settings)
    {
        if (string.IsNullOrEmpty(settings.Issuer))
        {
            throw new InvalidOperationException("Auth__JwksFile needs Auth__Issuer: the issuer its tokens carry.");
        }

        try
        {
            var keys = new JsonWebKeySet(File.ReadAllText(settings.JwksFile!)).GetSigningKeys();
            return keys.Count > 0 ? keys : throw new InvalidOperationException($"Auth__JwksFile '{settings.JwksFile}' holds no signing keys.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or System.Text.Json.JsonException)
        {
            throw new InvalidOperationException($"Auth__JwksFile '{settings.JwksFile}' cannot be read as a JWKS: {e.Message}", e);
        }
    }
}
