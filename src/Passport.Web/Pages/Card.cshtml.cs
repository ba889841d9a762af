using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

/// <summary>
/// Where an emergency card's QR code leads (<c>/card/{token}</c>, ADR 18). Signing in comes first
/// (the pages' convention), so someone who is not signed in learns nothing, not even whether the
/// card is in use. Then the API decides: a clinician of the sector that may use emergency access is
/// sent to emergency access for the card's passport (reason, record, the family told), or straight
/// to the passport when they already have access. Everyone else, and every card that is not in use,
/// gets the same page with the same status: no name, no passport id.
/// </summary>
public sealed class CardModel(PageGraphQL graphQL) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string token)
    {
        // The token is a key: keep it out of caches and out of the Referer of any link that follows.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";

        var result = await graphQL.RunAsync("query($token: String!) { emergencyCardScan(token: $token) { passportId hasAccess } }", new { token });
        var scan = result.Data?["emergencyCardScan"];
        if (Guid.TryParse(scan?["passportId"]?.ToString(), out var id))
        {
            return scan?["hasAccess"]?.GetValue<bool>() == true
                ? LocalRedirect($"/passports/{id}")
                : LocalRedirect($"/emergency-access?passportId={id}");
        }

        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
