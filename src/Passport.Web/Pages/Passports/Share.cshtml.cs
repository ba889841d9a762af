using Microsoft.AspNetCore.Mvc;
using Passport.Core.Access;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>A share code for one of the region's sectors: those its sharing policy names (data, not code).</summary>
public sealed class ShareModel(PageGraphQL graphQL, SharingPolicy policy) : FormPage
{
    public IReadOnlyList<string> Sectors => policy.Sectors;

    /// <summary>The first radio, which the error summary links to.</summary>
    public string FirstSector => "sector-" + Sectors.FirstOrDefault();

    public string Id { get; private set; } = "";

    public string? Code { get; private set; }

    public string? ExpiresAt { get; private set; }

    public string? Sector { get; private set; }

    public void OnGet(string id) => Id = id;

    public async Task<IActionResult> OnPostAsync(string id, string? sector)
    {
        Id = id;
        if (sector is null || !Sectors.Contains(sector))
        {
            Errors.Add((FirstSector, Text["Share.SelectKind"]));
            return Page();
        }

        var result = await graphQL.RunAsync(
            "mutation($id: ID!, $sector: String!) { createShareCode(passportId: $id, sector: $sector) { code expiresAt } }",
            new { id, sector });
        if (!result.Ok)
        {
            AddApiErrors(result, FirstSector);
            return Page();
        }

        Sector = sector;
        Code = result.Data?["createShareCode"]?["code"]?.ToString();
        ExpiresAt = result.Data?["createShareCode"]?["expiresAt"]?.ToString();
        return Page();
    }
}
