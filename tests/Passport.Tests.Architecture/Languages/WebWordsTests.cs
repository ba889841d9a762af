using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Passport.Core.Passports;
using Passport.Sdk;
using Passport.Tests.Architecture.Plugins;
using Passport.Web;

namespace Passport.Tests.Architecture.Languages;

/// <summary>
/// The web app's words (docs/languages.md): every word in the English resources has a translation in
/// every language the host offers, as the satellite assemblies that ship hold them; and every word a
/// page asks for is in the English resources. A page with an untranslated word fails here.
/// </summary>
public sealed partial class WebWordsTests
{
    private static readonly ResourceManager Resources = new("Passport.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    private static IReadOnlyDictionary<string, string> English => Words(CultureInfo.InvariantCulture);

    public static TheoryData<string> Languages => [.. OfferedLanguages.Translated.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_word_of_the_web_app_is_translated(string language)
    {
        var translated = Words(Language(CultureInfo.GetCultureInfo(language)));

        Untranslated(English, translated).ShouldBeEmpty($"SharedResource.{Language(CultureInfo.GetCultureInfo(language)).Name}.resx lacks these words of SharedResource.resx");
        translated.Keys.Except(English.Keys).ShouldBeEmpty($"SharedResource.{Language(CultureInfo.GetCultureInfo(language)).Name}.resx has words SharedResource.resx no longer has");
    }

    [Fact]
    public void A_language_file_without_a_word_is_caught()
    {
        var english = new Dictionary<string, string> { ["Share.Title"] = "Share with a professional", ["Sharing.Title"] = "Sharing settings" };
        var polish = new Dictionary<string, string> { ["Share.Title"] = "Udostępnij specjaliście", ["Sharing.Title"] = " " };

        Untranslated(english, polish).ShouldBe(["Sharing.Title"]);
    }

    [Fact]
    public void Every_word_a_page_asks_for_is_in_the_resources()
    {
        var web = Path.Combine(JudgedPlugins.RepoRoot, "src", "Passport.Web");
        var asked = Directory.GetFiles(web, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => WordAsked().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetRelativePath(web, f), Key: m.Groups["key"].Value)))
            .Where(a => !a.Key.EndsWith('.'))
            .ToList();

        asked.Count.ShouldBeGreaterThan(300, "the scan finds the pages' words");
        asked.Where(a => !English.ContainsKey(a.Key)).Select(a => $"{a.File}: {a.Key}").ShouldBeEmpty();
    }

    [Fact]
    public void The_words_pages_put_together_from_data_are_in_the_resources()
    {
        var expected = CoreFieldGroups.All.Select(g => "Group." + g.Name)
            .Concat(new[] { "CARER", "YOUNG_PERSON", "CARE_TEAM", "BREAK_GLASS", "AUDITOR" }.Select(b => "AccessLog.Basis." + b))
            .Concat(new[] { Viewer.CarerRole, Viewer.YoungPersonRole, Viewer.ProfessionalRole, Viewer.LocalAuthorityAdminRole, Viewer.AuditorRole }.Select(r => "Role." + r))
            .Concat(new[] { "givenName", "familyName", "preferredName", "dateOfBirth", "pronouns", "firstLanguage", "interpreterNeeded", "nhsNumber" }.Select(f => "Child." + f))
            .Concat(new[] { "communication", "importantToMe", "likes", "dislikes", "whatUpsetsMe", "howToHelpMe", "howIShowPain", "mustKnow" }.SelectMany(f => new[] { "AboutMe." + f, $"EasyRead.{f}.Question", $"EasyRead.{f}.Hint", $"EasyRead.{f}.Example" }))
            .Concat(new[] { "name", "relationship", "relationship.Hint", "phone", "phone.Hint", "parentalResponsibility", "preferredOrder", "preferredOrder.Hint" }.Select(f => "EmergencyContact." + f))
            .Concat(new[] { "mayEdit", "mayManageSharing", "mayInvite" }.Select(r => "Carers.Right." + r))
            .Concat(new[] { "mustKnow", "communication" }.Select(f => "AboutMe.Add." + f))
            .Concat(Passport.Core.Impact.ImpactMeasures.All.SelectMany(m => new[] { "Impact.Measure." + m, $"Impact.Measure.{m}.Hint" }))
            .Concat(Passport.Web.Pages.SatisfactionPrompt.Journeys.SelectMany(j => new[] { "Satisfaction.Journey." + j, "Satisfaction.Question." + j }))
            .Concat(Enumerable.Range(1, 5).Select(score => $"Satisfaction.Score.{score}"));

        expected.Where(k => !English.ContainsKey(k)).ShouldBeEmpty();
    }

    /// <summary>The English words without a translation (missing or blank) in a language's words.</summary>
    public static IReadOnlyList<string> Untranslated(IReadOnlyDictionary<string, string> english, IReadOnlyDictionary<string, string> translated) =>
        english.Keys.Where(k => !translated.TryGetValue(k, out var t) || string.IsNullOrWhiteSpace(t)).Order(StringComparer.Ordinal).ToList();

    /// <summary>The resource file of a culture's language: pl-PL's words are in SharedResource.pl.resx.</summary>
    private static CultureInfo Language(CultureInfo culture) => culture.IsNeutralCulture ? culture : culture.Parent;

    /// <summary>The words of one resource file as built, without falling back to another.</summary>
    private static Dictionary<string, string> Words(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for '{culture.Name}' were built into Passport.Web.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? "", StringComparer.Ordinal);
    }

    /// <summary>A word asked for by its key: <c>T["Share.Title"</c>, <c>Text["…"</c>, <c>Words["…"</c>, <c>W("…"</c>.</summary>
    [GeneratedRegex("""\b(?:T|H|Text|text|Words|W)(?:\[|\()"(?<key>[A-Za-z][A-Za-z0-9.\-]*)"[,\]\)]""")]
    private static partial Regex WordAsked();
}
