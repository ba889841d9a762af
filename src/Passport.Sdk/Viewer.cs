namespace Passport.Sdk;

/// <summary>The signed-in person, as their validated token describes them.</summary>
/// <param name="Subject">The token's <c>sub</c>: stable identity of the person.</param>
/// <param name="DisplayName">The token's <c>name</c>, else <c>preferred_username</c>.</param>
/// <param name="Roles">Realm and client roles: <c>carer</c>, <c>young-person</c>, <c>professional</c>, <c>la-admin</c>, <c>auditor</c>, <c>commissioner</c>.</param>
/// <param name="Sector">For professionals: their sector (see <see cref="Sectors"/>).</param>
/// <param name="Organisation">The organisation the person acts for.</param>
/// <param name="LocalAuthority">For local-authority staff: their authority's ONS code.</param>
public sealed record Viewer(
    string Subject,
    string DisplayName,
    IReadOnlySet<string> Roles,
    string? Sector,
    string? Organisation,
    string? LocalAuthority)
{
    /// <summary>The role of a parent or carer with parental responsibility.</summary>
    public const string CarerRole = "carer";

    /// <summary>The role of a child or young person using their own passport.</summary>
    public const string YoungPersonRole = "young-person";

    /// <summary>The role of a professional of a sector.</summary>
    public const string ProfessionalRole = "professional";

    /// <summary>The role of a local-authority administrator.</summary>
    public const string LocalAuthorityAdminRole = "la-admin";

    /// <summary>The role of an auditor or Caldicott guardian.</summary>
    public const string AuditorRole = "auditor";

    /// <summary>The role of a commissioner, who reads the region's impact measures (aggregates only).</summary>
    public const string CommissionerRole = "commissioner";

    /// <summary>True for a professional with a sector claim.</summary>
    public bool IsProfessional => Roles.Contains(ProfessionalRole) && !string.IsNullOrEmpty(Sector);

    /// <summary>True for a carer.</summary>
    public bool IsCarer => Roles.Contains(CarerRole);

    /// <summary>True for a young person.</summary>
    public bool IsYoungPerson => Roles.Contains(YoungPersonRole);

    /// <summary>The role this person records facts under, for provenance.</summary>
    public string RecordingRole =>
        IsProfessional ? ProfessionalRole : IsYoungPerson ? YoungPersonRole : IsCarer ? CarerRole : Roles.FirstOrDefault() ?? "unknown";
}
