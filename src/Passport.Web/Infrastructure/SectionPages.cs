using System.Collections.Concurrent;
using System.Globalization;
using GraphQL.Types;
using Microsoft.Extensions.Localization;
using Passport.Core.Access;
using Passport.Core.Modules;
using Passport.Core.Passports;
using Passport.Sdk;
using Passport.Sdk.Pages;

namespace Passport.Web.Infrastructure;

/// <summary>
/// One block of the passport page with where it sits: <paramref name="SectionField"/> is its
/// module's section on <c>Passport</c> (null for the core's own blocks, which sit on the passport itself).
/// </summary>
public sealed record PageBlock(string? SectionField, ItemBlock Item)
{
    /// <summary>Where the block's data is in the passport, e.g. <c>["section", "items"]</c>.</summary>
    public string[] Path => SectionField is null ? [Item.Field] : [SectionField, Item.Field];

    /// <summary>The block's name in a page address and its element id, e.g. <c>section-items</c>.</summary>
    public string Key => SectionField is null ? Item.Field : $"{SectionField}-{Item.Field}";
}

/// <summary>
/// One module's section of the passport page, as the module describes it, with the sector that owns
/// it; or, for a plugin that failed to load, only its field and title (<see cref="IsUnavailable"/>):
/// missing information must never look like "none recorded". <see cref="Lang"/> is "en" when the
/// page is in another language and the module has no words for it, so its English is marked as such.
/// </summary>
public sealed record PageSection(string Field, string Title, string? Sector, IReadOnlyList<PageBlock> Blocks, bool IsUnavailable = false, string? Lang = null);

/// <summary>
/// What the loaded modules contribute to the web app: their sections of the passport page (from
/// <see cref="PassportModule.Page"/>), their blocks and forms, and the words and write rules of their
/// field groups (from their manifests), in the page's language: each module's words come from its
/// own words files (<see cref="ModuleWords"/>). The web app renders these and names no module.
/// </summary>
public sealed class SectionPages
{
    private readonly ModuleCatalog _catalog;
    private readonly IStringLocalizer<SharedResource> _text;
    private readonly Lazy<IReadOnlyList<PageSection>> _sections;
    private readonly ConcurrentDictionary<string, IReadOnlyList<PageSection>> _translated = new(StringComparer.Ordinal);

    public SectionPages(ModuleCatalog catalog, ISchema schema, SharingPolicy policy, IStringLocalizer<SharedResource> text)
    {
        _catalog = catalog;
        _text = text;
        _sections = new(() => Described(catalog, schema, policy));
    }

    /// <summary>
    /// The sections this host's schema answers, in the page's language: the region's required modules
    /// first, each group in the order the sharing policy lists the sectors, then those whose plugin
    /// failed to load.
    /// </summary>
    public IReadOnlyList<PageSection> Sections => IsEnglish(CultureInfo.CurrentUICulture)
        ? _sections.Value
        : _translated.GetOrAdd(CultureInfo.CurrentUICulture.Name, _ => Translated(CultureInfo.CurrentUICulture));

    /// <summary>The family's emergency contacts, in the page's language.</summary>
    public PageBlock EmergencyContacts => CoreBlocks.Localized(_text);

    /// <summary>Every block with a form or an end: the core's own and the modules'.</summary>
    public IEnumerable<PageBlock> Blocks => new[] { EmergencyContacts }.Concat(Sections.SelectMany(s => s.Blocks));

    /// <summary>The block whose form has this slug (its name in the page address), or null.</summary>
    public PageBlock? WithForm(string slug) => Blocks.FirstOrDefault(b => b.Item.Form?.Slug == slug);

    /// <summary>The block with this key (<see cref="PageBlock.Key"/>), or null.</summary>
    public PageBlock? WithKey(string key) => Blocks.FirstOrDefault(b => b.Key == key);

    /// <summary>Whether the family may report into a group (its declaration; the API still decides).</summary>
    public bool FamilyWrites(string group) => _catalog.FamilyWrites(group);

    /// <summary>The sectors whose professionals record (and verify, withhold and end) a group's items.</summary>
    public IReadOnlyList<string> RecordingSectors(string group) => _catalog.RecordingSectorsOf(group);

    /// <summary>A group as the family reads it when they decide what to share: its declared description, in the page's language.</summary>
    public string GroupName(string group)
    {
        if (CoreFieldGroups.All.Any(g => g.Name == group))
        {
            return _text["Group." + group];
        }

        var entry = _catalog.Entries.FirstOrDefault(e => e.Manifest?.FieldGroups.Any(g => g.Name == group) == true);
        var description = entry?.Manifest!.FieldGroups.First(g => g.Name == group).Description;
        return description is null ? group : entry!.Words?.Translate(description, CultureInfo.CurrentUICulture) ?? description;
    }

    /// <summary>
    /// A sector in words, in the page's language: <c>youth-justice</c> → "Youth justice". The words are the modules' (a sector's
    /// name is translated by a module of that sector), so the web app names no sector itself.
    /// </summary>
    public string SectorName(string? sector)
    {
        if (string.IsNullOrEmpty(sector))
        {
            return "";
        }

        var english = ModuleWords.SectorInWords(sector);
        return _catalog.Entries.Where(e => e.Sector == sector)
            .Select(e => e.Words?.Translate(english, CultureInfo.CurrentUICulture))
            .FirstOrDefault(t => t is not null) ?? english;
    }

    private static bool IsEnglish(CultureInfo culture) => culture.TwoLetterISOLanguageName == "en";

    /// <summary>The sections in a culture's words: each module's own words, English (marked so) where it has none.</summary>
    private List<PageSection> Translated(CultureInfo culture) => _sections.Value.Select(section =>
    {
        var entry = _catalog.Entries.FirstOrDefault(e => e.Manifest?.Section == section.Field);
        var words = entry?.Words ?? ModuleWords.None;
        if (!words.Has(culture))
        {
            return section with { Lang = "en" };
        }

        var module = _catalog.Modules.FirstOrDefault(m => m.Manifest.Section == section.Field);
        if (module?.Page is not { } page)
        {
            return section with { Title = words.Translate(section.Title, culture) ?? section.Title };
        }

        var translated = words.Translate(page, culture);
        return section with
        {
            Title = translated.Title,
            Blocks = translated.Blocks.Select(b => new PageBlock(section.Field, b)).ToList(),
        };
    }).ToList();

    private static List<PageSection> Described(ModuleCatalog catalog, ISchema schema, SharingPolicy policy)
    {
        var passport = schema.AllTypes["Passport"] as IComplexGraphType;
        var sectors = policy.Sectors.ToList();
        var described = catalog.Modules
            .Where(module => module.Page is not null)
            .OrderBy(module => catalog.Entries.FirstOrDefault(e => e.Name == module.Manifest.Name)?.IsRequired == true ? 0 : 1)
            .ThenBy(module => sectors.IndexOf(module.Page!.Sector) is var at and >= 0 ? at : sectors.Count)
            .Select(module => module.Page!)
            .Select(page => new PageSection(page.Field, page.Title, page.Sector, page.Blocks.Select(b => new PageBlock(page.Field, b)).ToList()));
        // A plugin that failed to load is known by its manifest (passport-plugin.json): its section's field, title and sector.
        var unavailable = catalog.UnavailableSections.Select(s => new PageSection(s.Key, s.Value.SectionTitle, s.Value.Sector, [], IsUnavailable: true));
        return described.Concat(unavailable).Where(s => passport?.HasField(s.Field) == true).ToList();
    }
}

/// <summary>
/// The core's own blocks the page records and ends like a module's: the family's emergency contacts.
/// <see cref="EmergencyContacts"/> is its shape (for queries); pages show it in their language (<see cref="Localized"/>).
/// </summary>
public static class CoreBlocks
{
    public static readonly PageBlock EmergencyContacts = new(null, new ItemBlock(
        "emergencyContacts",
        "Emergency contacts",
        CoreFieldGroups.EmergencyContacts,
        IsList: true,
        LeadsPage: true,
        [
            new("name", "Full name", FieldKind.Text, true, null, []),
            new("relationship", "Relationship to the child", FieldKind.Text, true, "For example, grandmother or family friend", []),
            new("phone", "Phone number", FieldKind.Text, true, "For example, 01872 123456 or 07700 900123", []),
            new("parentalResponsibility", "This person has parental responsibility", FieldKind.YesNo, false, null, []),
            new("preferredOrder", "Order to call them in (optional)", FieldKind.WholeNumber, false, "1 for the first person to call", []),
        ],
        new ItemForm("emergency-contact", "Add an emergency contact", "Add an emergency contact", "Save contact", "addEmergencyContact", "amendEmergencyContact", "ContactInput", "contactId"),
        "removeEmergencyContact"));

    /// <summary>The emergency contacts block in the page's language: the web app's own words (<c>EmergencyContact.*</c>).</summary>
    public static PageBlock Localized(IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var item = EmergencyContacts.Item;
        return new PageBlock(null, item with
        {
            Heading = text["EmergencyContact.Heading"],
            AmendTitle = text["EmergencyContact.Change"],
            Fields = item.Fields.Select(f => f with
            {
                Label = text["EmergencyContact." + f.Name],
                Hint = f.Hint is null ? null : text["EmergencyContact." + f.Name + ".Hint"].Value,
            }).ToList(),
            Form = item.Form! with
            {
                Title = text["EmergencyContact.Add"],
                FamilyTitle = text["EmergencyContact.Add"],
                Button = text["EmergencyContact.Save"],
            },
        });
    }
}
