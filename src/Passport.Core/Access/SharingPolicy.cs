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
/// The region's policy file: for each field group and sector, a <see cref="SharingLevel"/>; the
/// modules the region requires (the host does not start without them); and what break-glass shows.
/// Data, not code: a deployment edits the file. A group the file does not name is denied.
/// </summary>
public sealed class SharingPolicy
{
    /// <summary>The pseudo-sector that says whether carers and the young person see a group.</summary>
    public const string Family = "family";

    /// <summary>Safeguarding notes: never shown to the family, whatever a policy file says (SPEC §3, §4).</summary>
    public const string Safeguarding = "socialCare.safeguarding";

    private const string GroupsKey = "groups";
    private const string RequiredModulesKey = "requiredModules";
    private const string BreakGlassKey = "breakGlass";

    private readonly Dictionary<string, Dictionary<string, SharingLevel>> _levels;

    private SharingPolicy(Dictionary<string, Dictionary<string, SharingLevel>> levels, IReadOnlyList<string> requiredModules, IReadOnlySet<string> breakGlassGroups)
    {
        _levels = levels;
        RequiredModules = requiredModules;
        BreakGlassGroups = breakGlassGroups;
    }

    public IEnumerable<string> Groups => _levels.Keys;

    /// <summary>The professional sectors the policy names.</summary>
    public IReadOnlyList<string> Sectors => _levels.Values.SelectMany(s => s.Keys).Where(s => s != Family).Distinct().ToList();

    /// <summary>
    /// The modules the region requires: the host does not start unless each is loaded, and they are
    /// on for every local authority. A module cannot declare itself required or optional.
    /// </summary>
    public IReadOnlyList<string> RequiredModules { get; }

    /// <summary>
    /// The emergency view (SPEC §4): the groups a health professional who breaks glass sees for 24
    /// hours, whatever the sector's levels and the family's choices.
    /// </summary>
    public IReadOnlySet<string> BreakGlassGroups { get; }

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

    /// <summary>Reads a policy file, refusing anything it does not understand: a mistake in it must stop the start, not widen access.</summary>
    public static SharingPolicy Parse(Stream json)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("the policy must be a JSON object");
        }

        if (root.EnumerateObject().Select(p => p.Name).FirstOrDefault(k => k is not (GroupsKey or RequiredModulesKey or BreakGlassKey)) is { } key)
        {
            throw new FormatException($"unknown key '{key}': a policy file has {GroupsKey}, {RequiredModulesKey} and {BreakGlassKey}");
        }

        var levels = ParseLevels(Required(root, GroupsKey, "the sharing level of each field group for each sector"));
        var requiredModules = ParseRequiredModules(Required(root, RequiredModulesKey, "the modules without which the host does not start, e.g. [\"health\", \"social-care\", \"education\", \"leisure\"]"));
        var breakGlass = ParseBreakGlass(Required(root, BreakGlassKey, "{ \"groups\": [...] }, the field groups a health professional sees after breaking glass"), levels);
        return new SharingPolicy(levels, requiredModules, breakGlass);
    }

    private static JsonElement Required(JsonElement root, string key, string what) =>
        root.TryGetProperty(key, out var value) ? value : throw new FormatException($"'{key}' is missing: it holds {what}");

    private static Dictionary<string, Dictionary<string, SharingLevel>> ParseLevels(JsonElement groups)
    {
        if (groups.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"'{GroupsKey}' must be an object of field groups, each an object of sector levels");
        }

        var levels = new Dictionary<string, Dictionary<string, SharingLevel>>(StringComparer.Ordinal);
        foreach (var group in groups.EnumerateObject())
        {
            if (group.Value.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"group '{group.Name}' must be an object of sector levels, e.g. {{ \"health\": \"always\" }}");
            }

            var bySector = new Dictionary<string, SharingLevel>(StringComparer.Ordinal);
            foreach (var sector in group.Value.EnumerateObject())
            {
                bySector[sector.Name] = (sector.Value.ValueKind == JsonValueKind.String ? sector.Value.GetString() : sector.Value.GetRawText()) switch
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

        return levels;
    }

    private static List<string> ParseRequiredModules(JsonElement modules)
    {
        if (modules.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"'{RequiredModulesKey}' must be a list of module names, e.g. [\"health\", \"social-care\"]");
        }

        var names = new List<string>();
        foreach (var module in modules.EnumerateArray())
        {
            if (module.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(module.GetString()))
            {
                throw new FormatException($"'{RequiredModulesKey}': {module.GetRawText()} is not a module name");
            }

            var name = module.GetString()!;
            if (names.Contains(name, StringComparer.Ordinal))
            {
                throw new FormatException($"'{RequiredModulesKey}' names '{name}' twice");
            }

            names.Add(name);
        }

        return names;
    }

    private static HashSet<string> ParseBreakGlass(JsonElement breakGlass, Dictionary<string, Dictionary<string, SharingLevel>> levels)
    {
        if (breakGlass.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"'{BreakGlassKey}' must be an object: {{ \"groups\": [...] }}");
        }

        if (breakGlass.EnumerateObject().Select(p => p.Name).FirstOrDefault(k => k != GroupsKey) is { } key)
        {
            throw new FormatException($"unknown key '{BreakGlassKey}.{key}': {BreakGlassKey} has {GroupsKey} only");
        }

        if (!breakGlass.TryGetProperty(GroupsKey, out var groups) || groups.ValueKind != JsonValueKind.Array || groups.GetArrayLength() == 0)
        {
            throw new FormatException($"'{BreakGlassKey}.{GroupsKey}' must list the field groups a health professional sees after breaking glass (at least one)");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in groups.EnumerateArray())
        {
            var name = group.ValueKind == JsonValueKind.String ? group.GetString()! : group.GetRawText();
            // A misspelt group would silently leave an emergency clinician without it.
            if (!levels.ContainsKey(name))
            {
                throw new FormatException($"'{BreakGlassKey}.{GroupsKey}' names '{name}', which is not a field group of this policy's '{GroupsKey}'");
            }

            if (!names.Add(name))
            {
                throw new FormatException($"'{BreakGlassKey}.{GroupsKey}' names '{name}' twice");
            }
        }

        return names;
    }
}
