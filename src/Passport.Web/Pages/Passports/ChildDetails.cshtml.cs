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

    /// <summary>The API's input fields → this form's fields and the words of their labels, for the API's validation errors.</summary>
    private static readonly Dictionary<string, (string Field, string Label)> ApiFields = new(StringComparer.Ordinal)
    {
        ["input.givenName"] = ("givenName", "Child.givenName"),
        ["input.familyName"] = ("familyName", "Child.familyName"),
        ["input.preferredName"] = ("preferredName", "Child.preferredName"),
        ["input.pronouns"] = ("pronouns", "Child.pronouns"),
        ["input.firstLanguage"] = ("firstLanguage", "Child.firstLanguage"),
        ["input.localAuthority"] = ("localAuthority", "ChildDetails.LocalAuthority"),
        ["input.photoReference"] = ("givenName", "ChildDetails.PhotoReference"),
        ["reason"] = ("reason", "ChildDetails.Reason"),
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
            Errors.Add(("givenName", Text["ChildDetails.Conflict"]));
            return await LoadAsync(keepErrors: true) ? Page() : NotFound();
        }

        foreach (var error in result.Errors)
        {
            var (field, message, english) = ErrorFrom(error);
            if (english)
            {
                Errors.AddEnglish(field, message);
            }
            else
            {
                Errors.Add((field, message));
            }
        }

        return Page();
    }

    private string? Optional(string field) => Value(field) is { Length: > 0 } value ? value : null;

    /// <summary>The checks a person can fix without asking the API; returns the date of birth when it is a real date.</summary>
    private DateOnly Validate()
    {
        if (Value("givenName").Length == 0)
        {
            Errors.Add(("givenName", Text["ChildDetails.EnterGivenName"]));
        }

        if (Value("familyName").Length == 0)
        {
            Errors.Add(("familyName", Text["ChildDetails.EnterFamilyName"]));
        }

        foreach (var (field, label, longest) in new[] { ("givenName", Text["Child.givenName"].Value, 200), ("familyName", Text["Child.familyName"].Value, 200), ("preferredName", Text["Child.preferredName"].Value, 200), ("pronouns", Text["Child.pronouns"].Value, 50), ("firstLanguage", Text["Child.firstLanguage"].Value, 100) })
        {
            if (Value(field).Length > longest)
            {
                Errors.Add((field, Text["ChildDetails.TooLong", label, longest]));
            }
        }

        DateOnly dateOfBirth = default;
        var isDate = int.TryParse(Value("dob-day"), out var d) & int.TryParse(Value("dob-month"), out var m) & int.TryParse(Value("dob-year"), out var y);
        isDate = isDate && y > 1900 && y < 10000 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        if (!isDate)
        {
            Errors.Add(("dob-day", Text["ChildDetails.EnterDateOfBirth"]));
        }
        else if ((dateOfBirth = new DateOnly(y, m, d)) > today)
        {
            Errors.Add(("dob-day", Text["ChildDetails.DateOfBirthNotFuture"]));
        }
        else if (dateOfBirth <= today.AddYears(-(PassportClosure.ClosingAge + 1)))
        {
            Errors.Add(("dob-day", Text["ChildDetails.DateOfBirthTooOld", PassportClosure.ClosingAge + 1]));
        }

        if (!LocalAuthorities.IsKnown(Value("localAuthority")))
        {
            Errors.Add(("localAuthority", Text["ChildDetails.SelectLocalAuthority"]));
        }

        if (Value("reason") is { Length: > 0 and < 10 } && MayCorrectWithReason)
        {
            Errors.Add(("reason", Text["ChildDetails.ReasonTooShort"]));
        }

        return dateOfBirth;
    }

    /// <summary>An API refusal as the error summary shows it, against the field it names.</summary>
    private (string Field, string Message, bool English) ErrorFrom(PageError error)
    {
        if (error.Field == "input.dateOfBirth")
        {
            // What is left after the form's own checks is SPEC §4's rule: a date of birth that closes the
            // passport or moves the child across 16 or 18 is a correction for the sectors that record the
            // child's details, with a reason.
            return MayCorrectWithReason && Value("reason").Length == 0
                ? ("reason", Text["ChildDetails.EnterReason"], false)
                : ("dob-day", Text["ChildDetails.CheckYear"], false);
        }

        if (error.Code == "VALIDATION_FAILED" && error.Field is { } field && ApiFields.TryGetValue(field, out var known))
        {
            var message = error.Message.Replace(field, Text[known.Label], StringComparison.Ordinal);
            return ApiMessages.InWords(message, Text) is { } translated ? (known.Field, translated, false) : (known.Field, message, true);
        }

        return error.Code switch
        {
            "FORBIDDEN" => ("givenName", Text["ChildDetails.Forbidden"], false),
            "NOT_FOUND" => ("givenName", Text["Error.NotFound"], false),
            _ => ("givenName", error.Message, true),
        };
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
