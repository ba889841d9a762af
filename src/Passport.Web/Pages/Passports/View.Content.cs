using System.Globalization;
using System.Text.Json.Nodes;
using Passport.Sdk;
using Passport.Sdk.Pages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>A field of the child's details or About me as the passport shows it: the API's name and its label.</summary>
public sealed record PassportField(string Field, string Label);

/// <summary>
/// A module's section as the passport shows it: the blocks that lead the first screen (named only),
/// the blocks with something to show, and the empty ones (one "Not recorded yet" line).
/// </summary>
public sealed record SectionContent(IReadOnlyList<PageBlock> Leading, IReadOnlyList<PageBlock> Shown, IReadOnlyList<PageBlock> Empty);

/// <summary>
/// What the passport shows and in which words, in one place for the passport page, the print view
/// and the PDF (<see cref="Pdf.PassportPdf"/>), so that they cannot drift apart.
/// </summary>
public partial class ViewPassportModel
{
    private static readonly string[] ChildFieldNames = ["givenName", "familyName", "preferredName", "dateOfBirth", "pronouns", "firstLanguage", "interpreterNeeded", "nhsNumber"];

    private static readonly string[] AboutMeFieldNames = ["importantToMe", "likes", "dislikes", "whatUpsetsMe", "howToHelpMe", "howIShowPain"];

    /// <summary>The two parts of About me a hospital passport's first page leads with, in the page's language.</summary>
    public IReadOnlyList<PassportField> FirstScreenAboutMe =>
    [
        new("mustKnow", Words["AboutMe.MustKnowHeading"]), new("communication", Words["AboutMe.communication"]),
    ];

    /// <summary>The child's details, labelled in the page's language (the words <c>Child.&lt;field&gt;</c>).</summary>
    public IReadOnlyList<PassportField> ChildFields => ChildFieldNames.Select(f => new PassportField(f, Words["Child." + f])).ToList();

    /// <summary>The rest of About me, after the first screen, labelled in the page's language (the words <c>AboutMe.&lt;field&gt;</c>).</summary>
    public IReadOnlyList<PassportField> AboutMeFields => AboutMeFieldNames.Select(f => new PassportField(f, Words["AboutMe." + f])).ToList();

    public static string ChildValue(string field, JsonNode? node) => field == "nhsNumber" ? Display.NhsNumber(node?.ToString()) : Display.Value(node);

    /// <summary>The child's details with a value, or withheld from the viewer (which says so); the others are "Not recorded yet".</summary>
    public IReadOnlyList<PassportField> ChildFieldsShown =>
        ChildFields.Where(f => Withheld("child", f.Field) || ChildValue(f.Field, Passport?["child"]?[f.Field]).Length > 0).ToList();

    /// <summary>The rest of About me that has a value; the others are "Not recorded yet".</summary>
    public IReadOnlyList<PassportField> AboutMeFieldsShown =>
        AboutMeFields.Where(f => !string.IsNullOrEmpty(Passport?["aboutMe"]?[f.Field]?.ToString())).ToList();

    /// <summary>The child's name, or "Passport" where the viewer may not see it.</summary>
    public string ChildName => Passport?["child"] is JsonNode child ? $"{child.Str("givenName")} {child.Str("familyName")}" : Words["Passport.Untitled"];

    public string? PreferredName => Passport?["child"]?["preferredName"]?.ToString() is { Length: > 0 } preferred ? preferred : null;

    /// <summary>"3 September 2017 (age 9)", or null where the date of birth is not shown.</summary>
    public string? Born =>
        DateOnly.TryParseExact(Passport?["child"].Str("dateOfBirth"), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? Words["Passport.BornAge", Display.Date(Passport?["child"].Str("dateOfBirth")), UkDate.AgeOn(day, UkDate.Today(TimeProvider.System))].Value
            : null;

    /// <summary>"943 476 5919", or null where there is none or the viewer may not see it.</summary>
    public string? NhsNumber => Passport?["child"].Str("nhsNumber") is { Length: > 0 } digits ? Display.NhsNumber(digits) : null;

    /// <summary>The sections whose plugin failed to load: the first screen warns that their part may hold information.</summary>
    public IReadOnlyList<PageSection> UnavailableSections => Sections.Where(IsUnavailable).ToList();

    public bool IsAboutMeDueForReview => Passport?["aboutMe"]?["reviewDue"]?.GetValue<bool>() == true;

    public SectionContent ContentOf(PageSection section)
    {
        var rest = section.Blocks.Where(b => !b.Item.LeadsPage).ToList();
        var empty = rest.Where(IsEmpty).ToList();
        return new(section.Blocks.Except(rest).ToList(), rest.Except(empty).ToList(), empty);
    }

    /// <summary>An item's fields with a value, in its module's order, without the one that heads it (<see cref="NamingField"/>).</summary>
    public static IReadOnlyList<(PageField Field, string Text)> Rows(ItemBlock block, JsonNode item)
    {
        var naming = NamingField(block, item);
        return block.Fields.Where(f => f != naming).Select(f => (Field: f, Text: Display.Value(f, item[f.Name]))).Where(r => r.Text.Length > 0).ToList();
    }
}
