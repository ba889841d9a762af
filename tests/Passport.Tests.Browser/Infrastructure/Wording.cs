using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Passport.Web;

namespace Passport.Tests.Browser.Infrastructure;

/// <summary>
/// Checks of a page's words (docs/languages.md, docs/easy-read.md): that a page in another language
/// shows no English the web app or a module would have translated, and how hard its English is to read.
/// </summary>
internal static partial class Wording
{
    private static readonly ResourceManager WebWords = new("Passport.Web.Resources.SharedResource", typeof(SharedResource).Assembly);

    /// <summary>
    /// The page's interface text: what a person reads in the header, the page and the footer, less what
    /// the page itself marks as another language (<c>lang="en"</c> on words the API wrote in English),
    /// less the contents of form fields, and less <paramref name="asWritten"/>: what people wrote and
    /// their names, which stay as written.
    /// </summary>
    public static async Task<string> InterfaceTextAsync(this IPage page, params string[] asWritten)
    {
        var text = await page.EvaluateAsync<string>("""
            () => {
              const body = document.body.cloneNode(true);
              body.querySelectorAll('textarea, input, select, script, style, svg').forEach(e => e.remove());
              body.querySelectorAll('[lang]').forEach(e => {
                if (e.getAttribute('lang') && e.getAttribute('lang') !== document.documentElement.lang) e.remove();
              });
              const holder = document.createElement('div');
              holder.style.position = 'absolute'; holder.style.left = '-99999px';
              holder.appendChild(body);
              document.documentElement.appendChild(holder);
              const t = holder.innerText;
              holder.remove();
              return t;
            }
            """);
        foreach (var written in asWritten.Where(w => w.Length > 0).OrderByDescending(w => w.Length))
        {
            text = text.Replace(written, " ", StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>
    /// English left on a page in another language: English words no language of ours shares
    /// ("the", "your", "with"…), and any of the web app's or the modules' English texts whose
    /// translation differs (so an untranslated one shows). Empty when the page is all translated.
    /// </summary>
    public static async Task<IReadOnlyList<string>> UntranslatedAsync(this IPage page, CultureInfo culture, string pluginsFolder, params string[] asWritten)
    {
        var text = await page.InterfaceTextAsync(asWritten);
        var found = new List<string>();
        found.AddRange(EnglishWord().Matches(text).Select(m => $"the English word \"{m.Value}\" in \"{Around(text, m.Index)}\""));
        foreach (var (english, translated) in EnglishTexts(culture, pluginsFolder))
        {
            foreach (var part in Placeholder().Split(english).Select(p => p.Trim(' ', '.', ',', ':')).Where(p => p.Length >= 15 && !translated.Contains(p, StringComparison.Ordinal)))
            {
                if (text.Contains(part, StringComparison.Ordinal))
                {
                    found.Add($"the English text \"{part}\"");
                }
            }
        }

        return found.Distinct().ToList();
    }

    /// <summary>
    /// The Flesch–Kincaid grade of a text: 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59
    /// (Kincaid et al., 1975). A US school grade: add 5 for a reading age. A sentence ends at ".", "!"
    /// or "?", and every line (a heading, a label, a button, a list item) and every table cell is a
    /// sentence of its own.
    /// </summary>
    public static double ReadingGrade(string text)
    {
        var sentences = text.Split('\n', '\t').SelectMany(line => SentenceEnd().Split(line)).Select(s => Word().Matches(s).Count).Where(words => words > 0).ToList();
        var words = Word().Matches(text).Select(m => m.Value).ToList();
        if (words.Count == 0)
        {
            return 0;
        }

        var syllables = words.Sum(Syllables);
        return (0.39 * words.Count / sentences.Count) + (11.8 * syllables / words.Count) - 15.59;
    }

    /// <summary>The sentences of a text (as <see cref="ReadingGrade"/> counts them), hardest first: what to rewrite first.</summary>
    public static IEnumerable<(double Grade, string Sentence)> HardestSentences(string text) =>
        text.Split('\n', '\t').SelectMany(line => SentenceEnd().Split(line)).Select(s => s.Trim()).Where(s => Word().IsMatch(s))
            .Select(s => (ReadingGrade(s), s)).OrderByDescending(s => s.Item1);

    /// <summary>
    /// Syllables of an English word, by the usual heuristic (as readability tools count them): drop
    /// a silent final "e", "es" or "ed" after a consonant, then count groups of vowels (a e i o u y,
    /// a group being one or two of them); at least one. "passport" 2, "shared" 1, "professional" 4.
    /// </summary>
    public static int Syllables(string word)
    {
        var w = word.ToLowerInvariant();
        if (w.Length <= 3)
        {
            return 1;
        }

        w = SilentEnding().Replace(w, "");
        w = w.TrimStart('y');
        return Math.Max(1, VowelGroup().Matches(w).Count);
    }

    private static IEnumerable<(string English, string Translated)> EnglishTexts(CultureInfo culture, string pluginsFolder)
    {
        var english = WebWords.GetResourceSet(CultureInfo.InvariantCulture, true, false)!.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        var language = culture.IsNeutralCulture ? culture : culture.Parent;
        var translated = WebWords.GetResourceSet(language, true, false)!.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
        foreach (var (key, value) in english)
        {
            yield return (value, translated.GetValueOrDefault(key) ?? "");
        }

        // A module's words file holds its English texts (the keys) and their translations.
        foreach (var file in Directory.GetFiles(pluginsFolder, $"passport-plugin.{language.Name}.json", SearchOption.AllDirectories))
        {
            using var words = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
            foreach (var member in words.RootElement.EnumerateObject())
            {
                yield return (member.Name, member.Value.GetString() ?? "");
            }
        }
    }

    private static string Around(string text, int index) =>
        text.Substring(Math.Max(0, index - 30), Math.Min(text.Length - Math.Max(0, index - 30), 70)).ReplaceLineEndings(" ");

    /// <summary>English words that are not words of Polish or Romanian (nor of the names and codes on a page).</summary>
    [GeneratedRegex(@"\b(?:the|and|your|you|with|this|that|what|have|has|will|from|been|who|when|how|not|for|can|was|were|there|their|they|these|only|yet|added|recorded|shared|share|passport|change|remove|save)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"\{[0-9]+\}|<[^>]+>")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[.!?]+(?=\s|$)")]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"[A-Za-z][A-Za-z']*")]
    private static partial Regex Word();

    [GeneratedRegex("(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$")]
    private static partial Regex SilentEnding();

    [GeneratedRegex("[aeiouy]{1,2}")]
    private static partial Regex VowelGroup();
}
