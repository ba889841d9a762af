using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>A carer who may invite creates the code that links the young person to their own passport.</summary>
public sealed class InviteYoungPersonModel(PageGraphQL graphQL) : FormPage
{
    public string Id { get; private set; } = "";

    public string? Code { get; private set; }

    public string? ExpiresAt { get; private set; }

    public void OnGet(string id) => Id = id;

    public async Task<IActionResult> OnPostAsync(string id)
    {
        Id = id;
        var result = await graphQL.RunAsync("mutation($id: ID!) { inviteYoungPerson(passportId: $id) { code expiresAt } }", new { id });
        if (!result.Ok)
        {
            // The API says why, e.g. that the young person is already linked.
            foreach (var e in result.Errors)
            {
                AddApiError("create-code", e, apiExplainsRefusals: true);
            }
            return Page();
        }

        Code = result.Data?["inviteYoungPerson"]?["code"]?.ToString();
        ExpiresAt = result.Data?["inviteYoungPerson"]?["expiresAt"]?.ToString();
        return Page();
    }
}
