using System.Globalization;
using System.Reflection;
using Passport.Sdk;
using Passport.Sdk.Pages;
using Passport.Tests.Architecture.Plugins;

namespace Passport.Tests.Architecture.Languages;

/// <summary>
/// A module's words are the module's (docs/plugin-guide.md, "Translating a module"): every text it
/// shows has a translation in its words file for every language the host offers. Checked on each
/// module and plugin as built, and on a plugin generated from the template.
/// </summary>
public sealed class ModuleWordsTests
{
    public static TheoryData<string> Plugins => [.. JudgedPlugins.All.Select(a => a.GetName().Name!)];

    [Theory]
    [MemberData(nameof(Plugins))]
    public void Every_text_a_module_shows_is_translated(string plugin)
    {
        var assembly = JudgedPlugins.All.Single(a => a.GetName().Name == plugin);
        var folder = Path.GetDirectoryName(assembly.Location)!;
        var manifest = ModuleManifest.ReadFrom(folder);
        var words = ModuleWords.ReadFrom(folder);
        var page = ModuleIn(assembly).Page;

        foreach (var language in OfferedLanguages.Translated)
        {
            words.Untranslated(manifest, page, language).ShouldBeEmpty($"{ModuleWords.FileName(language.TwoLetterISOLanguageName)} of {plugin} does not translate these texts");
        }
    }

    [Fact]
    public void A_words_file_without_a_text_is_caught()
    {
        var manifest = new ModuleManifest("clubs", "leisure", "clubs", "Clubs", [new FieldGroup("clubs.list", "Clubs the child goes to")], "clubs");
        var page = new SectionPage("clubs", "Clubs", "leisure", [new ItemBlock("clubs", "Clubs", "clubs.list", true, false, [new PageField("name", "Club", FieldKind.Text, true, null, [])], null, null)]);
        var words = new ModuleWords(new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["pl"] = new Dictionary<string, string> { ["Clubs"] = "Kluby", ["Leisure"] = "Czas wolny", ["Clubs the child goes to"] = "Kluby, do których chodzi dziecko" },
        });

        words.Untranslated(manifest, page, CultureInfo.GetCultureInfo("pl-PL")).ShouldBe(["Club"]);
        words.Translate(page, CultureInfo.GetCultureInfo("pl-PL")).Blocks[0].Fields[0].Label.ShouldBe("Club", "an untranslated text shows in English");
    }

    private static PassportModule ModuleIn(Assembly assembly) =>
        (PassportModule)Activator.CreateInstance(assembly.GetExportedTypes().Single(t => t.IsSubclassOf(typeof(PassportModule)) && !t.IsAbstract))!;
}
