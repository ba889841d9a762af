using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Marten;

namespace Passport.Core.EmergencyCards;

/// <summary>
/// The emergency card in use for a passport, found by the hash of its token. The token itself is
/// never stored: it is shown to the family once, when the card is issued, and then lives only on
/// the printed card and the lock-screen image. Revoking a card deletes this document, so a revoked
/// card and a card that never existed are the same thing to whoever scans it (ADR 18).
/// </summary>
public sealed class EmergencyCard
{
    /// <summary>The SHA-256 of the token, in lower-case hex.</summary>
    public string Id { get; set; } = "";

    public Guid PassportId { get; set; }

    /// <summary>Names the card in the passport's history (<see cref="EmergencyCardIssued"/>, <see cref="EmergencyCardRevoked"/>).</summary>
    public Guid CardId { get; set; }

    public DateTimeOffset IssuedAt { get; set; }

    /// <summary>The display name of the family member who issued it.</summary>
    public string IssuedBy { get; set; } = "";

    /// <summary>One card in use per passport, enforced by the database as well as by the decider.</summary>
    public static void Configure(StoreOptions options, string schema) =>
        options.Schema.For<EmergencyCard>().DatabaseSchemaName(schema).UniqueIndex(c => c.PassportId);
}

/// <summary>
/// The token a card's QR code carries: 128 random bits as 22 URL-safe characters. It holds no data
/// about the child or the passport; only its hash is kept (a fast hash is enough: nobody can search
/// 2^128 tokens, so there is nothing for a slow password hash to slow down).
/// </summary>
public static class EmergencyCardToken
{
    /// <summary>Random bytes per token: 128 bits.</summary>
    public const int RandomBytes = 16;

    /// <summary>Characters per token (base64url of 16 bytes, without padding).</summary>
    public const int Length = 22;

    /// <summary>The path of the card's link on this host: <c>/card/{token}</c>.</summary>
    public const string PathPrefix = "/card/";

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(RandomBytes));

    /// <summary>The stored form of a token; null for anything that could never be one (answered like an unknown card).</summary>
    public static string? HashOf(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
            ? Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)))
            : null;

    /// <summary>
    /// The card's link: the configured public address of the service (<c>Passport__PublicUrl</c>, as
    /// people outside reach it behind a load balancer), else the address this request came to.
    /// </summary>
    public static string Url(string? publicUrl, string? requestOrigin, string token)
    {
        var origin = !string.IsNullOrWhiteSpace(publicUrl) ? publicUrl : requestOrigin ?? "";
        return origin.TrimEnd('/') + PathPrefix + token;
    }
}
