using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Passport.Host.Identity;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration.Fuzzing;

public enum PersonaKind
{
    Carer,
    ViewOnlyCarer,
    YoungPerson,
    Professional,
    Auditor,
    LocalAuthorityAdmin,
    Commissioner,

    /// <summary>Roles only under another client in resource_access: must count for nothing.</summary>
    OtherClientRoles,

    /// <summary>No token, or one that must be refused (forged, expired, wrong audience, ...).</summary>
    BadToken,
}

/// <summary>
/// Which passports a persona's fuzzed changes may touch, so that the visibility oracle stays exact:
/// oracle-world personas are the care teams and family of the oracle passports, whose state the
/// fuzzer never changes; write-world personas work on the write passports; outsiders have no
/// relationship anywhere.
/// </summary>
public enum PersonaWorld
{
    Oracle,
    Write,
    Outsider,
}

/// <summary>A fuzzing persona: who they are, their token, and which world they act in.</summary>
public sealed class FuzzPersona(string label, PersonaKind kind, PersonaWorld world, Persona? persona, string? token)
{
    public string Label { get; } = label;

    public PersonaKind Kind { get; } = kind;

    public PersonaWorld World { get; } = world;

    public Persona? Persona { get; } = persona;

    /// <summary>The bearer token sent; null sends no Authorization header.</summary>
    public string? Token { get; } = token;

    public string? Subject => Persona?.Subject;

    public string? DisplayName => Persona?.Claims.Name;

    public string? Sector => Persona?.Claims.Sector;

    public override string ToString() => Label;

    public static Persona Named(string kind, string name, string[] roles, string? sector = null, string? organisation = null, string? localAuthority = null)
    {
        var subject = $"fuzz-{kind}-{Guid.NewGuid():N}";
        return new Persona(new TokenClaims(subject, name, subject, roles, sector, organisation, localAuthority));
    }
}

/// <summary>Tokens the host must refuse, and one whose roles sit under another client.</summary>
public static class FuzzTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(3);

    public static string Valid(PassportFixture fixture, Persona persona) => fixture.Token(persona, Lifetime);

    public static IEnumerable<(string Label, string? Token)> Refused(PassportFixture fixture)
    {
        var claims = FuzzPersona.Named("refused", "Refused Token", ["carer"]).Claims;
        var otherKey = RSA.Create(2048);
        yield return ("no token", null);
        yield return ("garbage token", "not-a-jwt.at-all");
        yield return ("expired token", fixture.Key.Issue(claims, PassportFixture.Issuer, PassportFixture.Audience, DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromMinutes(5)));
        yield return ("token for another audience", fixture.Key.Issue(claims, PassportFixture.Issuer, "another-api", DateTimeOffset.UtcNow, Lifetime));
        yield return ("token from another issuer", fixture.Key.Issue(claims, "https://elsewhere.test/realms/x", PassportFixture.Audience, DateTimeOffset.UtcNow, Lifetime));
        yield return ("token signed by another key", Sign(new RsaSecurityKey(otherKey) { KeyId = fixture.Key.KeyId }, Payload(claims.Subject, new Dictionary<string, object> { ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "carer" } } })));
        yield return ("unsigned token (alg none)", Unsigned(Payload(claims.Subject, new Dictionary<string, object> { ["realm_access"] = new Dictionary<string, object> { ["roles"] = new[] { "professional" } }, ["sector"] = "health" })));
    }

    /// <summary>
    /// A token signed with the run's real key whose only roles are another client's
    /// (resource_access.other-app.roles): SPEC §6 says those give nothing.
    /// </summary>
    public static string OtherClientRoles(PassportFixture fixture, Persona persona)
    {
        var jwks = fixture.HostEnvironment("unused")["Auth__JwksFile"]!;
        var rsa = RSA.Create();
        rsa.ImportFromPem(File.ReadAllText(Path.Combine(Path.GetDirectoryName(jwks)!, "signing-key.pem")));
        var payload = Payload(persona.Subject, new Dictionary<string, object>
        {
            ["name"] = persona.Claims.Name,
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = Array.Empty<string>() },
            ["resource_access"] = new Dictionary<string, object>
            {
                ["other-app"] = new Dictionary<string, object> { ["roles"] = new[] { "professional", "carer", "auditor" } },
            },
            ["sector"] = "health",
            ["organisation"] = "Another Application Ltd",
        });
        return Sign(new RsaSecurityKey(rsa) { KeyId = fixture.Key.KeyId }, payload);
    }

    private static Dictionary<string, object> Payload(string subject, Dictionary<string, object> claims)
    {
        var payload = new Dictionary<string, object>(claims)
        {
            ["sub"] = subject,
            ["preferred_username"] = subject,
            ["typ"] = "Bearer",
        };
        payload.TryAdd("name", "Fuzz token");
        return payload;
    }

    private static string Sign(SecurityKey key, Dictionary<string, object> payload)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = PassportFixture.Issuer,
            Audience = PassportFixture.Audience,
            IssuedAt = now.AddSeconds(-1),
            NotBefore = now.AddSeconds(-1),
            Expires = now.Add(Lifetime),
            Claims = payload,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
    }

    private static string Unsigned(Dictionary<string, object> payload)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = new Dictionary<string, object>(payload)
        {
            ["iss"] = PassportFixture.Issuer,
            ["aud"] = PassportFixture.Audience,
            ["exp"] = now + 3600,
            ["nbf"] = now - 1,
            ["iat"] = now - 1,
        };
        return Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""") + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(body))) + ".";
    }
}
