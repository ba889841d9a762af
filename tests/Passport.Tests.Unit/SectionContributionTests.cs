using GraphQL.Types;
using Passport.Core.GraphQL;
using Passport.Sdk;

namespace Passport.Tests.Unit;

/// <summary>
/// A module adds exactly the section its passport-plugin.json names: the one the host keeps,
/// answering MODULE_UNAVAILABLE, if the plugin ever fails to load. Kit modules take it from the
/// manifest; a module that adds its section by hand is checked.
/// </summary>
public class SectionContributionTests
{
    private static readonly ModuleManifest Leisure = new("leisure", Sectors.Leisure, "leisure", "Leisure", [new FieldGroup("leisure.activities", "Activities")], "leisure");

    [Fact]
    public void A_module_that_adds_the_section_its_manifest_names_contributes_it()
    {
        var contributions = new PassportSchemaContributions();

        contributions.ContributeFrom(new HandWrittenModule("leisure"), Leisure);

        contributions.Sections.ShouldHaveSingleItem().Name.ShouldBe("leisure");
        contributions.Mutations.ShouldHaveSingleItem();
    }

    [Fact]
    public void A_module_that_adds_another_section_than_its_manifest_names_is_refused_and_leaves_nothing_behind()
    {
        var contributions = new PassportSchemaContributions();

        Should.Throw<InvalidOperationException>(() => contributions.ContributeFrom(new HandWrittenModule("clubs"), Leisure))
            .Message.ShouldContain("the module adds the section 'clubs' to Passport, but its passport-plugin.json names the section 'leisure'");
        contributions.Sections.ShouldBeEmpty();
        contributions.Mutations.ShouldBeEmpty();
    }

    private sealed class HandWrittenModule(string section) : PassportModule
    {
        public override void ConfigureSchema(IPassportSchemaBuilder schema)
        {
            schema.AddSection<ClubsGraphType>(section, "Clubs the child goes to.", (_, _) => null);
            schema.AddMutations(_ => { });
        }
    }

    private sealed class ClubsGraphType : ObjectGraphType;
}
