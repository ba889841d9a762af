using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

/// <summary>A carer, or the young person, joins a passport with the invitation code a carer gave them.</summary>
public sealed class JoinModel(PageGraphQL graphQL) : FormPage
{
    public bool IsYoungPerson => User.HasClaim("role", "young-person");

    public bool IsFamily => User.IsFamily();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? code)
    {
        code = code?.Trim();
        if (string.IsNullOrEmpty(code))
        {
            Errors.Add(("code", Text["Join.EnterCode"]));
            return Page();
        }

        var mutation = IsYoungPerson ? "acceptYoungPersonInvitation" : "acceptCarerInvitation";
        var result = await graphQL.RunAsync($"mutation($code: String!) {{ {mutation}(code: $code) {{ id }} }}", new { code });
        if (!result.Ok || result.Data?[mutation]?["id"] is not { } id)
        {
            if (result.Errors.FirstOrDefault() is { Code: "FORBIDDEN" or "RATE_LIMITED" } refused)
            {
                // The API says why it refused (e.g. the person is already linked), in English.
                AddApiError("code", refused, apiExplainsRefusals: true);
            }
            else
            {
                Errors.Add(("code", Text["Join.NotValid"]));
            }
            return Page();
        }

        return LocalRedirect($"/passports/{id}");
    }
}
