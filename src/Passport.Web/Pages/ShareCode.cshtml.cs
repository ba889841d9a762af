using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

public sealed class ShareCodeModel(PageGraphQL graphQL) : FormPage
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        code = code?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            Errors.Add(("code", "Enter the share code the family gave you"));
            return Page();
        }

        var result = await graphQL.RunAsync("mutation($code: String!) { redeemShareCode(code: $code) { id } }", new { code });
        if (!result.Ok || result.Data?["redeemShareCode"]?["id"] is not { } id)
        {
            Errors.Add(("code", result.Errors.Any(e => e.Code == "FORBIDDEN")
                ? "This code is for a different kind of professional. Ask the family for a code for your sector"
                : "This share code is not valid. It may have expired or been used already. Ask the family for a new code"));
            return Page();
        }

        return LocalRedirect($"/passports/{id}");
    }
}
