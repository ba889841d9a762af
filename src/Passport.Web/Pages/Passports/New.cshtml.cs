using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed class NewPassportModel(PageGraphQL graphQL) : FormPage
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
            Errors.Add(("givenName", "Enter your child's first name"));
        }

        if (family.Length == 0)
        {
            Errors.Add(("familyName", "Enter your child's last name"));
        }

        DateOnly dob = default;
        var dobOk = int.TryParse(Form("dob-day"), out var d) & int.TryParse(Form("dob-month"), out var m) & int.TryParse(Form("dob-year"), out var y);
        dobOk = dobOk && y > 1900 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m);
        if (dobOk)
        {
            dob = new DateOnly(y, m, d);
            if (dob > DateOnly.FromDateTime(DateTime.UtcNow))
            {
                Errors.Add(("dob-day", "Date of birth must be in the past"));
            }
        }
        else
        {
            Errors.Add(("dob-day", "Enter your child's date of birth, including a day, month and year"));
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
                Errors.Add((e.Message.Contains("NHS", StringComparison.OrdinalIgnoreCase) ? "nhsNumber" : "givenName", e.Message));
            }

            return Page();
        }

        return LocalRedirect($"/passports/{result.Data?["createPassport"]?["id"]}");
    }
}
