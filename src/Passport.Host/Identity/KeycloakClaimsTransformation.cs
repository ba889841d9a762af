using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Passport.Sdk;

namespace Passport.Host.Identity;

/// <summary>
/// Keycloak puts roles in JSON-valued claims (<c>realm_access.roles</c>,
/// <c>resource_access.&lt;client&gt;.roles</c>); this maps them to role claims. Only the realm's
/// roles and this API's own client roles count (the client named by the configured audience,
/// <c>Auth__Audience</c>): a role another client defines, e.g. <c>resource_access.other-app.roles:
/// ["professional"]</c>, means something to that client only. ASP.NET Core may run a
/// transformation more than once per request, so it adds its identity only once.
/// </summary>
internal sealed class KeycloakClaimsTransformation(string clientId) : IClaimsTransformation
{
    public const string RoleClaim = "role";
    private const string MappedIdentity = "keycloak-roles";

    public Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        if (principal.Identities.Any(i => i.AuthenticationType == MappedIdentity) || principal.Identity?.IsAuthenticated != true)
        {
            return Task.FromResult(principal);
        }

        var roles = new HashSet<string>(StringComparer.Ordinal);
        foreach (var claim in principal.FindAll("realm_access"))
        {
            AddRoles(claim.Value, roles);
        }

        foreach (var claim in principal.FindAll("resource_access"))
        {
            if (TryParse(claim.Value) is { ValueKind: JsonValueKind.Object } clients
                && clients.TryGetProperty(clientId, out var ours))
            {
                AddRoles(ours.GetRawText(), roles);
            }
        }

        var identity = new ClaimsIdentity(roles.Select(r => new Claim(RoleClaim, r)), MappedIdentity, "preferred_username", RoleClaim);
        principal.AddIdentity(identity);
        return Task.FromResult(principal);
    }

    private static void AddRoles(string json, HashSet<string> roles)
    {
        if (TryParse(json) is { ValueKind: JsonValueKind.Object } access
            && access.TryGetProperty("roles", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var role in list.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String))
            {
                roles.Add(role.GetString()!);
            }
        }
    }

    private static JsonElement? TryParse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The viewer a validated, transformed principal describes.</summary>
    public static Viewer ViewerOf(ClaimsPrincipal principal)
    {
        var subject = principal.FindFirstValue("sub") ?? throw new InvalidOperationException("A validated token has no sub.");
        return new Viewer(
            subject,
            principal.FindFirstValue("name") ?? principal.FindFirstValue("preferred_username") ?? subject,
            principal.FindAll(RoleClaim).Select(c => c.Value).ToHashSet(StringComparer.Ordinal),
            principal.FindFirstValue("sector"),
            principal.FindFirstValue("organisation"),
            principal.FindFirstValue("local_authority"));
    }
}
