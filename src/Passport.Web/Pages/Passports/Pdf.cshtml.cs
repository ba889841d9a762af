using Microsoft.AspNetCore.Mvc;
using Passport.Core.Access;
using Passport.Sdk;
using Passport.Web.Infrastructure;
using Passport.Web.Pdf;

namespace Passport.Web.Pages.Passports;

/// <summary>
/// The passport as a PDF to download (ADR 16): the print view's query, read as the signed-in user
/// through the same access decision and written to the access log before anything is drawn, then
/// drawn by <see cref="PassportPdf"/> from the same model. A passport the viewer may not open answers
/// as the passport page does (404, or the closed page), never with an empty PDF.
/// </summary>
public sealed class PdfPassportModel(PageGraphQL graphQL, SectionPages pages, SharingPolicy policy, TimeProvider clock)
    : ViewPassportModel(graphQL, pages, policy)
{
    /// <param name="id">The passport.</param>
    /// <param name="emergencyUntil">Not used: the PDF is not offered from the emergency view (ADR 16).</param>
    public override async Task<IActionResult> OnGetAsync(string id, string? emergencyUntil = null)
    {
        PrintView = true;
        var read = await base.OnGetAsync(id);
        if (Passport is null)
        {
            return read;
        }

        var now = clock.GetUtcNow();
        var pdf = PassportPdf.Render(this, now, User.FindFirst("name")?.Value ?? "");

        // A copy of a child's record: never kept by a browser's or a proxy's cache.
        Response.Headers.CacheControl = "no-store";
        return File(pdf, "application/pdf", FileName(id, now));
    }

    /// <summary>
    /// No name in the file name: downloads folders are seen by whoever uses the computer next (a
    /// school office, a shared family laptop). The passport's first characters tell two children's apart.
    /// </summary>
    private static string FileName(string id, DateTimeOffset now) =>
        $"childrens-passport-{(id.Length > 8 ? id[..8] : id)}-{UkDate.Of(now):yyyy-MM-dd}.pdf";
}
