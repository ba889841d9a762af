using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed class AllergyModel(PageGraphQL graphQL) : FormPage
{
    public string Id { get; private set; } = "";

    public void OnGet(string id) => Id = id;

    public async Task<IActionResult> OnPostAsync(string id, string? substance, string? reaction, string? severity)
    {
        Id = id;
        if (string.IsNullOrWhiteSpace(substance))
        {
            Errors.Add(("substance", "Enter what the child is allergic to"));
        }

        if (severity is not ("MILD" or "MODERATE" or "SEVERE"))
        {
            Errors.Add(("severity-MILD", "Select how severe the allergy is"));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await graphQL.RunAsync(
            "mutation($id: ID!, $input: AllergyInput!) { recordAllergy(passportId: $id, input: $input) { id } }",
            new { id, input = new { substance = substance!.Trim(), reaction = string.IsNullOrWhiteSpace(reaction) ? null : reaction.Trim(), severity } });
        if (!result.Ok)
        {
            AddApiErrors(result, "substance");
            return Page();
        }

        return LocalRedirect($"/passports/{id}#health");
    }
}
