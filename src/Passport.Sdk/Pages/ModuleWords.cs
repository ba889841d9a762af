using System.Globalization;
using System.Text.Json;

namespace Passport.Sdk.Pages;

/// <summary>
/// A module's words in other languages than English: one file a language beside its manifest,
/// <c>passport-plugin.&lt;language&gt;.json</c> (e.g. <c>passport-plugin.pl.json</c>), holding one JSON
/// object whose members are the module's English texts and whose values are their translations:
/// <c>{ "Allergies": "Alergie", "What is the child allergic to?": "Na co dziecko jest uczulone?" }</c>.
/// The texts are the ones the module declares in English (its section title, sector, field groups'
/// descriptions, and its page: headings, labels, hints, choices, form titles and buttons; every one
/// is listed by <see cref="TextsOf"/>). The host reads the files with the manifest, before it loads
/// the assembly, so a module's words need no code and a plugin that fails to load still has its
/// section title translated. A text a file does not translate shows in English. See
/// docs/plugin-guide.md, "Translating a module", and docs/adr/0020-languages.md.
/// </summary>
public sealed class ModuleWords
{
    private const string Prefix = "passport-plugin.";
    private const string Suffix = ".json";

    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _byLanguage;

    /// <summary>Words by language (a culture name, e.g. <c>pl</c> or <c>pl-PL</c>), each English text → its translation.</summary>
    /// <param name="byLanguage">The words of each language.</param>
    public ModuleWords(IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> byLanguage)
    {
        ArgumentNullException.ThrowIfNull(byLanguage);
        _byLanguage = byLanguage.ToDictionary(l => l.Key, l => l.Value, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>No words: the module shows in English whatever the language.</summary>
    public static ModuleWords None { get; } = new(new Dictionary<string, IReadOnlyDictionary<string, string>>());

    /// <summary>The languages the module has a words file for, as their files name them (e.g. <c>pl</c>).</summary>
    public IReadOnlyCollection<string> Languages => _byLanguage.Keys;

    /// <summary>The words file of a language, e.g. <c>passport-plugin.pl.json</c>.</summary>
    /// <param name="language">A culture name, e.g. <c>pl</c>.</param>
    /// <returns>The file name.</returns>
    public static string FileName(string language) => Prefix + language + Suffix;

    /// <summary>Reads every <c>passport-plugin.&lt;language&gt;.json</c> of a plugin folder.</summary>
    /// <param name="folder">The plugin folder (beside the manifest).</param>
    /// <returns>The module's words; <see cref="None"/> when the folder has no words file.</returns>
    /// <exception cref="InvalidManifestException">A words file is not a JSON object of texts, or names no known culture.</exception>
    public static ModuleWords ReadFrom(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        if (!Directory.Exists(folder))
        {
            return None;
        }

        var byLanguage = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var path in Directory.GetFiles(folder, Prefix + "*" + Suffix).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(path);
            if (name.Length <= Prefix.Length + Suffix.Length)
            {
                continue; // passport-plugin.json itself
            }

            var language = name[Prefix.Length..^Suffix.Length];
            if (!IsCulture(language))
            {
                throw new InvalidManifestException(folder, null, $"'{name}' is not named after a language (passport-plugin.<language>.json, e.g. passport-plugin.pl.json)");
            }

            byLanguage[language] = Parse(File.ReadAllText(path), folder, name);
        }

        return byLanguage.Count == 0 ? None : new ModuleWords(byLanguage);
    }

    /// <summary>Parses one words file: a JSON object of English text → translation (comments allowed).</summary>
    /// <param name="json">The file's content.</param>
    /// <param name="folder">The plugin folder, for error messages.</param>
    /// <param name="fileName">The file's name, for error messages.</param>
    /// <returns>English text → translation.</returns>
    /// <exception cref="InvalidManifestException">It is not an object of non-empty strings.</exception>
    public static IReadOnlyDictionary<string, string> Parse(string json, string folder, string fileName)
    {
        try
        {
            using var document = JsonDocument.Parse(json, Options);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidManifestException(folder, null, $"'{fileName}' must be a JSON object of English text → translation");
            }

            var words = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var member in document.RootElement.EnumerateObject())
            {
                if (member.Value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(member.Value.GetString()))
                {
                    throw new InvalidManifestException(folder, null, $"'{fileName}' translates \"{member.Name}\" with something other than text");
                }

                // The same text twice with the same words is harmless (a generated plugin's section title
                // and sector are often one name); with different words it is a mistake.
                if (!words.TryAdd(member.Name, member.Value.GetString()!) && words[member.Name] != member.Value.GetString())
                {
                    throw new InvalidManifestException(folder, null, $"'{fileName}' translates \"{member.Name}\" twice, differently");
                }
            }

            return words;
        }
        catch (JsonException e)
        {
            throw new InvalidManifestException(folder, null, $"'{fileName}' is not valid JSON ({e.Message})");
        }
    }

    /// <summary>True when the module has words for the culture (its own, or its language's: <c>pl-PL</c> uses <c>pl</c>).</summary>
    /// <param name="culture">The culture of the page.</param>
    /// <returns>Whether a words file applies.</returns>
    public bool Has(CultureInfo culture) => WordsFor(culture) is not null;

    /// <summary>The translation of one of the module's English texts, or null when there is none (English pages: always null).</summary>
    /// <param name="english">The text as the module declares it.</param>
    /// <param name="culture">The culture of the page.</param>
    /// <returns>The translation, or null.</returns>
    public string? Translate(string english, CultureInfo culture) =>
        WordsFor(culture) is { } words && words.TryGetValue(english, out var translated) ? translated : null;

    /// <summary>The module's page in the culture's words: every text a words file translates, the others in English.</summary>
    /// <param name="page">The page as the module declares it.</param>
    /// <param name="culture">The culture of the page.</param>
    /// <returns>The page to show.</returns>
    public SectionPage Translate(SectionPage page, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(page);
        string T(string text) => Translate(text, culture) ?? text;
        return page with
        {
            Title = T(page.Title),
            Blocks = page.Blocks.Select(block => block with
            {
                Heading = T(block.Heading),
                AmendTitle = T(block.AmendTitle),
                Fields = block.Fields.Select(field => field with
                {
                    Label = T(field.Label),
                    Hint = field.Hint is null ? null : T(field.Hint),
                    Options = field.Options.Select(o => o with { Label = T(o.Label) }).ToList(),
                }).ToList(),
                Form = block.Form is null ? null : block.Form with
                {
                    Title = T(block.Form.Title),
                    FamilyTitle = block.Form.FamilyTitle is null ? null : T(block.Form.FamilyTitle),
                    Button = T(block.Form.Button),
                },
            }).ToList(),
        };
    }

    /// <summary>
    /// Every English text of a module that people read: its section title, its sector in words, its
    /// field groups' descriptions, and its page's headings, labels, hints, choices, form titles,
    /// buttons and amend titles. A words file should translate each (a test can check it with
    /// <see cref="Untranslated"/>).
    /// </summary>
    /// <param name="manifest">The module's manifest.</param>
    /// <param name="page">Its page, or null when it has none.</param>
    /// <returns>The texts, each once, in the order they are declared.</returns>
    public static IReadOnlyList<string> TextsOf(ModuleManifest manifest, SectionPage? page)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var texts = new List<string> { manifest.SectionTitle, SectorInWords(manifest.Sector) };
        texts.AddRange(manifest.FieldGroups.Select(g => g.Description));
        foreach (var block in page?.Blocks ?? [])
        {
            texts.Add(block.Heading);
            foreach (var field in block.Fields)
            {
                texts.Add(field.Label);
                if (field.Hint is not null)
                {
                    texts.Add(field.Hint);
                }

                texts.AddRange(field.Options.Select(o => o.Label));
            }

            if (block.Form is { } form)
            {
                texts.Add(form.Title);
                if (form.FamilyTitle is not null)
                {
                    texts.Add(form.FamilyTitle);
                }

                texts.Add(form.Button);
                texts.Add(block.AmendTitle);
            }
        }

        return texts.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The module's texts (<see cref="TextsOf"/>) that a language's words file does not translate.</summary>
    /// <param name="manifest">The module's manifest.</param>
    /// <param name="page">Its page.</param>
    /// <param name="culture">The language.</param>
    /// <returns>The English texts without a translation; empty when the file is complete.</returns>
    public IReadOnlyList<string> Untranslated(ModuleManifest manifest, SectionPage? page, CultureInfo culture) =>
        TextsOf(manifest, page).Where(t => Translate(t, culture) is null).ToList();

    /// <summary>A sector in words, as pages name it: <c>social-care</c> → "Social care".</summary>
    /// <param name="sector">The sector's value.</param>
    /// <returns>Its name in English words.</returns>
    public static string SectorInWords(string sector) =>
        string.IsNullOrEmpty(sector) ? "" : char.ToUpperInvariant(sector[0]) + sector[1..].Replace('-', ' ');

    private IReadOnlyDictionary<string, string>? WordsFor(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
        {
            if (_byLanguage.TryGetValue(c.Name, out var words))
            {
                return words;
            }
        }

        return null;
    }

    private static bool IsCulture(string name)
    {
        try
        {
            return !string.IsNullOrEmpty(CultureInfo.GetCultureInfo(name, predefinedOnly: true).Name);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
