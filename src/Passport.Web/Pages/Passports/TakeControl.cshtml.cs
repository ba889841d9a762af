using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>From 16 the young person takes control: the carers they keep may still change the passport; the others may only read it.</summary>
public sealed class TakeControlModel(PageGraphQL graphQL) : FormPage
{
    public string Id { get; private set; } = "";

    public bool IsYoungPerson => User.HasClaim("role", "young-person");

    public bool IsControlledByYoungPerson { get; private set; }

    /// <summary>The linked carers: subject and name.</summary>
    public IReadOnlyList<(string Subject, string Name)> Carers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        Id = id;
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string id, string[] keepCarers)
    {
        Id = id;
        var result = await graphQL.RunAsync("mutation($id: ID!, $keep: [String!]!) { takeControl(passportId: $id, keepCarers: $keep) { id } }", new { id, keep = keepCarers });
        if (!result.Ok)
        {
            // The API says why, e.g. "The young person can do this from their 16th birthday."
            foreach (var e in result.Errors)
            {
                AddApiError("take-control", e, apiExplainsRefusals: true);
            }
            return await LoadAsync() ? Page() : NotFound();
        }

        return LocalRedirect($"/passports/{id}");
    }

    private async Task<bool> LoadAsync()
    {
        var result = await graphQL.RunAsync("query($id: ID!) { passport(id: $id) { isControlledByYoungPerson carers { subject displayName } } }", new { id = Id });
        if (result.Data?["passport"] is not { } passport)
        {
            return false;
        }

        IsControlledByYoungPerson = passport["isControlledByYoungPerson"]?.GetValue<bool>() == true;
        Carers = (passport["carers"] as JsonArray ?? []).Where(c => c is not null).Select(c => (c.Str("subject"), c.Str("displayName"))).ToList();
        return true;
    }
}
