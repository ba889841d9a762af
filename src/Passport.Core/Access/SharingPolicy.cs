using System.Text.Json;

namespace Passport.Core.Access;

/// <summary>How the region's policy lets a sector see a field group (SPEC §4).</summary>
public enum SharingLevel
{
    /// <summary>Not in the policy: denied.</summary>
    Missing,

    /// <summary>Never shared with the sector.</summary>
    Never,

    /// <summary>Shared only when the family opts in.</summary>
    OptIn,

    /// <summary>Shared unless the family opts out.</summary>
    Default,

    /// <summary>A legal duty: the family cannot withdraw it.</summary>
    Always,
}

/// <summary>
/// The region's policy file: for each field group and sector, a <see cref="SharingLevel"/>.
/// Data, not code: a deployment edits the file. A group the file does not name is denied.
/// </summary>
public sealed class SharingPolicy
{
    /// <summary>The pseudo-sector that says whether carers and the young person see a group.</summary>
    public const string Family = "family";

    /// <summary>Safeguarding notes: never shown to the family, whatever a policy file says (SPEC §3, §4).</summary>
    public const string Safeguarding = "socialCare.safeguarding";

    private readonly Dictionary<string, Dictionary<string, SharingLevel>> _levels;

    private SharingPolicy(Dictionary<string, Dictionary<string, SharingLevel>> levels) => _levels = levels;

    public IEnumerable<string> Groups => _levels.Keys;

    /// <summary>The professional sectors the policy names.</summary>
    public IReadOnlyList<string> Sectors => _levels.Values.SelectMany(s => s.Keys).Where(s => s != Family).Distinct().ToList();

    public SharingLevel LevelFor(string sector, string group) =>
        _levels.TryGetValue(group, out var bySector) && bySector.TryGetValue(sector, out var level) ? level : SharingLevel.Missing;

    /// <summary>
    /// Carers and the young person see every group the policy does not close to the family, and
    /// never safeguarding notes: that rule is the service's (SPEC §4), not a region's to change,
    /// so it holds even for a policy file that leaves the family entry out.
    /// </summary>
    public bool IsHiddenFromFamily(string group) => group == Safeguarding || LevelFor(Family, group) == SharingLevel.Never;

    public bool Covers(string group) => _levels.ContainsKey(group);

    public static SharingPolicy Load(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Parse(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException)
        {
            throw new InvalidOperationException($"The access policy file '{path}' cannot be read: {e.Message}", e);
        }
    }

    public static SharingPolicy Parse(Stream json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var groups = document.RootElement.GetProperty("groups");
        var levels = new Dictionary<string, Dictionary<string, SharingLevel>>(StringComparer.Ordinal);
        foreach (var group in groups.EnumerateObject())
        {
            var bySector = new Dictionary<string, SharingLevel>(StringComparer.Ordinal);
            foreach (var sector in group.Value.EnumerateObject())
            {
                bySector[sector.Name] = sector.Value.GetString() switch
                {
                    "always" => SharingLevel.Always,
                    "default" => SharingLevel.Default,
                    "optIn" => SharingLevel.OptIn,
                    "never" => SharingLevel.Never,
                    var other => throw new FormatException($"group '{group.Name}', sector '{sector.Name}': '{other}' is not one of always, default, optIn, never"),
                };
            }

            if (group.Name == Safeguarding && bySector.TryGetValue(Family, out var family) && family != SharingLevel.Never)
            {
                throw new FormatException($"group '{Safeguarding}', sector '{Family}': safeguarding notes are never shown to the family, so the only level allowed here is never");
            }

            levels[group.Name] = bySector;
        }

        return new SharingPolicy(levels);
    }
}
