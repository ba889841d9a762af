using Passport.Sdk;

namespace Passport.Core.Passports;

/// <summary>The passport was created; its creator is linked to it.</summary>
public sealed record PassportCreated(
    Guid PassportId,
    string GivenName,
    string FamilyName,
    string? PreferredName,
    DateOnly DateOfBirth,
    string? NhsNumber,
    string LocalAuthority,
    Provenance CreatedBy) : IPassportEvent
{
    public string? FieldGroup => "identity.basic";

    public Provenance RecordedBy => CreatedBy;
}

/// <summary>"About me" was written; every field is replaced by the new text.</summary>
public sealed record AboutMeUpdated(
    string? Communication,
    string? ImportantToMe,
    string? Likes,
    string? Dislikes,
    string? WhatUpsetsMe,
    string? HowToHelpMe,
    string? HowIShowPain,
    string? MustKnow,
    Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => "aboutMe";
}

/// <summary>An emergency contact was added.</summary>
public sealed record EmergencyContactAdded(
    Guid ContactId,
    string Name,
    string Relationship,
    bool HasParentalResponsibility,
    string Phone,
    int PreferredOrder,
    Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => "contacts.emergency";

    public Guid ItemId => ContactId;
}

/// <summary>An emergency contact was corrected.</summary>
public sealed record EmergencyContactAmended(
    Guid ContactId,
    string Name,
    string Relationship,
    bool HasParentalResponsibility,
    string Phone,
    int PreferredOrder,
    Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => "contacts.emergency";

    public Guid ItemId => ContactId;
}

/// <summary>An emergency contact was removed.</summary>
public sealed record EmergencyContactRemoved(Guid ContactId, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => "contacts.emergency";

    public Guid ItemId => ContactId;
}

/// <summary>The child's basic details were corrected or completed.</summary>
public sealed record ChildDetailsUpdated(
    string GivenName,
    string FamilyName,
    string? PreferredName,
    DateOnly DateOfBirth,
    string? Pronouns,
    string? FirstLanguage,
    bool IsInterpreterNeeded,
    string? PhotoReference,
    string LocalAuthority,
    Provenance RecordedBy,
    string? CorrectionReason = null) : IPassportEvent
{
    public string? FieldGroup => "identity.basic";
}

/// <summary>The child's NHS number was added or corrected.</summary>
public sealed record NhsNumberSet(string NhsNumber, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => "identity.nhsNumber";
}
