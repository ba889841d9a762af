using System.Reflection;
using NetArchTest.Rules;

namespace Passport.Tests.Architecture;

/// <summary>
/// The boundaries of SPEC §6 as rules over compiled assemblies. Each rule is a function of the
/// assembly it judges, so a test can also apply it to an assembly that breaks it and see it fail.
/// </summary>
internal static class ArchitectureRules
{
    public const string ModulesNamespace = "Passport.Modules";
    public const string PluginsNamespace = "Passport.Plugins";
    public const string CoreNamespace = "Passport.Core";
    public const string HostNamespace = "Passport.Host";

    /// <summary>The host knows no module or plugin at compile time.</summary>
    public static TestResult HostReferencesNoModule(Assembly host) =>
        Types.InAssembly(host).ShouldNot().HaveDependencyOnAny(ModulesNamespace, PluginsNamespace).GetResult();

    /// <summary>A module references the SDK, never the core, the host or another module.</summary>
    public static TestResult ModuleReferencesOnlyTheSdk(Assembly module)
    {
        var own = module.GetName().Name!;
        var otherModules = ModuleAssemblies().Select(m => m.GetName().Name!).Where(n => n != own);
        return Types.InAssembly(module).ShouldNot()
            .HaveDependencyOnAny([CoreNamespace, HostNamespace, .. otherModules])
            .GetResult();
    }

    /// <summary>The SDK references no module, nor the core or host it is the contract for.</summary>
    public static TestResult SdkReferencesNothingOfOurs(Assembly sdk) =>
        Types.InAssembly(sdk).ShouldNot().HaveDependencyOnAny(ModulesNamespace, PluginsNamespace, CoreNamespace, HostNamespace).GetResult();

    /// <summary>The core references no module and not the host.</summary>
    public static TestResult CoreReferencesNoModule(Assembly core) =>
        Types.InAssembly(core).ShouldNot().HaveDependencyOnAny(ModulesNamespace, PluginsNamespace, HostNamespace).GetResult();

    /// <summary>Every module and plugin assembly the build put in the plugins folder.</summary>
    public static IReadOnlyList<Assembly> ModuleAssemblies()
    {
        var plugins = Metadata("PluginsPath");
        return Directory.GetDirectories(plugins)
            .Select(folder => Path.Combine(folder, Path.GetFileName(folder) + ".dll"))
            .Where(File.Exists)
            .Select(Assembly.LoadFrom)
            .ToList();
    }

    public static string Metadata(string key) =>
        typeof(ArchitectureRules).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string Describe(TestResult result) =>
        result.IsSuccessful ? "" : "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
