using Marten;
using Passport.Core.Access;
using Passport.Core.Modules;
using Passport.Core.Passports;
using Passport.Sdk;
using Wolverine;

namespace Passport.Core.LocalAuthorityModules;

/// <summary>Whether an extra module is on for one local authority's children. Required modules are on everywhere.</summary>
public sealed class ModuleEnablement
{
    public string Id { get; set; } = "";
    public string LocalAuthority { get; set; } = "";
    public string Module { get; set; } = "";
    public bool IsEnabled { get; set; }
    public string ChangedBy { get; set; } = "";
    public DateTimeOffset ChangedAt { get; set; }

    public static string IdFor(string localAuthority, string module) => $"{localAuthority}/{module}";
}

/// <summary>Audit of every enabling and disabling: who, when, what. Append-only.</summary>
public sealed class ModuleEnablementChange
{
    public Guid Id { get; set; }
    public string LocalAuthority { get; set; } = "";
    public string Module { get; set; } = "";
    public bool IsEnabled { get; set; }
    public string Subject { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public DateTimeOffset At { get; set; }
}

public sealed record SetModuleEnablement(ModuleEnablement Enablement, ModuleEnablementChange Change);

public static class ModuleEnablementHandler
{
    /// <summary>The setting and its audit entry are one transaction.</summary>
    public static void Handle(SetModuleEnablement command, IDocumentSession session)
    {
        session.Store(command.Enablement);
        session.Insert(command.Change);
    }
}

/// <summary>A module as one local authority sees it.</summary>
public sealed record ModuleState(string Name, string? Sector, bool IsRequired, bool IsEnabled, string Status);

/// <summary>
/// Which modules are on for which local authority. Read once per request and authority; the
/// field middleware and the recorder ask it so a disabled module's fields answer
/// MODULE_NOT_ENABLED and its changes are refused, while its data stays for when it is on again.
/// </summary>
public sealed class ModuleEnablements(IQuerySession session, ModuleCatalog catalog, CurrentViewer viewer, IMessageBus bus, TimeProvider clock)
{
    private readonly Dictionary<string, Task<HashSet<string>>> _enabledByAuthority = [];
    private readonly Lock _gate = new();

    public async Task<bool> IsEnabledAsync(string module, string localAuthority, CancellationToken cancellationToken)
    {
        if (catalog.Entries.Any(e => e.Name == module && e.IsRequired))
        {
            return true;
        }

        Task<HashSet<string>> enabled;
        lock (_gate)
        {
            if (!_enabledByAuthority.TryGetValue(localAuthority, out enabled!))
            {
                enabled = LoadAsync(localAuthority, cancellationToken);
                _enabledByAuthority[localAuthority] = enabled;
            }
        }

        return (await enabled.ConfigureAwait(false)).Contains(module);
    }

    public async Task<IReadOnlyList<ModuleState>> ForAsync(string? localAuthority, CancellationToken cancellationToken)
    {
        if (localAuthority is not null && !LocalAuthorities.IsKnown(localAuthority))
        {
            throw PassportException.Invalid("localAuthority", "localAuthority must be the ONS code of one of the region's local authorities, e.g. E06000052.");
        }

        var states = new List<ModuleState>();
        foreach (var entry in catalog.Entries.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            var isEnabled = entry.IsRequired || (localAuthority is not null && await IsEnabledAsync(entry.Name, localAuthority, cancellationToken).ConfigureAwait(false));
            states.Add(new ModuleState(entry.Name, entry.Sector, entry.IsRequired, isEnabled, entry.Status == ModuleLoadStatus.Loaded ? "loaded" : "failed"));
        }

        return states;
    }

    /// <summary>A local authority's administrator switches an extra module on or off for their authority.</summary>
    public async Task<ModuleState> SetAsync(string localAuthority, string module, bool enabled, CancellationToken cancellationToken)
    {
        var who = viewer.Value;
        if (!who.Roles.Contains(Viewer.LocalAuthorityAdminRole) || who.LocalAuthority != localAuthority)
        {
            throw PassportException.Forbidden("Only an administrator of that local authority switches its modules.");
        }

        if (!LocalAuthorities.IsKnown(localAuthority))
        {
            throw PassportException.Invalid("localAuthority", "localAuthority must be the ONS code of one of the region's local authorities.");
        }

        var entry = catalog.Entries.FirstOrDefault(e => e.Name == module)
            ?? throw PassportException.Invalid("module", $"There is no module '{module}'.");
        if (entry.IsRequired)
        {
            throw PassportException.Forbidden($"The {module} module is required across the region and cannot be switched off.");
        }

        var now = clock.GetUtcNow();
        await bus.InvokeAsync(
            new SetModuleEnablement(
                new ModuleEnablement { Id = ModuleEnablement.IdFor(localAuthority, module), LocalAuthority = localAuthority, Module = module, IsEnabled = enabled, ChangedBy = who.Subject, ChangedAt = now },
                new ModuleEnablementChange { Id = Guid.CreateVersion7(now), LocalAuthority = localAuthority, Module = module, IsEnabled = enabled, Subject = who.Subject, DisplayName = who.DisplayName, At = now }),
            cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            _enabledByAuthority.Remove(localAuthority);
        }

        return (await ForAsync(localAuthority, cancellationToken).ConfigureAwait(false)).Single(m => m.Name == module);
    }

    private async Task<HashSet<string>> LoadAsync(string localAuthority, CancellationToken cancellationToken)
    {
        var enabled = await session.Query<ModuleEnablement>()
            .Where(e => e.LocalAuthority == localAuthority && e.IsEnabled)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return enabled.Select(e => e.Module).ToHashSet(StringComparer.Ordinal);
    }
}
