using System.Security.Cryptography;

namespace Passport.Core.Passports;

/// <summary>
/// A single-use code the family reads out to a professional of one sector. Stored by its code,
/// with optimistic concurrency so two redemptions of one code cannot both succeed.
/// </summary>
public sealed class ShareCode
{
    /// <summary>No 0/O, 1/I/L or U/V look-alikes: easy to read out over the phone.</summary>
    public const string Alphabet = "ABCDEFGHJKMNPQRSTWXYZ23456789";
    public const int Length = 8;

    public string Id { get; set; } = "";
    public Guid PassportId { get; set; }
    public string Sector { get; set; } = "";
    public string IssuedBy { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public string? RedeemedBy { get; set; }
    public DateTimeOffset? RedeemedAt { get; set; }

    public static string NewCode() =>
        string.Create(Length, 0, (chars, _) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
            }
        });

    /// <summary>Shown as <c>ABCD-EFGH</c>; accepted with or without the dash, spaces or lower case.</summary>
    public static string Display(string code) => $"{code[..4]}-{code[4..]}";

    /// <remarks>Only ASCII letters and digits are kept: anything else (a NUL, say) could never be part of a code.</remarks>
    public static string Normalise(string? entered) =>
        new((entered ?? "").ToUpperInvariant().Where(char.IsAsciiLetterOrDigit).ToArray());
}

/// <summary>A failed attempt to redeem a share code: audited, and counted to stop guessing.</summary>
public sealed class ShareCodeAttempt
{
    public Guid Id { get; set; }
    public string Subject { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? Sector { get; set; }
    public string? Organisation { get; set; }
    public DateTimeOffset At { get; set; }
    public string Reason { get; set; } = "";
}

/// <summary>
/// Something a person should know: for the family (no <see cref="Recipient"/>), e.g. that
/// emergency access was used, or for one care-team member, e.g. a new severe allergy.
/// </summary>
public sealed class Notification
{
    public Guid Id { get; set; }
    public Guid PassportId { get; set; }

    /// <summary>The subject of the professional it is for; null when it is for the family.</summary>
    public string? Recipient { get; set; }
    public DateTimeOffset At { get; set; }
    public string Kind { get; set; } = "";
    public string Message { get; set; } = "";

    /// <summary>
    /// The field groups a reader must be allowed to see on the passport, when they read it, to be
    /// shown this notification (its message tells of them). Empty: the relationship is enough.
    /// </summary>
    public List<string> Groups { get; set; } = [];
}

public enum InvitationKind
{
    Carer,
    YoungPerson,
}

/// <summary>A single-use invitation for another carer or for the young person, kept by its code like a share code.</summary>
public sealed class FamilyInvitation
{
    public string Id { get; set; } = "";
    public InvitationKind Kind { get; set; }
    public Guid PassportId { get; set; }
    public CarerRights Rights { get; set; } = new(true, false, false, false);
    public string InvitedBy { get; set; } = "";

    /// <summary>When it was issued: a carer invitation issued before the young person took control is void.</summary>
    public DateTimeOffset IssuedAt { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
    public string? AcceptedBy { get; set; }
}
