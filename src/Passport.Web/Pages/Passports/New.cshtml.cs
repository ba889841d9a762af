using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed class NewPassportModel(PageGraphQL graphQL, IStringLocalizer<SharedResource> text) : FormPage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var given = Form("givenName").Trim();
        var family = Form("familyName").Trim();
        if (given.Length == 0)
        {
            Errors.Add(("givenName", text["New.EnterGivenName"]));
        }

        if (family.Length == 0)
        {
            Errors.Add(("familyName", text["New.EnterFamilyName"]));
        }

        DateOnly dob = default;
        var dobOk = int.TryParse(Form("dob-day"), out var d) & int.TryParse(Form("dob-month"), out var m) & int.TryParse(Form("dob-year"), out var y);
        dobOk = dobOk && y > 1900 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m);
        if (dobOk)
        {
            dob = new DateOnly(y, m, d);
            if (dob > DateOnly.FromDateTime(DateTime.UtcNow))
            {
                Errors.Add(("dob-day", text["New.DateOfBirthInPast"]));
            }
        }
        else
        {
            Errors.Add(("dob-day", text["New.EnterDateOfBirth"]));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var nhs = Form("nhsNumber").Trim();
        var result = await graphQL.RunAsync(
            "mutation($input: CreatePassportInput!) { createPassport(input: $input) { id } }",
            new
            {
                input = new
                {
                    givenName = given,
                    familyName = family,
                    preferredName = Form("preferredName").Trim() is { Length: > 0 } p ? p : null,
                    dateOfBirth = dob.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    nhsNumber = nhs.Length > 0 ? nhs : null,
                    localAuthority = Form("localAuthority").Trim(),
                },
            });
        if (!result.Ok)
        {
            foreach (var e in result.Errors)
            {
                var aboutNhsNumber = e.Field?.Contains("nhsNumber", StringComparison.Ordinal) == true || e.Message.Contains("NHS", StringComparison.OrdinalIgnoreCase);
                Errors.Add((aboutNhsNumber ? "nhsNumber" : "givenName", e.Code switch
                {
                    "DUPLICATE" => text["New.Duplicate"],
                    "VALIDATION_FAILED" when aboutNhsNumber => text["New.InvalidNhsNumber"],
                    _ => ApiMessages.InWords(e.Message, text) ?? e.Message,
                }));
            }

            return Page();
        }

        // The passport's page then asks, once, how easy that was.
        TempData[SatisfactionPrompt.TempDataKey] = "CREATED_PASSPORT";
        return LocalRedirect($"/passports/{result.Data?["createPassport"]?["id"]}");
    }
}
