using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed class InviteCarerModel(PageGraphQL graphQL) : FormPage
{
    public string Id { get; private set; } = "";

    public string? Code { get; private set; }

    public string? ExpiresAt { get; private set; }

    public void OnGet(string id) => Id = id;

    public async Task<IActionResult> OnPostAsync(string id, bool mayEdit, bool mayManageSharing, bool mayInvite)
    {
        Id = id;
        var result = await graphQL.RunAsync(
            "mutation($id: ID!, $e: Boolean!, $s: Boolean!, $i: Boolean!) { inviteCarer(passportId: $id, mayEdit: $e, mayManageSharing: $s, mayInvite: $i) { code expiresAt } }",
            new { id, e = mayEdit, s = mayManageSharing, i = mayInvite });
        if (!result.Ok)
        {
            AddApiErrors(result, "mayEdit");
            return Page();
        }

        Code = result.Data?["inviteCarer"]?["code"]?.ToString();
        ExpiresAt = result.Data?["inviteCarer"]?["expiresAt"]?.ToString();
        return Page();
    }
}
