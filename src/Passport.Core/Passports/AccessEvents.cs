using Passport.Sdk;

namespace Passport.Core.Passports;

/// <summary>A professional joined the care team (by share code, handover, or by creating the passport).</summary>
public sealed record CareTeamMemberJoined(
    string Subject,
    string DisplayName,
    string Sector,
    string? Organisation,
    string HowJoined,
    Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>The family removed a professional from the care team.</summary>
public sealed record CareTeamMemberRemoved(string Subject, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>The family issued a share code for a sector (the code itself is kept only in <see cref="ShareCode"/>).</summary>
public sealed record ShareCodeIssued(string Sector, DateTimeOffset ExpiresAt, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>The family changed whether a sector sees a group (only <c>default</c> and <c>optIn</c> groups).</summary>
public sealed record SharingChanged(string Sector, string Group, bool IsShared, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>A health professional with no relationship used emergency access, giving a reason.</summary>
public sealed record BreakGlassUsed(string Reason, DateTimeOffset Until, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>A linked carer invited another carer, with the rights they will hold.</summary>
public sealed record CarerInvited(CarerRights Rights, DateTimeOffset ExpiresAt, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>An invited carer accepted and is linked to the passport.</summary>
public sealed record CarerLinked(string Subject, string DisplayName, CarerRights Rights, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>A carer invited the young person to link to their own passport.</summary>
public sealed record YoungPersonInvited(DateTimeOffset ExpiresAt, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>The young person linked to their own passport.</summary>
public sealed record YoungPersonLinked(string Subject, string DisplayName, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>From 16 the young person took control; carers not named keep only the right to view.</summary>
public sealed record YoungPersonTookControl(IReadOnlyList<string> CarersKeepingTheirRights, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>An item was withheld from (or shown again to) the family. Null <see cref="WithheldFrom"/> shows it again.</summary>
public sealed record ItemWithholdingChanged(string Group, Guid ItemId, WithheldFrom? WithheldFrom, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => Group;
}

/// <summary>A carer set their own address and phone, and whether others on the passport may see them.</summary>
public sealed record CarerContactDetailsSet(string? Address, string? Phone, bool IsShared, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>Someone who may record in a group confirmed it is still correct (its review date moves on).</summary>
public sealed record SectionReviewed(string Group, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => Group;
}

/// <summary>A social-care professional froze family access during a safeguarding enquiry.</summary>
public sealed record FamilyAccessFrozen(string Reason, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>Family access was restored.</summary>
public sealed record FamilyAccessUnfrozen(Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}
