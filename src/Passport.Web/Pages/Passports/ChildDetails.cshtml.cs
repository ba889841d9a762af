using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Passport.Core.Passports;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>
/// The child's basic details, corrected or completed (updateChildDetails): by the family, or by a
/// sector that records identity.basic, as a verified correction. All the details are saved together, so the form
/// names the version it was read at and a change made meanwhile is a conflict, never overwritten.
/// </summary>
public sealed class ChildDetailsModel(PageGraphQL graphQL, SectionPages pages) : FormPage
{
    private const string Read = "query($id: ID!) { passport(id: $id) { version localAuthority child { givenName familyName preferredName dateOfBirth pronouns firstLanguage interpreterNeeded photoReference localAuthority } } }";

    /// <summary>The API's input fields → this form's fields and labels, for the API's validation errors.</summary>
    private static readonly Dictionary<string, (string Field, string Label)> ApiFields = new(StringComparer.Ordinal)
    {
        ["input.givenName"] = ("givenName", "First name"),
        ["input.familyName"] = ("familyName", "Last name"),
        ["input.preferredName"] = ("preferredName", "Preferred name"),
        ["input.pronouns"] = ("pronouns", "Pronouns"),
        ["input.firstLanguage"] = ("firstLanguage", "First language"),
        ["input.localAuthority"] = ("localAuthority", "Local authority"),
        ["input.photoReference"] = ("givenName", "Photo reference"),
        ["reason"] = ("reason", "Reason"),
    };

    public string Id { get; private set; } = "";

    public int Version { get; private set; }

    /// <summary>Set when the viewer may not see the details, so there is nothing to change.</summary>
    public bool IsHidden { get; private set; }

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The sectors that record verified corrections of the child's details (identity.basic's
    /// declaration) correct a date of birth across 16, 18 or the closing age, with a reason (access model §3a).
    /// </summary>
    public bool MayCorrectWithReason => User.HasClaim("role", "professional") && User.FindFirst("sector")?.Value is { } sector && pages.RecordingSectors(CoreFieldGroups.IdentityBasic).Contains(sector);

    public string Value(string field) => Values.GetValueOrDefault(field, "");

    public async Task<IActionResult> OnGetAsync(string id)
    {
        Id = id;
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string id, int expectedVersion)
    {
        Id = id;
        Version = expectedVersion;
        foreach (var field in new[] { "givenName", "familyName", "preferredName", "dob-day", "dob-month", "dob-year", "pronouns", "firstLanguage", "interpreterNeeded", "localAuthority", "photoReference", "reason" })
        {
            Values[field] = Form(field).Trim();
        }

        var dateOfBirth = Validate();
        if (Errors.Count > 0)
        {
            return Page();
        }

        var reason = MayCorrectWithReason && Value("reason").Length > 0 ? Value("reason") : null;
        var result = await graphQL.RunAsync(
            "mutation($id: ID!, $v: Int!, $input: ChildDetailsInput!, $reason: String) { updateChildDetails(passportId: $id, expectedVersion: $v, input: $input, reason: $reason) { id } }",
            new
            {
                id,
                v = expectedVersion,
                reason,
                input = new
                {
                    givenName = Value("givenName"),
                    familyName = Value("familyName"),
                    preferredName = Optional("preferredName"),
                    dateOfBirth = dateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    pronouns = Optional("pronouns"),
                    firstLanguage = Optional("firstLanguage"),
                    interpreterNeeded = Value("interpreterNeeded") == "yes",
                    photoReference = Optional("photoReference"),
                    localAuthority = Value("localAuthority"),
                },
            });
        if (result.Ok || result.Has("PASSPORT_CLOSED"))
        {
            // A correction that closed the passport was saved: its page says it has closed.
            return LocalRedirect($"/passports/{id}#child");
        }

        if (result.Has("VERSION_CONFLICT"))
        {
            Errors.Add(("givenName", "Someone else changed this passport while you were editing. The form now shows the latest details: make your change again."));
            return await LoadAsync(keepErrors: true) ? Page() : NotFound();
        }

        foreach (var error in result.Errors)
        {
            Errors.Add(ErrorFrom(error));
        }

        return Page();
    }

    private string? Optional(string field) => Value(field) is { Length: > 0 } value ? value : null;

    /// <summary>The checks a person can fix without asking the API; returns the date of birth when it is a real date.</summary>
    private DateOnly Validate()
    {
        if (Value("givenName").Length == 0)
        {
            Errors.Add(("givenName", "Enter the child's first name"));
        }

        if (Value("familyName").Length == 0)
        {
            Errors.Add(("familyName", "Enter the child's last name"));
        }

        foreach (var (field, label, longest) in new[] { ("givenName", "First name", 200), ("familyName", "Last name", 200), ("preferredName", "Preferred name", 200), ("pronouns", "Pronouns", 50), ("firstLanguage", "First language", 100) })
        {
            if (Value(field).Length > longest)
            {
                Errors.Add((field, $"{label} must be {longest} characters or fewer"));
            }
        }

        DateOnly dateOfBirth = default;
        var isDate = int.TryParse(Value("dob-day"), out var d) & int.TryParse(Value("dob-month"), out var m) & int.TryParse(Value("dob-year"), out var y);
        isDate = isDate && y > 1900 && y < 10000 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        if (!isDate)
        {
            Errors.Add(("dob-day", "Enter the child's date of birth, including a day, month and year"));
        }
        else if ((dateOfBirth = new DateOnly(y, m, d)) > today)
        {
            Errors.Add(("dob-day", "Date of birth must be today or in the past"));
        }
        else if (dateOfBirth <= today.AddYears(-(PassportClosure.ClosingAge + 1)))
        {
            Errors.Add(("dob-day", $"Date of birth must be less than {PassportClosure.ClosingAge + 1} years ago: passports are for children and young people"));
        }

        if (!LocalAuthorities.IsKnown(Value("localAuthority")))
        {
            Errors.Add(("localAuthority", "Select the child's local authority"));
        }

        if (Value("reason") is { Length: > 0 and < 10 } && MayCorrectWithReason)
        {
            Errors.Add(("reason", "Reason must be at least 10 characters: say why the date of birth is corrected"));
        }

        return dateOfBirth;
    }

    /// <summary>An API refusal as the error summary shows it, against the field it names.</summary>
    private (string Field, string Message) ErrorFrom(PageError error)
    {
        if (error.Field == "input.dateOfBirth")
        {
            // What is left after the form's own checks is SPEC §4's rule: a date of birth that closes the
            // passport or moves the child across 16 or 18 is a correction for the sectors that record the
            // child's details, with a reason.
            return MayCorrectWithReason && Value("reason").Length == 0
                ? ("reason", "Enter the reason for this correction: the new date of birth moves the child across 16 or 18, or closes the passport")
                : ("dob-day", "This date of birth would move the child across 16 or 18, or close the passport. Check the year. If it is right, ask a professional on the child's care team who can correct it");
        }

        if (error.Code == "VALIDATION_FAILED" && error.Field is { } field && ApiFields.TryGetValue(field, out var known))
        {
            return (known.Field, error.Message.Replace(field, known.Label, StringComparison.Ordinal));
        }

        return ("givenName", error.Code switch
        {
            "FORBIDDEN" => "You cannot change the child's details on this passport.",
            "NOT_FOUND" => "We could not find this passport.",
            _ => error.Message,
        });
    }

    private async Task<bool> LoadAsync(bool keepErrors = false)
    {
        var result = await graphQL.RunAsync(Read, new { id = Id });
        if (result.Data?["passport"] is not JsonNode passport)
        {
            return false;
        }

        Version = passport["version"]?.GetValue<int>() ?? 0;
        IsHidden = result.Withheld("passport", "child", "givenName");
        var child = passport["child"];
        var born = DateOnly.TryParse(child.Str("dateOfBirth"), CultureInfo.InvariantCulture, out var day) ? day : (DateOnly?)null;
        Values["givenName"] = child.Str("givenName");
        Values["familyName"] = child.Str("familyName");
        Values["preferredName"] = child.Str("preferredName");
        Values["dob-day"] = born?.Day.ToString(CultureInfo.InvariantCulture) ?? "";
        Values["dob-month"] = born?.Month.ToString(CultureInfo.InvariantCulture) ?? "";
        Values["dob-year"] = born?.Year.ToString(CultureInfo.InvariantCulture) ?? "";
        Values["pronouns"] = child.Str("pronouns");
        Values["firstLanguage"] = child.Str("firstLanguage");
        Values["interpreterNeeded"] = child?["interpreterNeeded"]?.GetValue<bool>() == true ? "yes" : "no";
        Values["photoReference"] = child.Str("photoReference");
        Values["localAuthority"] = child.Str("localAuthority") is { Length: > 0 } la ? la : passport.Str("localAuthority");
        if (!keepErrors)
        {
            Values["reason"] = "";
        }

        return true;
    }
}
