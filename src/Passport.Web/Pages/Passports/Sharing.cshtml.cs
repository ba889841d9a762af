using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed class SharingModel(PageGraphQL graphQL) : FormPage
{
    public string Id { get; private set; } = "";

    public IReadOnlyList<JsonNode> Settings { get; private set; } = [];

    public bool Forbidden { get; private set; }

    public static string GroupName(string group) => group switch
    {
        "identity.basic" => "Name and date of birth",
        "identity.nhsNumber" => "NHS number",
        "aboutMe" => "About me",
        "contacts.emergency" => "Emergency contacts",
        "health.emergency" => "Allergies, alerts and emergency plans",
        "health.clinical" => "Conditions, medicines and clinicians",
        "health.growth" => "Growth",
        "health.immunisations" => "Immunisations",
        "socialCare.involvement" => "Social care involvement",
        "socialCare.legalStatus" => "Legal status",
        "socialCare.safeguarding" => "Safeguarding",
        "education.setting" => "School or nursery",
        "education.sen" => "Special educational needs support",
        "leisure.activities" => "Activities",
        "careTeam" => "Who is in the care team",
        "family.carers" => "Parents and carers linked to the passport",
        _ => group,
    };

    public async Task OnGetAsync(string id)
    {
        Id = id;
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostAsync(string id, string sector, string group, bool shared)
    {
        Id = id;
        var result = await graphQL.RunAsync(
            "mutation($id: ID!, $sector: String!, $group: String!, $shared: Boolean!) { setSharing(passportId: $id, sector: $sector, group: $group, shared: $shared) { id } }",
            new { id, sector, group, shared });
        if (!result.Ok)
        {
            AddApiErrors(result, "maincontent");
            await LoadAsync();
            return Page();
        }

        return LocalRedirect($"/passports/{id}/sharing");
    }

    private async Task LoadAsync()
    {
        var result = await graphQL.RunAsync("query($id: ID!) { passport(id: $id) { sharing { sector group level shared familyMayChange } } }", new { id = Id });
        Forbidden = result.Errors.Any(e => e.Code == "FORBIDDEN");
        Settings = (result.Data?["passport"]?["sharing"] as JsonArray)?.Where(s => s is not null).Select(s => s!).ToList() ?? [];
    }
}
