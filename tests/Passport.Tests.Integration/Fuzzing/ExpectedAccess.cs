namespace Passport.Tests.Integration.Fuzzing;

public enum ExpectedBasis
{
    None,
    Carer,
    YoungPerson,
    CareTeam,
    BreakGlass,
}

/// <summary>
/// What a persona may see of one passport: the groups, the items withheld from them, and whether
/// they are a family whose access is frozen. For passports the fuzzer may change it is a ceiling
/// (the most the persona could ever see), which is enough for "nothing outside it appears".
/// </summary>
public sealed record ExpectedAccess(ExpectedBasis Basis, IReadOnlySet<string> Groups, IReadOnlySet<string> WithheldItems, bool IsFrozenFamily = false)
{
    private static readonly IReadOnlySet<string> Nothing = new HashSet<string>();

    public static readonly ExpectedAccess None = new(ExpectedBasis.None, Nothing, Nothing);

    public bool HasRelationship => Basis != ExpectedBasis.None;

    public bool IsFamily => Basis is ExpectedBasis.Carer or ExpectedBasis.YoungPerson;

    /// <summary>Carers (with the view right) and the young person read the access log, unless frozen.</summary>
    public bool ReadsAccessLog => IsFamily && !IsFrozenFamily;

    public bool Sees(string group) => Groups.Contains(group);

    public static ExpectedAccess Family(ExpectedBasis basis, bool isFrozen, IEnumerable<string> withheld) =>
        new(basis, isFrozen ? Nothing : RegionPolicy.FamilyGroups, withheld.ToHashSet(StringComparer.Ordinal), isFrozen);

    public static ExpectedAccess CareTeam(IReadOnlySet<string> groups) => new(ExpectedBasis.CareTeam, groups, Nothing);

    public static ExpectedAccess BreakGlass() => new(ExpectedBasis.BreakGlass, RegionPolicy.EmergencyView, Nothing);

    /// <summary>The most a persona of this kind could see of any passport, whatever happens to it.</summary>
    public static ExpectedAccess Ceiling(FuzzPersona persona) => persona.Kind switch
    {
        PersonaKind.Carer or PersonaKind.ViewOnlyCarer => Family(ExpectedBasis.Carer, false, []),
        PersonaKind.YoungPerson => Family(ExpectedBasis.YoungPerson, false, []),
        PersonaKind.Professional when persona.Sector is { } sector => CareTeam(RegionPolicy.SectorCeiling(sector).Union(sector == "health" ? RegionPolicy.EmergencyView : []).ToHashSet(StringComparer.Ordinal)),
        _ => None,
    };
}
