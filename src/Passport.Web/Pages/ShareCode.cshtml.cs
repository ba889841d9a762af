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
            Errors.Add(("code", Text["ShareCode.Enter"]));
            return Page();
        }

        var result = await graphQL.RunAsync("mutation($code: String!) { redeemShareCode(code: $code) { id } }", new { code });
        if (!result.Ok || result.Data?["redeemShareCode"]?["id"] is not { } id)
        {
            Errors.Add(("code", result.Errors.Any(e => e.Code == "FORBIDDEN")
                ? Text["ShareCode.OtherSector"].Value
                : Text["ShareCode.NotValid"].Value));
            return Page();
        }

        // The passport's page then asks, once, how easy joining and reading it was.
        TempData[SatisfactionPrompt.TempDataKey] = "READ_PASSPORT";
        return LocalRedirect($"/passports/{id}");
    }
}
