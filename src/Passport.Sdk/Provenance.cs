namespace Passport.Sdk;

/// <summary>Who recorded a value, when, and whether it is verified.</summary>
/// <param name="Subject">The recorder's subject.</param>
/// <param name="DisplayName">The recorder's name as shown to readers.</param>
/// <param name="Role">The recorder's role when recording.</param>
/// <param name="Sector">The recorder's sector, for professionals.</param>
/// <param name="Organisation">The recorder's organisation.</param>
/// <param name="RecordedAt">When it was recorded.</param>
/// <param name="IsVerified">
/// True when recorded or confirmed by a professional of the sector that owns the field group;
/// false when reported by the family.
/// </param>
/// <param name="Source">
/// Where the value came from when it was not typed into the passport, e.g. "Imported from Trelawny
/// Surgery" for a fact imported from a GP system's FHIR bundle; null otherwise.
/// </param>
public sealed record Provenance(
    string Subject,
    string DisplayName,
    string Role,
    string? Sector,
    string? Organisation,
    DateTimeOffset RecordedAt,
    bool IsVerified,
    string? Source = null);
