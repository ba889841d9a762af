namespace Passport.Tests.Integration.Fuzzing;

/// <summary>
/// A passport seeded with content in every group whose state the fuzzer never changes, so what
/// each persona may see of it is known exactly: SPEC §4's policy, the family's choices made while
/// seeding, the items withheld, and whether family access is frozen.
/// </summary>
public sealed class OraclePassport(string name)
{
    public string Name { get; } = name;

    public string Id { get; set; } = "";

    /// <summary>The family's sharing choices that the host accepted.</summary>
    public Dictionary<(string Sector, string Group), bool> Choices { get; } = [];

    /// <summary>The care team, one professional per sector.</summary>
    public Dictionary<string, FuzzPersona> CareTeam { get; } = new(StringComparer.Ordinal);

    public List<FuzzPersona> Carers { get; } = [];

    public FuzzPersona? YoungPerson { get; set; }

    public FuzzPersona? BreakGlass { get; set; }

    /// <summary>Everyone who has or had a relationship: the family sees them in the history and access log.</summary>
    public HashSet<FuzzPersona> Involved { get; } = [];

    /// <summary>For each person, the groups whose values or history carry their name.</summary>
    public Dictionary<FuzzPersona, HashSet<string>> NameShownIn { get; } = [];

    /// <summary>Item id to its group.</summary>
    public Dictionary<string, string> Items { get; } = new(StringComparer.Ordinal);

    public HashSet<string> WithheldFromFamily { get; } = new(StringComparer.Ordinal);

    public HashSet<string> WithheldFromCarers { get; } = new(StringComparer.Ordinal);

    public bool IsFamilyFrozen { get; set; }

    public void ShowsNameIn(FuzzPersona person, params string[] groups)
    {
        if (!NameShownIn.TryGetValue(person, out var shown))
        {
            NameShownIn[person] = shown = new HashSet<string>(StringComparer.Ordinal);
        }

        shown.UnionWith(groups);
    }

    public ExpectedAccess AccessOf(FuzzPersona persona)
    {
        if (Carers.Contains(persona))
        {
            return ExpectedAccess.Family(ExpectedBasis.Carer, IsFamilyFrozen, WithheldFromFamily.Concat(WithheldFromCarers));
        }

        if (YoungPerson == persona)
        {
            return ExpectedAccess.Family(ExpectedBasis.YoungPerson, IsFamilyFrozen, WithheldFromFamily);
        }

        if (persona.Sector is { } sector && CareTeam.TryGetValue(sector, out var member) && member == persona)
        {
            return ExpectedAccess.CareTeam(RegionPolicy.SectorGroups(sector, group => Choices.TryGetValue((sector, group), out var shared) ? shared : null));
        }

        return BreakGlass == persona ? ExpectedAccess.BreakGlass() : ExpectedAccess.None;
    }
}
