namespace Passport.Tests.Integration.Fuzzing;

/// <summary>
/// SPEC §4's default regional policy, copied literally (including the care-team and carers lists,
/// which SPEC makes field groups like any other), and what each kind of viewer may see under it.
/// </summary>
public static class RegionPolicy
{
    public static readonly string[] Sectors = ["health", "social-care", "education", "leisure"];

    private const string Table = """
        | identity.basic | always | always | default | default |
        | identity.nhsNumber | always | default | optIn | never |
        | aboutMe | default | default | default | default |
        | contacts.emergency | always | always | default | default |
        | health.emergency | always | default | default | default |
        | health.clinical | default | default | optIn | never |
        | health.growth | default | never | never | never |
        | health.immunisations | default | never | optIn | never |
        | socialCare.involvement | default | always | optIn | never |
        | socialCare.legalStatus | default | always | never | never |
        | socialCare.safeguarding | never | always | never | never |
        | education.setting | default | default | always | optIn |
        | education.sen | default | default | always | never |
        | leisure.activities | optIn | default | optIn | always |
        | careTeam | always | always | default | never |
        | family.carers | always | always | default | never |
        """;

    public const string Safeguarding = "socialCare.safeguarding";
    public const string CareTeam = "careTeam";
    public const string Carers = "family.carers";

    /// <summary>SPEC §4: what break-glass shows.</summary>
    public static readonly IReadOnlySet<string> EmergencyView = new HashSet<string>(StringComparer.Ordinal)
    {
        "identity.basic", "identity.nhsNumber", "aboutMe", "contacts.emergency", "health.emergency", "health.clinical",
    };

    public static readonly IReadOnlyDictionary<(string Sector, string Group), string> Levels = ParseTable();

    public static IEnumerable<string> Groups => Levels.Keys.Select(k => k.Group).Distinct();

    /// <summary>Carers and the young person: every group but safeguarding.</summary>
    public static IReadOnlySet<string> FamilyGroups { get; } = Groups.Where(g => g != Safeguarding).ToHashSet(StringComparer.Ordinal);

    /// <summary>What a sector sees of a passport given the family's choices (null: no choice made).</summary>
    public static IReadOnlySet<string> SectorGroups(string sector, Func<string, bool?> choice) =>
        Groups.Where(group => Levels[(sector, group)] switch
        {
            "always" => true,
            "default" => choice(group) ?? true,
            "optIn" => choice(group) ?? false,
            _ => false,
        }).ToHashSet(StringComparer.Ordinal);

    /// <summary>The most a sector can ever see: whatever the family chooses.</summary>
    public static IReadOnlySet<string> SectorCeiling(string sector) => SectorGroups(sector, _ => true);

    public static bool FamilyMayChange(string sector, string group) => Levels[(sector, group)] is "default" or "optIn";

    private static Dictionary<(string, string), string> ParseTable()
    {
        var table = new Dictionary<(string, string), string>();
        foreach (var row in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cells = row.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < Sectors.Length; i++)
            {
                table[(Sectors[i], cells[0])] = cells[i + 1];
            }
        }

        return table;
    }
}
