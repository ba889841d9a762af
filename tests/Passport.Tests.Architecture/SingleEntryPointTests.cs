using System.Reflection;
using GraphQL.Types;
using Marten;
using Passport.Core;
using static Passport.Tests.Architecture.ArchitectureRules;

namespace Passport.Tests.Architecture;

public class SingleEntryPointTests
{
    [Fact]
    public void The_core_schema_reads_passports_only_through_the_access_decision() =>
        StoreReadsAroundTheAccessDecision(typeof(PassportCoreRegistration).Assembly).ShouldBeEmpty();

    [Fact]
    public void The_API_endpoint_reads_passports_only_through_the_access_decision() =>
        StoreReadsAroundTheAccessDecision(typeof(Passport.Host.Identity.SigningKey).Assembly).ShouldBeEmpty();

    [Fact]
    public void Module_fields_read_passports_only_through_the_access_decision()
    {
        foreach (var module in ModuleAssemblies())
        {
            StoreReadsAroundTheAccessDecision(module).ShouldBeEmpty(module.GetName().Name);
        }
    }

    [Fact]
    public void Web_pages_read_passports_only_through_GraphQL_as_the_signed_in_user() =>
        DependencyScan.Offenders(typeof(Passport.Web.Infrastructure.PageGraphQL).Assembly.Location, _ => true, "Marten", "Npgsql").ShouldBeEmpty();

    [Fact]
    public void The_entry_point_rule_fails_for_a_resolver_that_queries_the_store() =>
        StoreReadsAroundTheAccessDecision(Assembly.GetExecutingAssembly())
            .ShouldContain(offence => offence.StartsWith(typeof(RogueGraphType).FullName!, StringComparison.Ordinal) && offence.Contains("Marten.IQuerySession", StringComparison.Ordinal));
}

/// <summary>A field that reads the store around the access decision: what the rule exists to catch.</summary>
internal sealed class RogueGraphType : ObjectGraphType
{
    public RogueGraphType() =>
        Field<StringGraphType>("everything").ResolveAsync(async c =>
            (object?)await ((IQuerySession)c.RequestServices!.GetService(typeof(IQuerySession))!).Query<string>().FirstOrDefaultAsync());
}
