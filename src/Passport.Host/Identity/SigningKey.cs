using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Passport.Host.Identity;

/// <summary>
/// An RS256 key pair kept as a private PEM beside a public JWKS file: the development default's
/// signing key, and the test suite's. Tokens it issues go through the same JwtBearer validation
/// as Keycloak's (offline, from <c>Auth__JwksFile</c>).
/// </summary>
public sealed class SigningKey
{
    private readonly RsaSecurityKey _key;

    private SigningKey(RSA rsa, string keyId) => _key = new RsaSecurityKey(rsa) { KeyId = keyId };

    public string KeyId => _key.KeyId;

    /// <summary>Loads the key from <paramref name="folder"/>, creating it (and its JWKS) on first use.</summary>
    public static SigningKey LoadOrCreate(string folder)
    {
        Directory.CreateDirectory(folder);
        var pemPath = Path.Combine(folder, "signing-key.pem");
        var rsa = RSA.Create();
        if (File.Exists(pemPath))
        {
            rsa.ImportFromPem(File.ReadAllText(pemPath));
        }
        else
        {
            rsa.KeySize = 2048;
            File.WriteAllText(pemPath, rsa.ExportPkcs8PrivateKeyPem());
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(pemPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        var keyId = Convert.ToHexString(SHA256.HashData(rsa.ExportSubjectPublicKeyInfo()))[..16].ToLowerInvariant();
        var key = new SigningKey(rsa, keyId);
        File.WriteAllText(JwksPath(folder), key.PublicJwks());
        return key;
    }

    public static string JwksPath(string folder) => Path.Combine(folder, "jwks.json");

    /// <summary>The public key as a JWKS document.</summary>
    public string PublicJwks()
    {
        var parameters = _key.Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, string>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["alg"] = "RS256",
            ["kid"] = KeyId,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        return JsonSerializer.Serialize(new { keys = new[] { jwk } });
    }

    /// <summary>Issues a Keycloak-shaped access token.</summary>
    public string Issue(TokenClaims claims, string issuer, string audience, DateTimeOffset now, TimeSpan lifetime)
    {
        var payload = new Dictionary<string, object>
        {
            ["sub"] = claims.Subject,
            ["name"] = claims.Name,
            ["preferred_username"] = claims.PreferredUsername,
            ["realm_access"] = new Dictionary<string, object> { ["roles"] = claims.Roles.ToArray() },
            ["typ"] = "Bearer",
        };
        if (claims.ClientRoles is not null)
        {
            payload["resource_access"] = claims.ClientRoles.ToDictionary(c => c.Key, c => (object)new Dictionary<string, object> { ["roles"] = c.Value.ToArray() });
        }

        if (claims.Sector is not null)
        {
            payload["sector"] = claims.Sector;
        }

        if (claims.Organisation is not null)
        {
            payload["organisation"] = claims.Organisation;
        }

        if (claims.LocalAuthority is not null)
        {
            payload["local_authority"] = claims.LocalAuthority;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime.AddSeconds(-1),
            NotBefore = now.UtcDateTime.AddSeconds(-1),
            Expires = now.UtcDateTime.Add(lifetime),
            Claims = payload,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}

/// <summary>The claims of a Keycloak access token that this service reads.</summary>
public sealed record TokenClaims(
    string Subject,
    string Name,
    string PreferredUsername,
    IReadOnlyList<string> Roles,
    string? Sector = null,
    string? Organisation = null,
    string? LocalAuthority = null,
    IReadOnlyDictionary<string, IReadOnlyList<string>>? ClientRoles = null);
