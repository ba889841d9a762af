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
    TextArea,

    /// <summary>A text area read as a list, one item a line.</summary>
    Lines,
}

/// <summary>One field of a record form: its input name, label, kind and whether it is required (a date may be in the future only when it says so).</summary>
public sealed record FormField(string Name, string Label, FieldKind Kind, bool Required = false, string? Hint = null, (string Value, string Label)[]? Options = null, string? Error = null, bool MayBeInTheFuture = false)
{
    /// <summary>The label as error messages name the field.</summary>
    public string ShortLabel => Label.Replace(" (optional)", "", StringComparison.Ordinal);
}

/// <summary>
/// One kind of fact recorded for a sector: the form and the mutation it runs. <paramref name="FamilyTitle"/>
/// is the title the family sees when they may report it too (null when only the sector records it). A
/// form without <paramref name="InputType"/> passes its one field as the mutation's own argument.
/// </summary>
public sealed record RecordForm(string Kind, string Sector, string Title, string Button, string Section, string Mutation, string? InputType, FormField[] Fields, string? FamilyTitle = null, bool IsWithheldFromFamily = false);

/// <summary>
/// A professional records their own sector's facts (recorded as verified); the family reports
/// health facts and activities (shown as reported by the family, not verified, until a professional
/// checks them). Allergies use the allergy form. The API decides who may record what; the page only
/// offers it.
/// </summary>
public sealed partial class RecordModel(PageGraphQL graphQL) : FormPage
{
    private const string DateHint = "For example, 15 3 2024";

    public static readonly IReadOnlyDictionary<string, RecordForm> Forms = new Dictionary<string, RecordForm>(StringComparer.Ordinal)
    {
        // The family's own: no sector owns emergency contacts.
        ["emergency-contact"] = new("emergency-contact", "", "Add an emergency contact", "Save contact", "contacts", "addEmergencyContact", "ContactInput",
        [
            new("name", "Full name", FieldKind.Text, true, Error: "Enter the contact's full name"),
            new("relationship", "Relationship to the child", FieldKind.Text, true, "For example, grandmother or family friend", Error: "Enter the contact's relationship to the child"),
            new("phone", "Phone number", FieldKind.Text, true, "For example, 01872 123456 or 07700 900123", Error: "Enter a phone number"),
            new("parentalResponsibility", "This person has parental responsibility", FieldKind.Checkbox),
        ], FamilyTitle: "Add an emergency contact"),
        ["legal-status"] = new("legal-status", "social-care", "Record the legal status", "Save legal status", "socialCare", "setLegalStatus", "LegalStatusInput",
        [
            new("status", "What is the child's legal status?", FieldKind.Radios, true, Options:
                [("NONE", "None"), ("CHILD_IN_NEED", "Child in need"), ("CHILD_PROTECTION_PLAN", "Child protection plan"), ("LOOKED_AFTER", "Looked after")],
                Error: "Select the child's legal status"),
            new("since", "Since when (optional)", FieldKind.Date, Hint: DateHint),
            new("responsibleAuthority", "Responsible authority (optional)", FieldKind.Text),
        ]),
        ["involvement"] = new("involvement", "social-care", "Record social care involvement", "Save involvement", "socialCare", "recordInvolvement", "InvolvementInput",
        [
            new("allocatedWorker", "Allocated social worker or key worker (optional)", FieldKind.Text),
            new("workerContact", "How to contact them (optional)", FieldKind.Text, Hint: "For example, a phone number or email address"),
            new("services", "Services the child gets (optional)", FieldKind.Lines, Hint: "Put each service on a new line, for example, short breaks"),
        ]),
        ["safeguarding-note"] = new("safeguarding-note", "social-care", "Add a safeguarding note", "Save note", "socialCare", "addSafeguardingNote", null,
        [
            new("note", "Safeguarding note", FieldKind.TextArea, true, Error: "Enter the safeguarding note"),
        ], IsWithheldFromFamily: true),
        ["education-setting"] = new("education-setting", "education", "Record the school or nursery", "Save school or nursery", "education", "setEducationSetting", "EducationSettingInput",
        [
            new("name", "Name of the school or nursery", FieldKind.Text, true, Error: "Enter the name of the school or nursery"),
            new("yearGroup", "Year group (optional)", FieldKind.Text, Hint: "For example, Year 3 or Reception"),
            new("urn", "Unique Reference Number (optional)", FieldKind.Text, Hint: "6 digits, for example 112233"),
            new("sencoContact", "How to contact the SENCo (optional)", FieldKind.Text),
        ]),
        ["sen-support"] = new("sen-support", "education", "Record special educational needs support", "Save SEN support", "education", "setSenSupport", "SenInput",
        [
            new("level", "What support does the child get?", FieldKind.Radios, true, Options:
                [("NONE", "None"), ("SEN_SUPPORT", "SEN support"), ("EHCP", "Education, health and care plan (EHCP)")],
                Error: "Select the support the child gets"),
            new("ehcpStatus", "Where is the EHCP up to?", FieldKind.Radios, true, Options:
                [("NONE", "No EHCP"), ("REQUESTED", "Requested"), ("ASSESSING", "Being assessed"), ("ISSUED", "Issued"), ("CEASED", "Ceased")],
                Error: "Select where the EHCP is up to"),
            new("ehcpDate", "Date the EHCP was issued or last changed (optional)", FieldKind.Date, Hint: DateHint),
            new("ehcpReviewDate", "Date of the next EHCP review (optional)", FieldKind.Date, Hint: "This can be up to 2 years from today", MayBeInTheFuture: true),
            new("needs", "The child's needs (optional)", FieldKind.TextArea),
            new("reasonableAdjustments", "Reasonable adjustments (optional)", FieldKind.TextArea),
            new("healthcarePlanInSchool", "Individual healthcare plan in school (optional)", FieldKind.TextArea),
        ]),
        ["activity"] = new("activity", "leisure", "Add an activity", "Save activity", "leisure", "addActivity", "ActivityInput",
        [
            new("name", "Activity or club", FieldKind.Text, true, "For example, Saturday swimming at Truro Leisure Centre", Error: "Enter the activity or club"),
            new("supportNeeded", "Support the child needs to take part (optional)", FieldKind.Text),
            new("needsOneToOne", "Needs one-to-one support", FieldKind.Checkbox),
            new("needsChangingPlaces", "Needs a Changing Places toilet", FieldKind.Checkbox),
            new("swimmingAbility", "Swimming ability (optional)", FieldKind.Text, Hint: "For example, non-swimmer or 10 metres with a float"),
            new("dietaryNeeds", "Dietary needs (optional)", FieldKind.Text),
        ], FamilyTitle: "Report an activity"),
        ["alert"] = new("alert", "health", "Add an alert", "Save alert", "health", "recordAlert", "AlertInput",
        [
            new("title", "Alert", FieldKind.Text, true, "In a few words, for example, no injections into a muscle", Error: "Enter the alert"),
            new("details", "Why, and what to do instead (optional)", FieldKind.TextArea),
        ], FamilyTitle: "Report an alert"),
        ["emergency-care-plan"] = new("emergency-care-plan", "health", "Add an emergency care plan", "Save plan", "health", "recordEmergencyCarePlan", "EmergencyCarePlanInput",
        [
            new("title", "What the plan is for", FieldKind.Text, true, "For example, seizures", Error: "Enter what the plan is for"),
            new("plan", "What to do", FieldKind.TextArea, true, "Step by step", Error: "Enter what to do"),
        ], FamilyTitle: "Report an emergency care plan"),
        ["equipment"] = new("equipment", "health", "Add equipment", "Save equipment", "health", "recordEquipment", "EquipmentInput",
        [
            new("name", "Equipment", FieldKind.Text, true, "For example, portable suction machine", Error: "Enter the equipment"),
            new("notes", "Notes (optional)", FieldKind.TextArea, Hint: "Where it is kept, how it is used and who is trained to use it"),
        ], FamilyTitle: "Report equipment"),
        ["condition"] = new("condition", "health", "Add a condition", "Save condition", "health", "recordCondition", "ConditionInput",
        [
            new("name", "Condition or diagnosis", FieldKind.Text, true, "For example, epilepsy", Error: "Enter the condition or diagnosis"),
            new("snomedCode", "SNOMED CT code (optional)", FieldKind.Text, Hint: "If you know it, for example, 84757009"),
            new("onset", "Date it started or was diagnosed (optional)", FieldKind.Date, Hint: DateHint),
        ], FamilyTitle: "Report a condition"),
        ["medication"] = new("medication", "health", "Add a medicine", "Save medicine", "health", "recordMedication", "MedicationInput",
        [
            new("name", "Medicine", FieldKind.Text, true, "For example, buccal midazolam", Error: "Enter the medicine"),
            new("dose", "Dose (optional)", FieldKind.Text, Hint: "For example, 5 mg"),
            new("route", "How it is given (optional)", FieldKind.Text, Hint: "For example, by mouth, in the cheek or inhaled"),
            new("frequency", "How often (optional)", FieldKind.Text, Hint: "For example, twice a day or when needed"),
            new("howITakeIt", "How I take it (optional)", FieldKind.TextArea, Hint: "In the child's words or the family's, for example, crushed in yoghurt"),
        ], FamilyTitle: "Report a medicine"),
        ["clinician"] = new("clinician", "health", "Add a clinician or service", "Save clinician or service", "health", "recordClinician", "ClinicianInput",
        [
            new("name", "Name of the clinician or service", FieldKind.Text, true, "For example, Dr Amara Okafor", Error: "Enter the name of the clinician or service"),
            new("role", "Role (optional)", FieldKind.Text, Hint: "For example, consultant paediatric neurologist"),
            new("service", "Service (optional)", FieldKind.Text, Hint: "For example, paediatric neurology, Royal Cornwall Hospital"),
            new("contact", "How to contact them (optional)", FieldKind.Text, Hint: "For example, a phone number or a secretary's email address"),
        ], FamilyTitle: "Report a clinician or service"),
        ["growth"] = new("growth", "health", "Add a growth measurement", "Save measurement", "health", "recordGrowthMeasurement", "GrowthMeasurementInput",
        [
            new("measuredOn", "Date measured", FieldKind.Date, true, DateHint, Error: "Enter the date measured"),
            new("heightCm", "Height in centimetres (optional)", FieldKind.Number, Hint: "Between 20 and 250"),
            new("weightKg", "Weight in kilograms (optional)", FieldKind.Number, Hint: "Between 0.3 and 250"),
            new("headCircumferenceCm", "Head circumference in centimetres (optional)", FieldKind.Number, Hint: "Between 20 and 70"),
        ], FamilyTitle: "Report a growth measurement"),
        ["immunisation"] = new("immunisation", "health", "Add an immunisation", "Save immunisation", "health", "recordImmunisation", "ImmunisationInput",
        [
            new("vaccine", "Vaccine", FieldKind.Text, true, "For example, MMR (1st dose)", Error: "Enter the vaccine"),
            new("givenOn", "Date given", FieldKind.Date, true, DateHint, Error: "Enter the date given"),
        ], FamilyTitle: "Report an immunisation"),
    };

    public string Id { get; private set; } = "";

    public RecordForm Definition { get; private set; } = Forms["activity"];

    public bool IsFamily => User.IsFamily();

    public string Title => IsFamily && Definition.FamilyTitle is { } reporting ? reporting : Definition.Title;

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
                case FieldKind.TextArea:
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
                case FieldKind.Lines:
                    var lines = Form(field.Name).Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
                    if (lines.Length == 0 && field.Required)
                    {
                        Errors.Add((target, field.Error ?? $"Enter {field.Label.ToLowerInvariant()}"));
                    }

                    input[field.Name] = lines;
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
                        Errors.Add((target, $"{field.ShortLabel} must be a number, like 120.5"));
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
                        if (date > DateOnly.FromDateTime(DateTime.UtcNow) && !field.MayBeInTheFuture)
                        {
                            Errors.Add((target, $"{field.ShortLabel} must be today or in the past"));
                        }

                        input[field.Name] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        Errors.Add((target, $"{field.ShortLabel} must be a real date"));
                    }

                    break;
            }
        }

        if (Definition.Kind == "growth" && Errors.Count == 0 && input["heightCm"] is null && input["weightKg"] is null && input["headCircumferenceCm"] is null)
        {
            Errors.Add(("heightCm", "Enter a height, a weight or a head circumference"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = Definition.InputType is { } inputType
            ? await graphQL.RunAsync(
                $"mutation($id: ID!, $input: {inputType}!) {{ {Definition.Mutation}(passportId: $id, input: $input) {{ id }} }}",
                new { id, input })
            : await graphQL.RunAsync(
                $"mutation($id: ID!, $value: String!) {{ {Definition.Mutation}(passportId: $id, {Definition.Fields[0].Name}: $value) {{ id }} }}",
                new { id, value = input[Definition.Fields[0].Name] });
        if (!result.Ok)
        {
            var general = new List<PageError>();
            foreach (var error in result.Errors)
            {
                if (error.Code == "VALIDATION_FAILED" && Definition.Fields.FirstOrDefault(f => NamedBy(f, error.Field)) is { } field)
                {
                    Errors.Add((ErrorTarget(field), InWords(error.Message)));
                }
                else
                {
                    general.Add(error);
                }
            }

            AddApiErrors(result with { Errors = general }, ErrorTarget(Definition.Fields[0]));
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

    /// <summary>How the API names a field of this form: <c>input.snomedCode</c>, <c>input.services[1]</c>, or <c>note</c> without an input object.</summary>
    private string ApiName(FormField field) => Definition.InputType is null ? field.Name : "input." + field.Name;

    private bool NamedBy(FormField field, string? apiField) =>
        apiField is not null && (apiField == ApiName(field) || apiField.StartsWith(ApiName(field) + "[", StringComparison.Ordinal));

    /// <summary>The API's message with each field named by its label, as the form shows it.</summary>
    private string InWords(string message)
    {
        foreach (var field in Definition.Fields)
        {
            var label = field.ShortLabel;
            message = Regex.Replace(message, $@"\b{Regex.Escape(ApiName(field))}(\[[0-9]+\])?(?!\w)", m =>
                m.Index == 0 || char.IsUpper(label[1]) ? label : char.ToLowerInvariant(label[0]) + label[1..]);
        }

        return message;
    }

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
