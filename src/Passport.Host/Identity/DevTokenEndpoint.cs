namespace Passport.Host.Identity;

/// <summary>
/// Development only: issues a token for a demo persona, signed with the development key, so a
/// newcomer can call the API with curl. The host refuses to start with this enabled outside
/// Development.
/// </summary>
internal static class DevTokenEndpoint
{
    public const string Issuer = "passport-development";

    public static void MapDevTokens(this IEndpointRouteBuilder app, SigningKey key, string audience)
    {
        app.MapGet("/dev/personas", () => DemoPersonas.All.ToDictionary(p => p.Key, p => new { p.Value.Name, p.Value.Roles, p.Value.Sector, p.Value.Organisation }))
            .AllowAnonymous();
        app.MapGet("/dev/token/{persona}", (string persona, TimeProvider clock) =>
                DemoPersonas.All.TryGetValue(persona, out var claims)
                    ? Results.Text(key.Issue(claims, Issuer, audience, clock.GetUtcNow(), TimeSpan.FromHours(8)))
                    : Results.NotFound($"No persona '{persona}'. Try one of: {string.Join(", ", DemoPersonas.All.Keys)}"))
            .AllowAnonymous();
    }
}
