using Microsoft.AspNetCore.Mvc;
using Passport.Core.BreakGlass;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

/// <summary>
/// Break-glass: a professional of the sector the core names (<see cref="UseBreakGlass.Sector"/>)
/// with no relationship opens a passport in an emergency. The API grants the emergency view for 24 hours, logs it and tells the family; this page only asks
/// for the passport and the reason, and warns first.
/// </summary>
public sealed class EmergencyAccessModel(PageGraphQL graphQL) : FormPage
{
    /// <summary>How long the API grants emergency access (schema: "the emergency view for 24 hours").</summary>
    public static readonly TimeSpan Lasts = TimeSpan.FromHours(24);

    public bool MayBreakGlass => User.HasClaim("role", "professional") && User.HasClaim("sector", UseBreakGlass.Sector);

    public string Until => Text["Emergency.UkTime", Display.Time(DateTimeOffset.UtcNow.Add(Lasts))];

    /// <summary>The passport of the emergency card the clinician scanned (<c>/card/{token}</c> sends them here with it), else null.</summary>
    public string? FromCard { get; private set; }

    public IActionResult OnGet(string? passportId)
    {
        FromCard = Guid.TryParse(passportId, out var id) ? id.ToString() : null;
        return MayBreakGlass ? Page() : StatusCode(Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden);
    }

    public async Task<IActionResult> OnPostAsync(string? passportId, string? reason)
    {
        if (!MayBreakGlass)
        {
            return StatusCode(Microsoft.AspNetCore.Http.StatusCodes.Status403Forbidden);
        }

        passportId = passportId?.Trim();
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(passportId) || !Guid.TryParse(passportId, out _))
        {
            Errors.Add(("passportId", string.IsNullOrEmpty(passportId) ? Text["Emergency.EnterId"] : Text["Emergency.IdShape"]));
        }

        if (string.IsNullOrEmpty(reason))
        {
            Errors.Add(("reason", Text["Emergency.EnterReason"]));
        }
        else if (reason.Length < 10)
        {
            Errors.Add(("reason", Text["Emergency.ReasonTooShort"]));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await graphQL.RunAsync("mutation($id: ID!, $reason: String!) { breakGlass(passportId: $id, reason: $reason) { id } }", new { id = passportId, reason });
        if (!result.Ok || result.Data?["breakGlass"]?["id"] is not { } id)
        {
            AddApiErrors(result, "passportId");
            if (Errors.Count == 0)
            {
                Errors.Add(("passportId", Text["Emergency.NotGiven"]));
            }

            return Page();
        }

        return LocalRedirect($"/passports/{id}?emergencyUntil={Uri.EscapeDataString(Until)}");
    }
}
