using System.Reflection;
using System.Xml.Linq;
using Passport.Core;
using Passport.Sdk;
using Passport.Tests.Architecture.Plugins;
using static Passport.Tests.Architecture.ArchitectureRules;

namespace Passport.Tests.Architecture;

public class BoundaryTests
{
    private static readonly Assembly Host = typeof(Passport.Host.Identity.SigningKey).Assembly;
    private static readonly Assembly Core = typeof(PassportCoreRegistration).Assembly;
    private static readonly Assembly Sdk = typeof(PassportModule).Assembly;

    [Fact]
    public void The_rules_judge_every_plugin_project_of_the_repository_and_a_plugin_generated_from_the_template()
    {
        var judged = ModuleAssemblies().Select(m => m.GetName().Name).ToList();
        var projects = JudgedPlugins.ProjectsInRepository().Select(JudgedPlugins.AssemblyName).ToList();
        projects.ShouldContain("Passport.Modules.Health");
        projects.ShouldContain("Passport.Plugins.ShortBreaks");
        judged.ShouldBe([.. projects, JudgedPlugins.FromTemplate], ignoreOrder: true);
    }

    [Fact]
    public void The_host_references_no_module()
    {
        var result = HostReferencesNoModule(Host);
        result.IsSuccessful.ShouldBeTrue(Describe(result));
    }

    [Fact]
    public void The_host_rule_fails_for_an_assembly_that_references_a_module()
    {
        // The architecture tests' own assembly loads modules by name: it stands in for a host that references one.
        HostReferencesNoModule(ModuleAssemblies()[0]).IsSuccessful.ShouldBeFalse();
    }

    [Fact]
    public void The_host_project_has_no_project_reference_to_a_module()
    {
        var project = XDocument.Load(Path.Combine(Metadata("RepoRoot"), "src", "Passport.Host", "Passport.Host.csproj"));
        ProjectReferencesToModules(project).ShouldBeEmpty();
    }

    [Fact]
    public void The_project_reference_rule_fails_for_a_project_that_references_a_module()
    {
        var project = XDocument.Parse("""<Project><ItemGroup><ProjectReference Include="../../modules/Passport.Modules.Health/Passport.Modules.Health.csproj" /></ItemGroup></Project>""");
        ProjectReferencesToModules(project).ShouldNotBeEmpty();
    }

    [Fact]
    public void Every_plugin_references_only_the_SDK_of_our_assemblies() =>
        PluginsReachingPastTheSdk(ModuleAssemblies()).ShouldBeEmpty();

    [Fact]
    public void The_plugin_rule_names_Short_Breaks_when_it_uses_a_type_of_the_health_module()
    {
        var plugins = ModuleAssemblies().Select(p => p.GetName().Name == "Passport.Plugins.ShortBreaks" ? ShortBreaksReachingIntoHealth.Assembly : p).ToList();
        var violations = PluginsReachingPastTheSdk(plugins);
        violations.ShouldContain(v => v.StartsWith("Passport.Plugins.ShortBreaks: Offending types:", StringComparison.Ordinal) && v.Contains("ReachIntoHealth", StringComparison.Ordinal));
        violations.ShouldContain("Passport.Plugins.ShortBreaks: references the assembly Passport.Modules.Health");
        violations.ShouldAllBe(v => v.StartsWith("Passport.Plugins.ShortBreaks:", StringComparison.Ordinal));
    }

    [Fact]
    public void The_host_and_core_reference_no_module_assembly()
    {
        ReferencesToOurAssemblies(Host, "Passport.Sdk", "Passport.Core", "Passport.LocalPostgres", "Passport.Web").ShouldBeEmpty();
        ReferencesToOurAssemblies(Core, "Passport.Sdk").ShouldBeEmpty();
        ReferencesToOurAssemblies(Sdk).ShouldBeEmpty();
    }

    [Fact]
    public void The_assembly_reference_rule_fails_for_an_assembly_that_references_the_core() =>
        ReferencesToOurAssemblies(Host, "Passport.Sdk").ShouldContain("Passport.Core");

    [Fact]
    public void The_module_rule_fails_for_an_assembly_that_references_the_core() =>
        ModuleReferencesOnlyTheSdk(Host).IsSuccessful.ShouldBeFalse();

    [Fact]
    public void The_SDK_references_no_module_core_or_host()
    {
        var result = SdkReferencesNothingOfOurs(Sdk);
        result.IsSuccessful.ShouldBeTrue(Describe(result));
    }

    [Fact]
    public void The_SDK_rule_fails_for_an_assembly_that_references_the_core() =>
        SdkReferencesNothingOfOurs(Host).IsSuccessful.ShouldBeFalse();

    [Fact]
    public void The_core_references_no_module_and_not_the_host()
    {
        var result = CoreReferencesNoModule(Core);
        result.IsSuccessful.ShouldBeTrue(Describe(result));
    }

    [Fact]
    public void The_core_rule_fails_for_an_assembly_that_references_the_host() =>
        CoreReferencesNoModule(typeof(BoundaryTests).Assembly).IsSuccessful.ShouldBeFalse();

    private static List<string> ProjectReferencesToModules(XDocument project) =>
        project.Descendants("ProjectReference")
            .Select(r => (string?)r.Attribute("Include") ?? "")
            .Where(path => path.Contains("modules/", StringComparison.OrdinalIgnoreCase) || path.Contains("plugins/", StringComparison.OrdinalIgnoreCase))
            .ToList();
}
