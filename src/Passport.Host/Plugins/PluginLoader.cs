using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using Passport.Core.GraphQL;
using Passport.Core.Modules;
using Passport.Sdk;
using Passport.Sdk.Pages;

namespace Passport.Host.Plugins;

/// <summary>A module the host has loaded.</summary>
internal sealed record LoadedModule(PassportModule Module, Assembly Assembly, string Folder);

/// <summary>The host cannot start safely: a required module is missing or broken.</summary>
internal sealed class RequiredModuleException(string message) : Exception(message);

/// <summary>
/// Loads every plugin folder (one sub-folder per plugin, with its own .deps.json and its
/// passport-plugin.json) into the default load context so the SDK and shared infrastructure unify
/// to the host's single copies, and resolves each plugin's private dependencies from its own
/// folder. See docs/adr/0001 and docs/adr/0013.
/// </summary>
internal sealed class PluginLoader
{
    private readonly string _pluginsPath;
    private readonly ILogger _log;
    private readonly List<AssemblyDependencyResolver> _resolvers = [];
    private readonly Dictionary<string, Version?> _hostShipped;

    public PluginLoader(string pluginsPath, ILogger log)
    {
        _pluginsPath = pluginsPath;
        _log = log;
        _hostShipped = HostShippedAssemblies();
        AssemblyLoadContext.Default.Resolving += ResolvePrivateDependency;
    }

    /// <summary>
    /// Loads every plugin folder into the catalog and lets each loaded module contribute to the
    /// schema. A plugin that fails is recorded as failed; its manifest, read first from the folder,
    /// keeps its section answering MODULE_UNAVAILABLE.
    /// </summary>
    /// <exception cref="RequiredModuleException">A module the region's policy requires is missing or failed.</exception>
    public IReadOnlyList<LoadedModule> LoadAll(ModuleCatalog catalog, PassportSchemaContributions contributions)
    {
        var loaded = new List<LoadedModule>();
        var failures = new List<(string Folder, string Problem)>();
        var folders = Directory.Exists(_pluginsPath) ? Directory.GetDirectories(_pluginsPath).Order(StringComparer.Ordinal) : Enumerable.Empty<string>();
        foreach (var folder in folders)
        {
            ModuleManifest? manifest = null;
            ModuleWords? words = null;
            try
            {
                manifest = ModuleManifest.ReadFrom(folder);
                words = ModuleWords.ReadFrom(folder);
                if (loaded.Any(m => m.Module.Manifest.Name == manifest.Name))
                {
                    throw new InvalidOperationException($"another plugin already provides the module '{manifest.Name}'");
                }

                var module = Load(folder);
                contributions.ContributeFrom(module.Module, manifest);
                loaded.Add(module);
                catalog.Loaded(manifest, module.Module, words);
                _log.LogInformation("Loaded module {Module} ({Sector}) from {Folder}", manifest.Name, manifest.Sector, folder);
            }
            catch (Exception e) when (e is not RequiredModuleException)
            {
                var problem = e is TargetInvocationException { InnerException: { } inner } ? inner.Message : e.Message;
                failures.Add((folder, problem));
                catalog.Failed(Path.GetFileName(folder), manifest, problem, words);
                _log.LogError("Plugin folder {Folder} failed to load and is skipped: {Problem}", folder, problem);
            }
        }

        foreach (var required in catalog.RequiredModules)
        {
            if (!loaded.Any(m => m.Module.Manifest.Name == required))
            {
                var detail = failures.Count == 0 ? "" : " Plugins that failed to load: " + string.Join("; ", failures.Select(f => $"{Path.GetFileName(f.Folder)}: {f.Problem}"));
                throw new RequiredModuleException(
                    $"The required module '{required}' (the policy file's requiredModules) is not available in the plugins folder '{_pluginsPath}'. The host does not start without it, because missing clinical information must never look like none.{detail}");
            }
        }

        return loaded;
    }

    private LoadedModule Load(string folder)
    {
        var name = Path.GetFileName(folder);
        var mainAssembly = Path.Combine(folder, name + ".dll");
        if (!File.Exists(mainAssembly))
        {
            throw new InvalidOperationException($"no plugin assembly '{name}.dll' in the folder");
        }

        RefuseMismatchedSharedVersions(mainAssembly);
        _resolvers.Add(new AssemblyDependencyResolver(mainAssembly));
        var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(Path.GetFullPath(mainAssembly));
        var moduleTypes = assembly.GetExportedTypes().Where(t => t.IsSubclassOf(typeof(PassportModule)) && !t.IsAbstract).ToList();
        if (moduleTypes.Count != 1)
        {
            throw new InvalidOperationException($"the plugin must contain exactly one public PassportModule, found {moduleTypes.Count}");
        }

        var module = (PassportModule)Activator.CreateInstance(moduleTypes[0])!;
        return new LoadedModule(module, assembly, folder);
    }

    /// <summary>
    /// A plugin compiled against another version of an assembly the host ships would bind to the
    /// host's copy and fail later in obscure ways; refuse it now with a clear message.
    /// </summary>
    private void RefuseMismatchedSharedVersions(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle);
            var referenced = metadata.GetString(reference.Name);
            if (_hostShipped.TryGetValue(referenced, out var hostVersion) && hostVersion is not null && reference.Version != hostVersion)
            {
                throw new InvalidOperationException(
                    $"it was built against {referenced} {reference.Version} but the host provides {referenced} {hostVersion}; rebuild the plugin against the host's Directory.Packages.props");
            }
        }
    }

    private Assembly? ResolvePrivateDependency(AssemblyLoadContext context, AssemblyName name)
    {
        foreach (var resolver in _resolvers)
        {
            var path = resolver.ResolveAssemblyToPath(name);
            if (path is not null)
            {
                return context.LoadFromAssemblyPath(path);
            }
        }

        return null;
    }

    /// <summary>Assemblies the host application itself ships (not the shared framework): the single copies plugins must match.</summary>
    private static Dictionary<string, Version?> HostShippedAssemblies()
    {
        var baseDirectory = Path.GetFullPath(AppContext.BaseDirectory);
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var shipped = new Dictionary<string, Version?>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in trusted.Where(p => Path.GetFullPath(p).StartsWith(baseDirectory, StringComparison.Ordinal)))
        {
            try
            {
                var name = AssemblyName.GetAssemblyName(path);
                shipped[name.Name!] = name.Version;
            }
            catch (BadImageFormatException)
            {
                // Native or resource-only files in the output folder are not assemblies plugins reference.
            }
        }

        return shipped;
    }
}
