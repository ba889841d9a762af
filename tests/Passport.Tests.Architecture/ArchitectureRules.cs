using System.Reflection;
using NetArchTest.Rules;
using Passport.Tests.Architecture.Plugins;

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
    public static TestResult ModuleReferencesOnlyTheSdk(Assembly module) => ModuleReferencesOnlyTheSdk(module, ModuleAssemblies());

    private static TestResult ModuleReferencesOnlyTheSdk(Assembly module, IEnumerable<Assembly> plugins)
    {
        var own = module.GetName().Name!;
        var otherModules = plugins.Select(m => m.GetName().Name!).Where(n => n != own);
        return Types.InAssembly(module).ShouldNot()
            .HaveDependencyOnAny([CoreNamespace, HostNamespace, .. otherModules])
            .GetResult();
    }

    /// <summary>
    /// Each plugin that breaks the module rule or references an assembly of ours other than the SDK,
    /// named with what it reaches for: the one check over every plugin, so a counterexample goes
    /// through exactly the code the real plugins do.
    /// </summary>
    public static IReadOnlyList<string> PluginsReachingPastTheSdk(IReadOnlyList<Assembly> plugins) =>
        plugins.SelectMany(plugin =>
        {
            var name = plugin.GetName().Name;
            var types = ModuleReferencesOnlyTheSdk(plugin, plugins);
            var references = ReferencesToOurAssemblies(plugin, "Passport.Sdk");
            return (types.IsSuccessful ? [] : new[] { $"{name}: {Describe(types)}" })
                .Concat(references.Select(reference => $"{name}: references the assembly {reference}"));
        }).ToList();

    /// <summary>The SDK references no module, nor the core or host it is the contract for.</summary>
    public static TestResult SdkReferencesNothingOfOurs(Assembly sdk) =>
        Types.InAssembly(sdk).ShouldNot().HaveDependencyOnAny(ModulesNamespace, PluginsNamespace, CoreNamespace, HostNamespace).GetResult();

    /// <summary>The core references no module and not the host.</summary>
    public static TestResult CoreReferencesNoModule(Assembly core) =>
        Types.InAssembly(core).ShouldNot().HaveDependencyOnAny(ModulesNamespace, PluginsNamespace, HostNamespace).GetResult();

    /// <summary>
    /// One entry point to passport data: the API endpoint and every GraphQL type (its resolvers
    /// included) never touch the store; they go through <c>PassportAccess</c> and the SDK's
    /// loaders, which only ever receive passports the access decision has opened.
    /// </summary>
    public static IReadOnlyList<string> StoreReadsAroundTheAccessDecision(Assembly assembly) =>
        DependencyScan.Offenders(
            assembly.Location,
            type => type.Namespace.StartsWith(HostNamespace + ".Api", StringComparison.Ordinal)
                || type.Namespace.StartsWith(CoreNamespace + ".GraphQL", StringComparison.Ordinal)
                || IsGraphType(type)
                || IsModuleCode(assembly, type),
            "Marten", "Npgsql");

    /// <summary>Judged by name, without resolving GraphQL.NET's assembly (plugins ship without it).</summary>
    private static bool IsGraphType(Mono.Cecil.TypeDefinition type) =>
        type.BaseType?.Name.Contains("GraphType", StringComparison.Ordinal) == true;

    /// <summary>In a module, only Wolverine handlers, projections and the manifest may use the store.</summary>
    private static bool IsModuleCode(Assembly assembly, Mono.Cecil.TypeDefinition type) =>
        (assembly.GetName().Name!.StartsWith(ModulesNamespace, StringComparison.Ordinal) || assembly.GetName().Name!.StartsWith(PluginsNamespace, StringComparison.Ordinal))
        && !type.Name.EndsWith("Handler", StringComparison.Ordinal)
        && !type.Name.EndsWith("Projection", StringComparison.Ordinal)
        && type.BaseType?.Name != "PassportModule"
        && !type.Name.StartsWith('<'); // assembly-level compiler types

    /// <summary>
    /// Our own assemblies an assembly references at all (resolver lambdas included, which
    /// NetArchTest's type rules do not see), other than the allowed ones.
    /// </summary>
    public static IReadOnlyList<string> ReferencesToOurAssemblies(Assembly assembly, params string[] allowed) =>
        assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("Passport.", StringComparison.Ordinal) && !allowed.Contains(name))
            .ToList();

    /// <summary>
    /// Every plugin the rules judge: each project under modules/ and plugins/, and one freshly
    /// generated from the template (<see cref="JudgedPlugins"/>).
    /// </summary>
    public static IReadOnlyList<Assembly> ModuleAssemblies() => JudgedPlugins.All;

    public static string Metadata(string key) =>
        typeof(ArchitectureRules).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string Describe(TestResult result) =>
        result.IsSuccessful ? "" : "Offending types: " + string.Join(", ", result.FailingTypeNames ?? []);
}
