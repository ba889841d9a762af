namespace Passport.Sdk.Pages;

/// <summary>How a field of an item is shown on the passport page and entered in its form.</summary>
public enum FieldKind
{
    /// <summary>A line of text.</summary>
    Text,

    /// <summary>Text of several lines or paragraphs.</summary>
    LongText,

    /// <summary>A list of short texts, entered one a line.</summary>
    Lines,

    /// <summary>A number with decimals, e.g. a weight.</summary>
    Number,

    /// <summary>A whole number, e.g. hours a year.</summary>
    WholeNumber,

    /// <summary>Yes or no, entered as a checkbox.</summary>
    YesNo,

    /// <summary>A calendar date, entered as day, month and year.</summary>
    Date,

    /// <summary>One of a few values, entered as radios.</summary>
    Choice,
}

/// <summary>One value of a <see cref="FieldKind.Choice"/> field: as the API spells it and in words.</summary>
/// <param name="Value">The API's value, e.g. <c>CHILD_IN_NEED</c>.</param>
/// <param name="Label">In words, e.g. "Child in need".</param>
public sealed record PageOption(string Value, string Label);

/// <summary>One field of an item as the web app shows it and asks for it.</summary>
/// <param name="Name">The field's name in the API, e.g. <c>substance</c>.</param>
/// <param name="Label">The question or label, e.g. "What is the child allergic to?".</param>
/// <param name="Kind">How it is shown and entered.</param>
/// <param name="Required">Whether the form needs it. Never for <see cref="FieldKind.YesNo"/>: the form sends an unticked box as false.</param>
/// <param name="Hint">A hint under the label, e.g. "For example, peanuts".</param>
/// <param name="Options">The values of a choice.</param>
/// <param name="MayBeInTheFuture">For a date: true when a future date is allowed (e.g. a review date).</param>
public sealed record PageField(string Name, string Label, FieldKind Kind, bool Required, string? Hint, IReadOnlyList<PageOption> Options, bool MayBeInTheFuture = false);

/// <summary>The form that records (and amends) an item.</summary>
/// <param name="Slug">The form's name in the page address, e.g. <c>allergy</c>.</param>
/// <param name="Title">The page title for a professional, e.g. "Add an allergy".</param>
/// <param name="FamilyTitle">The title for the family when they may report it; null when only professionals record it.</param>
/// <param name="Button">The button's words, e.g. "Save allergy".</param>
/// <param name="Mutation">The mutation that records it, e.g. <c>recordAllergy</c>.</param>
/// <param name="AmendMutation">The mutation that amends an item of a list, taking <paramref name="ItemArgument"/>; null for a single record (recording it again amends it).</param>
/// <param name="InputType">The input object's type, e.g. <c>AllergyInput</c>; null when the fields are the mutation's own arguments.</param>
/// <param name="ItemArgument">The argument naming the item in amend and end mutations, e.g. <c>itemId</c>.</param>
public sealed record ItemForm(string Slug, string Title, string? FamilyTitle, string Button, string Mutation, string? AmendMutation, string? InputType, string ItemArgument);

/// <summary>A chart of an item's numbers over time, drawn beside its list (e.g. growth).</summary>
/// <param name="DateField">The field that dates each item.</param>
/// <param name="Series">The number fields, one line each.</param>
public sealed record ItemChart(string DateField, IReadOnlyList<string> Series);

/// <summary>One block of a module's section: a kind of item (a list, or the single current record).</summary>
/// <param name="Field">The field of the section that holds it, e.g. <c>allergies</c>.</param>
/// <param name="Heading">The block's heading, e.g. "Allergies".</param>
/// <param name="Group">Its field group, which decides who sees, records, verifies and withholds it.</param>
/// <param name="IsList">True for a list of items; false for one current record.</param>
/// <param name="LeadsPage">True when it belongs on the passport's first screen (what anyone must know first, e.g. allergies).</param>
/// <param name="Fields">Its fields, in the order they are shown.</param>
/// <param name="Form">How it is recorded and amended; null when the web app offers no form.</param>
/// <param name="EndMutation">The mutation that ends an item (taking the item argument for a list); null when it cannot be ended.</param>
/// <param name="Chart">A chart drawn beside it, or null.</param>
public sealed record ItemBlock(string Field, string Heading, string Group, bool IsList, bool LeadsPage, IReadOnlyList<PageField> Fields, ItemForm? Form, string? EndMutation, ItemChart? Chart = null)
{
    private readonly string? _amendTitle;

    /// <summary>
    /// The title of the form that changes an item, e.g. "Change the allergy": made from the form's
    /// title ("Add an allergy"), or "Change" and the heading. A module's words file translates it
    /// like any other of its texts (<see cref="ModuleWords"/>).
    /// </summary>
    public string AmendTitle
    {
        get => _amendTitle ?? Amending(Form?.Title, Heading);
        init => _amendTitle = value;
    }

    /// <summary>"Add a plan" → "Change the plan"; "Add or change the plan" → "Change the plan"; otherwise "Change" and the heading.</summary>
    /// <param name="title">The form's title.</param>
    /// <param name="heading">The block's heading.</param>
    /// <returns>The title of the form that changes an item.</returns>
    public static string Amending(string? title, string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var words = (title ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count < 2 || words[0] is not ("Add" or "Record" or "Report" or "Set"))
        {
            var lower = heading.Length > 1 && char.IsUpper(heading[0]) && !char.IsUpper(heading[1]) ? char.ToLowerInvariant(heading[0]) + heading[1..] : heading;
            return $"Change {lower}";
        }

        words.RemoveAt(0);
        if (words is ["or", "change", _, ..])
        {
            words.RemoveRange(0, 2);
        }

        if (words[0] is "a" or "an")
        {
            words[0] = "the";
        }

        return "Change " + string.Join(' ', words);
    }
}

/// <summary>
/// What a module contributes to the web app: its section of the passport page, its blocks and
/// their forms. The web app renders whatever loaded, enabled modules describe, and knows no module by name.
/// </summary>
/// <param name="Field">The section's field on <c>Passport</c>, e.g. <c>shortBreaks</c>.</param>
/// <param name="Title">The section's heading, e.g. "Short breaks".</param>
/// <param name="Sector">The sector that owns the module's data.</param>
/// <param name="Blocks">Its blocks, in order.</param>
public sealed record SectionPage(string Field, string Title, string Sector, IReadOnlyList<ItemBlock> Blocks);
