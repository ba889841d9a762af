using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GraphQL.Types;
using Microsoft.AspNetCore.Mvc;
using Passport.Core.Access;
using Passport.Sdk;
using Passport.Sdk.Pages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>
/// The form of any block, as its module describes it (<see cref="ItemForm"/> and its
/// <see cref="PageField"/>s): it records an item, or amends one pre-filled with its values (the
/// amend mutation for an item of a list; the record mutation again for a single record, which keeps
/// its id). A professional's entry shows as verified; the family's as reported by the family, not
/// verified, until a professional checks it. The API decides who may record what; the page only
/// offers it, and the API's validation errors land on the fields they name.
/// </summary>
public sealed partial class RecordModel(PageGraphQL graphQL, SectionPages pages, ISchema schema, SharingPolicy policy, PageWords words) : FormPage
{
    public string Id { get; private set; } = "";

    /// <summary>The item being changed; null when recording a new one.</summary>
    public string? ItemId { get; private set; }

    public PageBlock Block { get; private set; } = CoreBlocks.EmergencyContacts;

    /// <summary>The sector of the professional, in words (the page says what they record shows as verified by them).</summary>
    public string ViewerSector => words.Sector(User.FindFirst("sector")?.Value);

    public ItemForm Definition => Block.Item.Form!;

    public IReadOnlyList<PageField> Fields => Block.Item.Fields;

    public bool IsFamily => User.IsFamily();

    public bool IsAmending => ItemId is not null;

    /// <summary>The form's values by input name (a date's parts as <c>name-day</c>, <c>name-month</c>, <c>name-year</c>).</summary>
    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public string Title => IsAmending ? Block.Item.AmendTitle
        : IsFamily && Definition.FamilyTitle is { } reporting ? reporting
        : Definition.Title;

    /// <summary>The sectors whose professionals record the block's group, in words, joined with "or".</summary>
    public string RecordingSectors => words.Sectors(pages.RecordingSectors(Block.Item.Group));

    /// <summary>Whether the family may report into the block (its group's declaration and the module's family title).</summary>
    public bool FamilyMayReport => Definition.FamilyTitle is not null && pages.FamilyWrites(Block.Item.Group);

    /// <summary>Whether the family ever sees the block's items (the policy's rule, e.g. never safeguarding notes).</summary>
    public bool FamilySeesIt => !policy.IsHiddenFromFamily(Block.Item.Group);

    public string Value(string name) => Values.GetValueOrDefault(name) ?? "";

    public async Task<IActionResult> OnGetAsync(string id, string slug, string? itemId)
    {
        if (!Load(id, slug, itemId))
        {
            return NotFound();
        }

        if (IsAmending)
        {
            var item = await CurrentItemAsync();
            if (item is null)
            {
                return NotFound();
            }

            foreach (var field in Fields)
            {
                Fill(field, item[field.Name]);
            }
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string slug, string? itemId)
    {
        if (!Load(id, slug, itemId))
        {
            return NotFound();
        }

        foreach (var key in Request.Form.Keys)
        {
            Values[key] = Request.Form[key].ToString();
        }

        var input = Read();
        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await graphQL.RunAsync(Mutation(), Variables(input));
        if (!result.Ok)
        {
            var general = new List<PageError>();
            foreach (var error in result.Errors)
            {
                if (error.Code == "VALIDATION_FAILED" && Fields.FirstOrDefault(f => NamedBy(f, error.Field)) is { } field)
                {
                    var message = InWords(error.Message);
                    if (ApiMessages.InWords(message, Text) is { } translated)
                    {
                        Errors.Add((ErrorTarget(field), translated));
                    }
                    else
                    {
                        Errors.AddEnglish(ErrorTarget(field), message);
                    }
                }
                else if (error.Code == "VALIDATION_FAILED" && error.Field == Definition.ItemArgument)
                {
                    Errors.Add((ErrorTarget(Fields[0]), Text["Record.Gone"]));
                }
                else
                {
                    general.Add(error);
                }
            }

            AddApiErrors(result with { Errors = general }, ErrorTarget(Fields[0]));
            return Page();
        }

        return LocalRedirect(IsAmending ? $"/passports/{id}?changed={ItemId}#item-{ItemId}" : $"/passports/{id}#{Block.Key}");
    }

    /// <summary>The element the error summary links to: the input, the first radio, or the day of a date.</summary>
    public static string ErrorTarget(PageField field) => field.Kind switch
    {
        FieldKind.Choice when field.Options.Count > 0 => $"{field.Name}-{field.Options[0].Value}",
        FieldKind.Date => $"{field.Name}-day",
        _ => field.Name,
    };

    /// <summary>
    /// The message for a field left empty, from its label, in the GOV.UK pattern: "Enter the name",
    /// "Select the level", "Enter what happens"; a question is quoted: "Select an answer to “How often?”".
    /// In other languages, from the page's words with the label quoted ("Uzupełnij: „Nazwa”").
    /// </summary>
    public string Missing(PageField field)
    {
        var choose = field.Kind is FieldKind.Choice or FieldKind.YesNo;
        if (System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "en")
        {
            return Text[choose ? "Record.MissingChoice" : "Record.MissingText", Display.ShortLabel(field.Label)];
        }

        var verb = choose ? "Select" : "Enter";
        var label = Display.ShortLabel(field.Label);
        if (label.EndsWith('?'))
        {
            return $"{verb} an answer to “{label}”";
        }

        var words = Display.InSentence(label);
        return QuestionWord().IsMatch(words) || words.StartsWith("the ", StringComparison.Ordinal) ? $"{verb} {words}" : $"{verb} the {words}";
    }

    /// <summary>The block's current item with this id (or its single record), as the viewer may see it; null when there is none.</summary>
    private async Task<JsonNode?> CurrentItemAsync()
    {
        var selection = $"{Block.Item.Field} {{ id {string.Join(' ', Fields.Select(f => f.Name))} }}";
        var query = Block.SectionField is null ? selection : $"{Block.SectionField} {{ {selection} }}";
        var result = await graphQL.RunAsync($"query($id: ID!) {{ passport(id: $id) {{ {query} }} }}", new { id = Id });
        var node = result.Data?["passport"];
        foreach (var step in Block.Path)
        {
            node = node?[step];
        }

        return node switch
        {
            JsonArray list => list.FirstOrDefault(i => i?["id"]?.ToString() == ItemId),
            JsonObject single when single["id"]?.ToString() == ItemId => single,
            _ => null,
        };
    }

    /// <summary>Puts an item's value into the form as the field's inputs show it.</summary>
    private void Fill(PageField field, JsonNode? value)
    {
        switch (field.Kind)
        {
            case FieldKind.Lines:
                Values[field.Name] = string.Join('\n', (value as JsonArray ?? []).Select(v => v?.ToString()));
                break;
            case FieldKind.YesNo:
                Values[field.Name] = value is JsonValue v && v.TryGetValue<bool>(out var yes) && yes ? "true" : "";
                break;
            case FieldKind.Date:
                if (DateOnly.TryParseExact(value?.ToString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                {
                    Values[field.Name + "-day"] = date.Day.ToString(CultureInfo.InvariantCulture);
                    Values[field.Name + "-month"] = date.Month.ToString(CultureInfo.InvariantCulture);
                    Values[field.Name + "-year"] = date.Year.ToString(CultureInfo.InvariantCulture);
                }

                break;
            case FieldKind.Number:
                // In the person's way of writing numbers (121,5 in Polish), which the form reads back.
                Values[field.Name] = value is JsonValue number && number.TryGetValue<double>(out var n) ? Display.Number(n) : value?.ToString() ?? "";
                break;
            default:
                Values[field.Name] = value?.ToString() ?? "";
                break;
        }
    }

    /// <summary>The item's values from the form, checked as far as the page can (the API checks the rest).</summary>
    private Dictionary<string, object?> Read()
    {
        var input = new Dictionary<string, object?>(StringComparer.Ordinal);
        var today = UkDate.Today(TimeProvider.System);
        foreach (var field in Fields)
        {
            var target = ErrorTarget(field);
            var label = Display.ShortLabel(field.Label).TrimEnd('?');
            switch (field.Kind)
            {
                case FieldKind.Text:
                case FieldKind.LongText:
                    var text = Value(field.Name).Trim();
                    if (text.Length == 0 && field.Required)
                    {
                        Errors.Add((target, Missing(field)));
                    }

                    input[field.Name] = text.Length == 0 ? null : text;
                    break;
                case FieldKind.Lines:
                    var lines = Value(field.Name).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    if (lines.Length == 0 && field.Required)
                    {
                        Errors.Add((target, Missing(field)));
                    }

                    input[field.Name] = lines;
                    break;
                case FieldKind.Number:
                case FieldKind.WholeNumber:
                    var number = Value(field.Name).Trim();
                    if (number.Length == 0)
                    {
                        if (field.Required)
                        {
                            Errors.Add((target, Missing(field)));
                        }

                        input[field.Name] = null;
                    }
                    else if (field.Kind == FieldKind.WholeNumber && int.TryParse(number, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                    {
                        input[field.Name] = whole;
                    }
                    else if (field.Kind == FieldKind.Number && Display.ParseNumber(number) is { } n)
                    {
                        input[field.Name] = n;
                    }
                    else
                    {
                        Errors.Add((target, field.Kind == FieldKind.WholeNumber ? Text["Record.WholeNumber", label] : Text["Record.Number", label, Display.Number(120.5)]));
                    }

                    break;
                case FieldKind.Choice:
                    var chosen = Value(field.Name);
                    if (chosen.Length == 0 ? field.Required : field.Options.All(o => o.Value != chosen))
                    {
                        Errors.Add((target, Missing(field)));
                    }

                    input[field.Name] = chosen.Length == 0 ? null : chosen;
                    break;
                case FieldKind.YesNo:
                    input[field.Name] = Value(field.Name) == "true";
                    break;
                case FieldKind.Date:
                    var (day, month, year) = (Value(field.Name + "-day").Trim(), Value(field.Name + "-month").Trim(), Value(field.Name + "-year").Trim());
                    if (day.Length + month.Length + year.Length == 0)
                    {
                        if (field.Required)
                        {
                            Errors.Add((target, Missing(field)));
                        }

                        input[field.Name] = null;
                    }
                    else if (int.TryParse(day, out var d) && int.TryParse(month, out var m) && int.TryParse(year, out var y) && y is >= 1900 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
                    {
                        var date = new DateOnly(y, m, d);
                        if (date > today && !field.MayBeInTheFuture)
                        {
                            Errors.Add((target, Text["Record.DateNotFuture", label]));
                        }

                        input[field.Name] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        Errors.Add((target, Text["Record.RealDate", label]));
                    }

                    break;
            }
        }

        return input;
    }

    /// <summary>
    /// The mutation the form runs: record; amend an item of a list (naming it); or record a single
    /// record again, which amends it. Its values go as one input object, or as the mutation's own
    /// arguments typed as the schema declares them.
    /// </summary>
    private string Mutation()
    {
        var name = IsAmending && Block.Item.IsList ? Definition.AmendMutation! : Definition.Mutation;
        var declared = new List<string> { "$id: ID!" };
        var passed = new List<string> { "passportId: $id" };
        if (IsAmending && Block.Item.IsList)
        {
            declared.Add("$item: ID!");
            passed.Add($"{Definition.ItemArgument}: $item");
        }

        if (Definition.InputType is { } inputType)
        {
            declared.Add($"$input: {inputType}!");
            passed.Add("input: $input");
        }
        else
        {
            var arguments = schema.Mutation?.GetField(name)?.Arguments;
            foreach (var field in Fields)
            {
                var type = arguments?.Find(field.Name)?.ResolvedType?.ToString() ?? "String";
                declared.Add($"$f_{field.Name}: {type}");
                passed.Add($"{field.Name}: $f_{field.Name}");
            }
        }

        return $"mutation({string.Join(", ", declared)}) {{ {name}({string.Join(", ", passed)}) {{ id }} }}";
    }

    private Dictionary<string, object?> Variables(Dictionary<string, object?> input)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = Id };
        if (IsAmending && Block.Item.IsList)
        {
            variables["item"] = ItemId;
        }

        if (Definition.InputType is not null)
        {
            variables["input"] = input;
        }
        else
        {
            foreach (var (name, value) in input)
            {
                variables["f_" + name] = value;
            }
        }

        return variables;
    }

    /// <summary>How the API names a field of this form: <c>input.snomedCode</c>, <c>input.services[1]</c>, or <c>note</c> without an input object.</summary>
    private string ApiName(PageField field) => Definition.InputType is null ? field.Name : "input." + field.Name;

    private bool NamedBy(PageField field, string? apiField) =>
        apiField is not null && (apiField == ApiName(field) || apiField.StartsWith(ApiName(field) + "[", StringComparison.Ordinal));

    /// <summary>The API's message with each field named by its label, as the form shows it.</summary>
    private string InWords(string message)
    {
        foreach (var field in Fields)
        {
            var label = Display.ShortLabel(field.Label).TrimEnd('?');
            message = Regex.Replace(message, $@"\b{Regex.Escape(ApiName(field))}(\[[0-9]+\])?(?!\w)", m =>
                m.Index == 0 ? label : Display.InSentence(label));
        }

        return message;
    }

    private bool Load(string id, string slug, string? itemId)
    {
        Id = id;
        ItemId = string.IsNullOrWhiteSpace(itemId) ? null : itemId;
        if (pages.WithForm(slug) is not { } block)
        {
            return false;
        }

        Block = block;
        // A list item is changed only where its module offers an amendment.
        return !IsAmending || !block.Item.IsList || Definition.AmendMutation is not null;
    }

    [GeneratedRegex("^(what|how|where|when|who|which|why|whether) ")]
    private static partial Regex QuestionWord();
}
