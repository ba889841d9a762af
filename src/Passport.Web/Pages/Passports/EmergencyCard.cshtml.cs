using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Passport.Web.EmergencyCards;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>
/// The family's emergency card (ADR 18): a wallet card to print and a lock-screen image with the
/// child's first name, the things you must know and a QR code of the card's link. The API returns
/// the link once, when the card is issued; the page carries it to the one page view that follows
/// (post, redirect, get) in TempData, so reloading never issues another card, and after that only
/// a new card can be printed.
/// </summary>
public sealed class EmergencyCardModel(PageGraphQL graphQL) : FormPage
{
    private const string Query = "query($id: ID!) { passport(id: $id) { child { givenName preferredName } aboutMe { mustKnow } emergencyCard { issuedAt issuedBy } } }";

    /// <summary>"{passport id} {link}" of the card just issued, for the next view of this page only.</summary>
    [TempData]
    public string? IssuedCard { get; set; }

    public string Id { get; private set; } = "";

    public CardContent Card { get; private set; } = CardContent.From(null, null, null);

    /// <summary>The card in use (issuedAt, issuedBy), or null.</summary>
    public JsonNode? Current { get; private set; }

    /// <summary>The new card's link: set only on the view right after issuing.</summary>
    public string? CardUrl { get; private set; }

    public string? QrSvg { get; private set; }

    /// <summary>The lock-screen image as a data URL: downloaded from the page itself, so its link is never sent again.</summary>
    public string? LockScreenPng { get; private set; }

    public string? LockScreenPreview { get; private set; }

    /// <summary>False when a character of the card's text is missing from the lock-screen image's font.</summary>
    public bool LockScreenShowsAllText { get; private set; } = true;

    public bool Revoked => Request.Query["revoked"] == "true";

    public async Task<IActionResult> OnGetAsync(string id)
    {
        Id = id;
        if (await LoadAsync() is { } refusal)
        {
            return refusal;
        }

        if (IssuedCard?.Split(' ', 2) is [var passport, var url] && passport == id)
        {
            CardUrl = url;
            QrSvg = CardPictures.QrSvg(url, $"QR code of {Card.FirstName}'s emergency card");
            var (png, preview) = CardPictures.LockScreen(Card, url);
            LockScreenPng = "data:image/png;base64," + Convert.ToBase64String(png);
            LockScreenPreview = "data:image/png;base64," + Convert.ToBase64String(preview);
            LockScreenShowsAllText = CardPictures.CanDraw(Card.FirstName + string.Concat(Card.Things));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(string id)
    {
        Id = id;
        var result = await graphQL.RunAsync("mutation($id: ID!) { issueEmergencyCard(passportId: $id) { url } }", new { id });
        if (result.Data?["issueEmergencyCard"]?["url"]?.ToString() is not { Length: > 0 } url)
        {
            AddApiErrors(result, "issue");
            return await LoadAsync() ?? Page();
        }

        IssuedCard = $"{id} {url}";
        return LocalRedirect($"/passports/{Uri.EscapeDataString(id)}/emergency-card#card");
    }

    public async Task<IActionResult> OnPostRevokeAsync(string id)
    {
        Id = id;
        var result = await graphQL.RunAsync("mutation($id: ID!) { revokeEmergencyCard(passportId: $id) { id } }", new { id });
        if (!result.Ok)
        {
            AddApiErrors(result, "issue");
            return await LoadAsync() ?? Page();
        }

        return LocalRedirect($"/passports/{Uri.EscapeDataString(id)}/emergency-card?revoked=true");
    }

    /// <summary>Reads the name, the things you must know and the card in use; a result to return instead of the page when there is none.</summary>
    private async Task<IActionResult?> LoadAsync()
    {
        var result = await graphQL.RunAsync(Query, new { id = Id });
        var passport = result.Data?["passport"];
        if (passport is null)
        {
            return NotFound();
        }

        if (result.Withheld("passport", "emergencyCard"))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        var child = passport["child"];
        Card = CardContent.From(child.Str("givenName"), child.Str("preferredName"), passport["aboutMe"].Str("mustKnow"));
        Current = passport["emergencyCard"];
        return null;
    }
}
