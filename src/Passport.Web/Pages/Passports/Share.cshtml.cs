using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed class ShareModel(PageGraphQL graphQL) : FormPage
{
    public static readonly (string Value, string Label, string Hint)[] Sectors =
    [
        ("health", "Health", "For example a GP, nurse or hospital doctor"),
        ("education", "Education", "For example a teacher or SENCO"),
        ("social-care", "Social care", "For example a social worker"),
        ("leisure", "Leisure", "For example a sports coach or club leader"),
    ];

    public string Id { get; private set; } = "";

    public string? Code { get; private set; }

    public string? ExpiresAt { get; private set; }

    public string? Sector { get; private set; }

    public void OnGet(string id) => Id = id;

    public async Task<IActionResult> OnPostAsync(string id, string? sector)
    {
        Id = id;
        if (sector is null || !Sectors.Any(s => s.Value == sector))
        {
            Errors.Add(("sector-health", "Select which kind of professional you are sharing with"));
            return Page();
        }

        var result = await graphQL.RunAsync(
            "mutation($id: ID!, $sector: String!) { createShareCode(passportId: $id, sector: $sector) { code expiresAt } }",
            new { id, sector });
        if (!result.Ok)
        {
            AddApiErrors(result, "sector-health");
            return Page();
        }

        Sector = sector;
        Code = result.Data?["createShareCode"]?["code"]?.ToString();
        ExpiresAt = result.Data?["createShareCode"]?["expiresAt"]?.ToString();
        return Page();
    }
}
