using System.Reflection;
using Marten;
using Passport.Sdk;
using static Passport.Tests.Architecture.ArchitectureRules;

namespace Passport.Tests.Architecture;

/// <summary>
/// The retention job purges a closed passport's module documents through
/// <see cref="PassportModule.PurgePassport"/>; a module that registers Marten documents and does
/// not override it would keep a purged child's data.
/// </summary>
public class RetentionTests
{
    [Fact]
    public void Every_module_that_keeps_documents_purges_them_with_the_passport()
    {
        var modules = ModuleAssemblies().SelectMany(a => a.GetTypes()).Where(t => t.IsSubclassOf(typeof(PassportModule)) && !t.IsAbstract).ToList();
        modules.Count.ShouldBeGreaterThanOrEqualTo(4);
        ModulesThatKeepDocumentsAfterPurge(modules).ShouldBeEmpty();
    }

    [Fact]
    public void The_purge_rule_fails_for_a_module_that_keeps_documents_without_purging_them() =>
        ModulesThatKeepDocumentsAfterPurge([typeof(ForgetfulModule)]).ShouldBe([nameof(ForgetfulModule)]);

    private static List<string> ModulesThatKeepDocumentsAfterPurge(IEnumerable<Type> modules) =>
        modules
            .Where(m => DeclaresOwn(m, nameof(PassportModule.ConfigureMarten)) && !DeclaresOwn(m, nameof(PassportModule.PurgePassport)))
            .Select(m => m.Name)
            .ToList();

    private static bool DeclaresOwn(Type module, string method) =>
        module.GetMethod(method, BindingFlags.Public | BindingFlags.Instance)!.DeclaringType == module;

    private sealed class ForgetfulModule : PassportModule
    {
        public override void ConfigureMarten(StoreOptions options) => options.Schema.For<ForgetfulModule>();

        public override void ConfigureSchema(IPassportSchemaBuilder schema)
        {
        }
    }
}
