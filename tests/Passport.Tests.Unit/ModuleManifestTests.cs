using System.Reflection;
using Passport.Sdk;

namespace Passport.Tests.Unit;

/// <summary>passport-plugin.json: the one declaration of a module, read from its plugin folder.</summary>
public class ModuleManifestTests
{
    private const string Folder = "/plugins/Passport.Plugins.ShortBreaks";

    private const string ShortBreaks = """
        {
          "module": "short-breaks",
          "sector": "social-care",
          "section": "shortBreaks",
          "sectionTitle": "Short breaks",
          "databaseSchema": "short_breaks",
          "fieldGroups": [
            { "name": "shortBreaks.plan", "description": "Short breaks plan", "familyWrites": true, "recordingSectors": ["social-care", "health"] }
          ]
        }
        """;

    [Fact]
    public void A_manifest_gives_the_module_its_name_sector_section_groups_and_schema()
    {
        var manifest = ModuleManifest.Parse(ShortBreaks, Folder);

        manifest.Name.ShouldBe("short-breaks");
        manifest.Sector.ShouldBe("social-care");
        manifest.Section.ShouldBe("shortBreaks");
        manifest.SectionTitle.ShouldBe("Short breaks");
        manifest.DatabaseSchema.ShouldBe("short_breaks");
        var group = manifest.FieldGroups.ShouldHaveSingleItem();
        group.Name.ShouldBe("shortBreaks.plan");
        group.FamilyWrites.ShouldBeTrue();
        group.RecordingSectors.ShouldBe(["social-care", "health"]);
    }

    [Fact]
    public void A_group_that_says_nothing_about_writing_is_not_written_by_the_family()
    {
        var manifest = ModuleManifest.Parse(ShortBreaks.Replace(""", "familyWrites": true, "recordingSectors": ["social-care", "health"]""", "", StringComparison.Ordinal), Folder);

        manifest.FieldGroups[0].FamilyWrites.ShouldBeFalse();
        manifest.FieldGroups[0].RecordingSectors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("\"familyWrites\": true", "\"familyWrites\": \"yes\"", "fieldGroups[0].familyWrites")]
    [InlineData("\"familyWrites\": true", "\"familyWrite\": true", "fieldGroups[0].familyWrite")]
    [InlineData("\"sectionTitle\": \"Short breaks\",", "", "sectionTitle")]
    [InlineData("\"module\": \"short-breaks\"", "\"module\": \"Short Breaks\"", "module")]
    [InlineData("\"sector\": \"social-care\"", "\"sector\": \"\"", "sector")]
    [InlineData("\"section\": \"shortBreaks\"", "\"section\": \"short-breaks\"", "section")]
    [InlineData("\"databaseSchema\": \"short_breaks\"", "\"databaseSchema\": \"short-breaks\"", "databaseSchema")]
    [InlineData("\"name\": \"shortBreaks.plan\"", "\"name\": \"\"", "fieldGroups[0].name")]
    [InlineData("\"description\": \"Short breaks plan\"", "\"description\": 3", "fieldGroups[0].description")]
    [InlineData("[\"social-care\", \"health\"]", "[\"social care\"]", "fieldGroups[0].recordingSectors[0]")]
    [InlineData("\"module\": \"short-breaks\"", "\"module\": \"short-breaks\", \"isRequired\": false", "isRequired")]
    public void A_manifest_with_a_bad_member_is_refused_naming_the_member_and_the_folder(string from, string to, string member)
    {
        var refused = Should.Throw<InvalidManifestException>(() => ModuleManifest.Parse(ShortBreaks.Replace(from, to, StringComparison.Ordinal), Folder));

        refused.Member.ShouldBe(member);
        refused.Message.ShouldContain($"'{member}'");
        refused.Message.ShouldContain(Folder);
    }

    [Fact]
    public void A_group_declared_twice_is_refused()
    {
        var twice = ShortBreaks.Replace("""
            { "name": "shortBreaks.plan", "description": "Short breaks plan", "familyWrites": true, "recordingSectors": ["social-care", "health"] }
            """, """
            { "name": "shortBreaks.plan", "description": "One" }, { "name": "shortBreaks.plan", "description": "Two" }
            """, StringComparison.Ordinal);

        Should.Throw<InvalidManifestException>(() => ModuleManifest.Parse(twice, Folder)).Member.ShouldBe("fieldGroups[1].name");
    }

    [Fact]
    public void A_folder_without_a_manifest_is_refused_naming_the_folder()
    {
        var folder = Directory.CreateTempSubdirectory("passport-no-manifest-").FullName;
        try
        {
            var refused = Should.Throw<InvalidManifestException>(() => ModuleManifest.ReadFrom(folder));
            refused.Message.ShouldContain(folder);
            refused.Message.ShouldContain("has no passport-plugin.json");
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Fact]
    public void Text_that_is_not_JSON_is_refused_naming_the_folder() =>
        Should.Throw<InvalidManifestException>(() => ModuleManifest.Parse("{ \"module\": ", Folder)).Message.ShouldContain(Folder);

    [Fact]
    public void Every_module_and_plugin_of_the_repository_has_a_manifest_that_reads()
    {
        var root = typeof(ModuleManifestTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;
        var projects = Directory.GetDirectories(Path.Combine(root, "modules")).Concat(Directory.GetDirectories(Path.Combine(root, "plugins")))
            .Append(Path.Combine(root, "templates", "passport-plugin"))
            .ToList();
        projects.Count.ShouldBeGreaterThanOrEqualTo(6);

        var manifests = projects.Select(ModuleManifest.ReadFrom).ToList();
        manifests.Select(m => m.Name).ShouldBe(["education", "health", "leisure", "social-care", "short-breaks", "example-module"], ignoreOrder: true);
        manifests.Select(m => m.Section).ShouldBe(["education", "health", "leisure", "socialCare", "shortBreaks", "exampleSection"], ignoreOrder: true);
    }
}
