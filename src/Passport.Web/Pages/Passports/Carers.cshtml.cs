using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Passport.Core.Carers;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>
/// The carers linked to a passport, their rights and (where they share them) their contact details.
/// A carer changes their own contact details from here; whoever may remove a carer (the API says,
/// per carer) confirms it on this page first, and a professional gives the reason the core requires.
/// </summary>
public sealed class CarersModel(PageGraphQL graphQL) : FormPage
{
    /// <summary>The shortest reason the API takes from a professional (as for break-glass).</summary>
    private const int ShortestReason = RemoveCarer.ShortestReason;

    public string Id { get; private set; } = "";

    public IReadOnlyList<JsonNode> Carers { get; private set; } = [];

    /// <summary>The signed-in person's subject: their own entry is "you".</summary>
    public string Me { get; private set; } = "";

    /// <summary>Private contact details come back as FIELD_NOT_PERMITTED: shown as kept private.</summary>
    public GraphQLPageResult Result { get; private set; } = new(null, []);

    /// <summary>The carer someone asked to remove, shown for confirmation before anything changes.</summary>
    public JsonNode? Confirming { get; private set; }

    /// <summary>A professional of the sector the core lets remove carers must say why.</summary>
    public bool MustGiveReason => User.HasClaim("role", "professional") && User.FindFirst("sector")?.Value == RemoveCarer.ProfessionalSector;

    public bool IsMe(JsonNode carer) => carer.Str("subject") == Me;

    public bool IsPrivate(int index, string field) => Result.Withheld("passport", "carers", index.ToString(System.Globalization.CultureInfo.InvariantCulture), field);

    public async Task<IActionResult> OnGetAsync(string id, string? remove)
    {
        Id = id;
        if (!await LoadAsync())
        {
            return NotFound();
        }

        Confirming = remove is null ? null : Carers.FirstOrDefault(c => c.Str("subject") == remove && c?["removableByYou"]?.GetValue<bool>() == true);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string subject, string? reason)
    {
        Id = id;
        reason = reason?.Trim();
        if (MustGiveReason && string.IsNullOrEmpty(reason))
        {
            Errors.Add(("reason", Text["Carers.EnterReason"]));
        }
        else if (reason is { Length: > 0 and < ShortestReason })
        {
            Errors.Add(("reason", Text["Carers.ReasonTooShort", ShortestReason]));
        }

        if (Errors.Count == 0)
        {
            var result = await graphQL.RunAsync(
                "mutation($id: ID!, $s: String!, $r: String) { removeCarer(passportId: $id, subject: $s, reason: $r) { id } }",
                new { id, s = subject, r = string.IsNullOrEmpty(reason) ? null : reason });
            if (result.Ok)
            {
                // Someone who removed themselves no longer sees the passport.
                return LocalRedirect(result.Data?["removeCarer"] is JsonObject ? $"/passports/{id}/carers?removed=true" : "/passports?left=true");
            }

            // The API's refusals are written for the person (e.g. "You can remove only yourself and the carers you invited.").
            foreach (var e in result.Errors)
            {
                AddApiError(e.Field == "reason" ? "reason" : "confirm", e, apiExplainsRefusals: true);
            }
        }

        if (!await LoadAsync())
        {
            return NotFound();
        }

        Confirming = Carers.FirstOrDefault(c => c.Str("subject") == subject);
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        Result = await graphQL.RunAsync("query($id: ID!) { me { subject } passport(id: $id) { carers { subject displayName mayEdit mayManageSharing mayInvite address phone sharesContactDetails removableByYou } } }", new { id = Id });
        if (Result.Data?["passport"] is not JsonNode passport)
        {
            return false;
        }

        Me = Result.Data["me"].Str("subject");
        Carers = (passport["carers"] as JsonArray ?? []).OfType<JsonNode>().ToList();
        return true;
    }
}
