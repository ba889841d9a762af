namespace Passport.Tests.Integration.AccessModel;

/// <summary>The field groups the model knows: SPEC §3's, the Short Breaks plugin's, and the two lists DESIGN makes groups.</summary>
internal static class Groups
{
    public const string IdentityBasic = "identity.basic";
    public const string NhsNumber = "identity.nhsNumber";
    public const string AboutMe = "aboutMe";
    public const string Contacts = "contacts.emergency";
    public const string HealthEmergency = "health.emergency";
    public const string HealthClinical = "health.clinical";
    public const string Growth = "health.growth";
    public const string Immunisations = "health.immunisations";
    public const string Involvement = "socialCare.involvement";
    public const string LegalStatus = "socialCare.legalStatus";
    public const string Safeguarding = "socialCare.safeguarding";
    public const string Setting = "education.setting";
    public const string Sen = "education.sen";
    public const string Activities = "leisure.activities";
    public const string ShortBreaksPlan = "shortBreaks.plan";
    public const string CareTeam = "careTeam";
    public const string Carers = "family.carers";

    /// <summary>Groups that hold the child's information (everything but the two lists of who is involved).</summary>
    public static readonly string[] Content =
    [
        IdentityBasic, NhsNumber, AboutMe, Contacts, HealthEmergency, HealthClinical, Growth, Immunisations,
        Involvement, LegalStatus, Safeguarding, Setting, Sen, Activities, ShortBreaksPlan,
    ];

    public static readonly string[] All = [.. Content, CareTeam, Carers];

    /// <summary>What break-glass shows (SPEC §4).</summary>
    public static readonly IReadOnlySet<string> EmergencyView = new HashSet<string>(StringComparer.Ordinal)
    {
        IdentityBasic, NhsNumber, AboutMe, Contacts, HealthEmergency, HealthClinical,
    };
}

internal static class Sectors
{
    public const string Health = "health";
    public const string SocialCare = "social-care";
    public const string Education = "education";
    public const string Leisure = "leisure";

    public static readonly string[] All = [Health, SocialCare, Education, Leisure];
}

internal enum Level
{
    Never,
    OptIn,
    Default,
    Always,
}

/// <summary>
/// The region's default policy as SPEC §4 writes it, with DESIGN's two new groups (careTeam,
/// family.carers) and the row the region's policy file gives the Short Breaks plugin's group. A
/// group missing from the policy is denied.
/// </summary>
internal static class RegionPolicy
{
    private const string Table = """
        | identity.basic          | always  | always  | default | default |
        | identity.nhsNumber      | always  | default | optIn   | never   |
        | aboutMe                 | default | default | default | default |
        | contacts.emergency      | always  | always  | default | default |
        | health.emergency        | always  | default | default | default |
        | health.clinical         | default | default | optIn   | never   |
        | health.growth           | default | never   | never   | never   |
        | health.immunisations    | default | never   | optIn   | never   |
        | socialCare.involvement  | default | always  | optIn   | never   |
        | socialCare.legalStatus  | default | always  | never   | never   |
        | socialCare.safeguarding | never   | always  | never   | never   |
        | education.setting       | default | default | always  | optIn   |
        | education.sen           | default | default | always  | never   |
        | leisure.activities      | optIn   | default | optIn   | always  |
        | careTeam                | always  | always  | default | never   |
        | family.carers           | always  | always  | default | never   |
        | shortBreaks.plan        | default | always  | never   | never   |
        """;

    private static readonly Dictionary<(string Sector, string Group), Level> Levels = Parse();

    public static Level LevelFor(string sector, string group) =>
        Levels.TryGetValue((sector, group), out var level) ? level : Level.Never;

    /// <summary>Families change default and optIn groups; always and never are the policy's alone.</summary>
    public static bool FamilyMayChange(string sector, string group) => LevelFor(sector, group) is Level.Default or Level.OptIn;

    private static Dictionary<(string, string), Level> Parse()
    {
        var levels = new Dictionary<(string, string), Level>();
        foreach (var row in Table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cells = row.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            for (var i = 0; i < Sectors.All.Length; i++)
            {
                levels[(Sectors.All[i], cells[0])] = cells[i + 1] switch
                {
                    "always" => Level.Always,
                    "default" => Level.Default,
                    "optIn" => Level.OptIn,
                    _ => Level.Never,
                };
            }
        }

        return levels;
    }
}

/// <summary>DESIGN's group-write table: who writes each group.</summary>
internal static class WriteTable
{
    /// <summary>Whether a carer with edit rights and the young person write the group (unverified).</summary>
    public static bool FamilyWrites(string group) => group is not (Groups.Involvement or Groups.LegalStatus or Groups.Safeguarding);

    /// <summary>The sectors whose professionals write the group (verified); also the sectors that own its items.</summary>
    public static IReadOnlyList<string> ProfessionalsWriting(string group) => group switch
    {
        Groups.AboutMe => [],
        Groups.IdentityBasic or Groups.Contacts => [Sectors.Health, Sectors.SocialCare],
        Groups.NhsNumber => [Sectors.Health],
        Groups.HealthEmergency or Groups.HealthClinical or Groups.Growth or Groups.Immunisations => [Sectors.Health],
        Groups.Involvement or Groups.LegalStatus or Groups.Safeguarding => [Sectors.SocialCare],
        Groups.Setting or Groups.Sen => [Sectors.Education],
        Groups.Activities => [Sectors.Leisure],
        Groups.ShortBreaksPlan => [Sectors.SocialCare],
        _ => [],
    };
}
