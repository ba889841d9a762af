using Passport.Core.Passports;
using Passport.Sdk;
using Passport.Sdk.Pages;

namespace Passport.Core.Modules;

/// <summary>How a plugin fared at start.</summary>
public enum ModuleLoadStatus
{
    Loaded,
    Failed,
}

/// <summary>
/// A module the host found, loaded or not. A plugin whose manifest could not be read is named after
/// its folder, with no manifest. <paramref name="Words"/>: its words in other languages (the
/// <c>passport-plugin.&lt;language&gt;.json</c> files beside its manifest).
/// </summary>
public sealed record ModuleEntry(string Name, string? Sector, bool IsRequired, ModuleLoadStatus Status, string? Problem, ModuleManifest? Manifest, ModuleWords? Words = null);

/// <summary>
/// The modules of this host: filled once at start by plugin loading, read by the access decision
/// (which sector owns a group) and by the <c>modules</c> query. Which modules are required is the
/// region's decision (its policy file), not the modules'.
/// </summary>
public sealed class ModuleCatalog(IReadOnlyCollection<string> requiredModules)
{
    private readonly List<ModuleEntry> _entries = [];
    private readonly Dictionary<string, string> _owningSectorOfGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _moduleOfGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FieldGroup> _groups = CoreFieldGroups.All.ToDictionary(g => g.Name, StringComparer.Ordinal);
    private readonly Dictionary<string, ModuleManifest> _unavailableSections = new(StringComparer.Ordinal);
    private readonly List<PassportModule> _modules = [];

    /// <summary>A catalog for a region that requires no module (tests of the access decision).</summary>
    public ModuleCatalog()
        : this([])
    {
    }

    public IReadOnlyList<ModuleEntry> Entries => _entries;

    /// <summary>The modules the region requires: the host does not start unless each is loaded.</summary>
    public IReadOnlyCollection<string> RequiredModules => requiredModules;

    /// <summary>The loaded modules themselves, for the questions the core asks them (e.g. which group an item is in).</summary>
    public IReadOnlyList<PassportModule> Modules => _modules;

    public void Loaded(ModuleManifest manifest, PassportModule? module = null, ModuleWords? words = null)
    {
        if (module is not null)
        {
            _modules.Add(module);
        }

        _entries.Add(new ModuleEntry(manifest.Name, manifest.Sector, IsRequired(manifest.Name), ModuleLoadStatus.Loaded, null, manifest, words));
        foreach (var group in manifest.FieldGroups)
        {
            _owningSectorOfGroup[group.Name] = manifest.Sector;
            _moduleOfGroup[group.Name] = manifest.Name;
            _groups[group.Name] = group;
        }
    }

    /// <summary>
    /// A plugin that failed to load. With its manifest read, it is listed by its module name and its
    /// section stays in the schema, answering MODULE_UNAVAILABLE: missing information must never
    /// look like "none recorded". Without one, it is listed by its folder's name.
    /// </summary>
    public void Failed(string folderName, ModuleManifest? manifest, string problem, ModuleWords? words = null)
    {
        var name = manifest?.Name ?? folderName;
        _entries.Add(new ModuleEntry(name, manifest?.Sector, IsRequired(name), ModuleLoadStatus.Failed, problem, manifest, words));
        if (manifest is not null)
        {
            _unavailableSections[manifest.Section] = manifest;
        }
    }

    /// <summary>Section field name → manifest, for plugins that failed to load.</summary>
    public IReadOnlyDictionary<string, ModuleManifest> UnavailableSections => _unavailableSections;

    public bool IsRequired(string module) => requiredModules.Contains(module);

    /// <summary>The module whose fields a group belongs to; null for core groups.</summary>
    public string? ModuleOf(string group) => _moduleOfGroup.GetValueOrDefault(group);

    /// <summary>The sector whose professionals record verified values in a group; null for core groups.</summary>
    public string? OwningSectorOf(string group) => _owningSectorOfGroup.GetValueOrDefault(group);

    /// <summary>Whether the family may write a group (SPEC §4 "Who may write"); unknown groups: no.</summary>
    public bool FamilyWrites(string group) => _groups.TryGetValue(group, out var declared) && declared.FamilyWrites;

    /// <summary>
    /// The sectors whose professionals record verified facts in a group: what the group declares,
    /// else the sector of the module that owns it. Core groups without a declaration: none.
    /// </summary>
    public IReadOnlyList<string> RecordingSectorsOf(string group) =>
        _groups.TryGetValue(group, out var declared) && declared.RecordingSectors.Count > 0
            ? declared.RecordingSectors
            : OwningSectorOf(group) is { } owner ? [owner] : [];

    /// <summary>Every group a field may declare: the core's and every loaded module's.</summary>
    public IEnumerable<string> AllGroups => CoreFieldGroups.All.Select(g => g.Name).Concat(_owningSectorOfGroup.Keys);

    public bool IsAvailable(string module) =>
        _entries.Any(e => e.Name == module && e.Status == ModuleLoadStatus.Loaded);
}
