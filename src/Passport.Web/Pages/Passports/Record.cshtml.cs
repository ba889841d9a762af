using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>How a form field is shown and read.</summary>
public enum FieldKind
{
    Text,
    Number,
    Radios,
    Checkbox,
    Date,
}

/// <summary>One field of a professional's form: its input name, label, kind and whether it is required.</summary>
public sealed record FormField(string Name, string Label, FieldKind Kind, bool Required = false, string? Hint = null, (string Value, string Label)[]? Options = null, string? Error = null);

/// <summary>One kind of fact a professional records for their sector: the form and the mutation it runs.</summary>
public sealed record RecordForm(string Kind, string Sector, string Title, string Button, string Section, string Mutation, string InputType, FormField[] Fields);

/// <summary>
/// A professional records their own sector's facts (recorded as verified): legal status (social
/// care), school or nursery (education), an activity (leisure), a growth measurement (health).
/// Allergies use the allergy form. The API decides who may record what; the page only offers it.
/// </summary>
public sealed partial class RecordModel(PageGraphQL graphQL) : FormPage
{
    public static readonly IReadOnlyDictionary<string, RecordForm> Forms = new Dictionary<string, RecordForm>(StringComparer.Ordinal)
    {
        ["legal-status"] = new("legal-status", "social-care", "Record the legal status", "Save legal status", "socialCare", "setLegalStatus", "LegalStatusInput",
        [
            new("status", "What is the child's legal status?", FieldKind.Radios, true, Options:
                [("NONE", "None"), ("CHILD_IN_NEED", "Child in need"), ("CHILD_PROTECTION_PLAN", "Child protection plan"), ("LOOKED_AFTER", "Looked after")],
                Error: "Select the child's legal status"),
            new("since", "Since when (optional)", FieldKind.Date, Hint: "For example, 15 3 2024"),
            new("responsibleAuthority", "Responsible authority (optional)", FieldKind.Text),
        ]),
        ["education-setting"] = new("education-setting", "education", "Record the school or nursery", "Save school or nursery", "education", "setEducationSetting", "EducationSettingInput",
        [
            new("name", "Name of the school or nursery", FieldKind.Text, true, Error: "Enter the name of the school or nursery"),
            new("yearGroup", "Year group (optional)", FieldKind.Text, Hint: "For example, Year 3 or Reception"),
            new("urn", "Unique Reference Number (optional)", FieldKind.Text, Hint: "6 digits, for example 112233"),
            new("sencoContact", "How to contact the SENCo (optional)", FieldKind.Text),
        ]),
        ["activity"] = new("activity", "leisure", "Add an activity", "Save activity", "leisure", "addActivity", "ActivityInput",
        [
            new("name", "Activity or club", FieldKind.Text, true, "For example, Saturday swimming at Truro Leisure Centre", Error: "Enter the activity or club"),
            new("supportNeeded", "Support the child needs to take part (optional)", FieldKind.Text),
            new("needsOneToOne", "Needs one-to-one support", FieldKind.Checkbox),
            new("needsChangingPlaces", "Needs a Changing Places toilet", FieldKind.Checkbox),
            new("swimmingAbility", "Swimming ability (optional)", FieldKind.Text, Hint: "For example, non-swimmer or 10 metres with a float"),
            new("dietaryNeeds", "Dietary needs (optional)", FieldKind.Text),
        ]),
        ["growth"] = new("growth", "health", "Add a growth measurement", "Save measurement", "health", "recordGrowthMeasurement", "GrowthMeasurementInput",
        [
            new("measuredOn", "Date measured", FieldKind.Date, true, "For example, 15 3 2024", Error: "Enter the date measured"),
            new("heightCm", "Height in centimetres (optional)", FieldKind.Number, Hint: "Between 20 and 250"),
            new("weightKg", "Weight in kilograms (optional)", FieldKind.Number, Hint: "Between 0.3 and 250"),
        ]),
    };

    public string Id { get; private set; } = "";

    public RecordForm Definition { get; private set; } = Forms["activity"];

    public IActionResult OnGet(string id, string kind) => Load(id, kind) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(string id, string kind)
    {
        if (!Load(id, kind))
        {
            return NotFound();
        }

        var input = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in Definition.Fields)
        {
            var target = ErrorTarget(field);
            switch (field.Kind)
            {
                case FieldKind.Text:
                    var text = Form(field.Name).Trim();
                    if (text.Length == 0 && field.Required)
                    {
                        Errors.Add((target, field.Error ?? $"Enter {field.Label.ToLowerInvariant()}"));
                    }
                    else if (field.Name == "urn" && text.Length > 0 && !UrnPattern().IsMatch(text))
                    {
                        Errors.Add((target, "Unique Reference Number must be 6 digits"));
                    }

                    input[field.Name] = text.Length == 0 ? null : text;
                    break;
                case FieldKind.Number:
                    var number = Form(field.Name).Trim();
                    if (number.Length == 0)
                    {
                        input[field.Name] = null;
                    }
                    else if (double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0)
                    {
                        input[field.Name] = n;
                    }
                    else
                    {
                        Errors.Add((target, $"{field.Label.Replace(" (optional)", "", StringComparison.Ordinal)} must be a number, like 120.5"));
                    }

                    break;
                case FieldKind.Radios:
                    var chosen = Form(field.Name);
                    if (field.Options!.All(o => o.Value != chosen))
                    {
                        Errors.Add((target, field.Error ?? $"Select {field.Label.ToLowerInvariant()}"));
                    }

                    input[field.Name] = chosen.Length == 0 ? null : chosen;
                    break;
                case FieldKind.Checkbox:
                    input[field.Name] = Form(field.Name) == "true";
                    break;
                case FieldKind.Date:
                    var (day, month, year) = (Form(field.Name + "-day").Trim(), Form(field.Name + "-month").Trim(), Form(field.Name + "-year").Trim());
                    if (day.Length + month.Length + year.Length == 0)
                    {
                        if (field.Required)
                        {
                            Errors.Add((target, field.Error ?? $"Enter {field.Label.ToLowerInvariant()}"));
                        }

                        input[field.Name] = null;
                    }
                    else if (int.TryParse(day, out var d) && int.TryParse(month, out var m) && int.TryParse(year, out var y) && y is >= 1900 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m))
                    {
                        var date = new DateOnly(y, m, d);
                        if (date > DateOnly.FromDateTime(DateTime.UtcNow))
                        {
                            Errors.Add((target, $"{field.Label.Replace(" (optional)", "", StringComparison.Ordinal)} must be today or in the past"));
                        }

                        input[field.Name] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        Errors.Add((target, $"{field.Label.Replace(" (optional)", "", StringComparison.Ordinal)} must be a real date"));
                    }

                    break;
            }
        }

        if (Definition.Kind == "growth" && Errors.Count == 0 && input["heightCm"] is null && input["weightKg"] is null)
        {
            Errors.Add(("heightCm", "Enter a height or a weight"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await graphQL.RunAsync(
            $"mutation($id: ID!, $input: {Definition.InputType}!) {{ {Definition.Mutation}(passportId: $id, input: $input) {{ id }} }}",
            new { id, input });
        if (!result.Ok)
        {
            AddApiErrors(result, ErrorTarget(Definition.Fields[0]));
            return Page();
        }

        return LocalRedirect($"/passports/{id}#{Definition.Section}");
    }

    /// <summary>The element the error summary links to: the input, the first radio, or the day of a date.</summary>
    public static string ErrorTarget(FormField field) => field.Kind switch
    {
        FieldKind.Radios => $"{field.Name}-{field.Options![0].Value}",
        FieldKind.Date => $"{field.Name}-day",
        _ => field.Name,
    };

    private bool Load(string id, string kind)
    {
        Id = id;
        if (!Forms.TryGetValue(kind, out var form))
        {
            return false;
        }

        Definition = form;
        return true;
    }

    [GeneratedRegex("^[0-9]{6}$")]
    private static partial Regex UrnPattern();
}
