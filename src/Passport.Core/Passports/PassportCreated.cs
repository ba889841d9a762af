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

