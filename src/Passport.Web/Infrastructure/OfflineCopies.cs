using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passport.Web.Pages.Passports;

namespace Passport.Web.Infrastructure;

/// <summary>
/// The server's side of the installable app (ADR 19, docs/offline.md). The service worker
/// (<c>wwwroot/sw.js</c>) keeps a passport page only where the family turned on offline copies on
/// this device <em>and</em> the server marked the page as theirs to keep; this filter is the only
/// place that marks it. Deny by default: any other page, viewer or outcome carries no mark.
/// </summary>
public sealed class OfflineCopies : IAsyncPageFilter
{
    /// <summary><c>allowed</c> on the family's own passport page, and nowhere else.</summary>
    public const string OfflineHeader = "X-Passport-Offline";

    /// <summary>With <see cref="OfflineHeader"/>: when the page was made, on the UK clock, which a kept copy shows as its last update.</summary>
    public const string UpdatedHeader = "X-Passport-Updated";

    /// <summary>Who is signed in, as an opaque value: the worker wipes copies kept for someone else.</summary>
    public const string ViewerHeader = "X-Passport-Viewer";

    /// <summary>On the family's list of passports: the ids they may still see; the worker forgets copies of any other.</summary>
    public const string KeepHeader = "X-Passport-Offline-Keep";

    /// <summary>The asset path of the service worker, served at <c>/sw.js</c> so its scope is the whole site.</summary>
    private const string ServiceWorkerAsset = "/_content/Passport.Web/sw.js";

    /// <summary>
    /// The family may keep copies: carers and the young person. Never a professional, even one who
    /// is also a carer: their device may be a shared one at work.
    /// </summary>
    public static bool MayKeepCopies(ClaimsPrincipal user) => user.IsFamily() && !user.HasClaim("role", "professional");

    /// <summary>An opaque, stable value for the signed-in person (not their subject itself).</summary>
    public static string ViewerOf(ClaimsPrincipal user) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("passport-offline:" + user.FindFirst("sub")?.Value)))[..32];

    /// <summary>Serves the service worker at the site's root (before static files), so it may control every page.</summary>
    public static IApplicationBuilder UseServiceWorkerAtRoot(IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (context.Request.Path == "/sw.js")
        {
            context.Request.Path = ServiceWorkerAsset;
        }

        return next(context);
    });

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        var http = context.HttpContext;
        var user = http.User;
        if (!user.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == PassportWebOptions.CookieScheme))
        {
            return;
        }

        var headers = http.Response.Headers;

        // A signed-in person's pages never go into the browser's HTTP cache; the only copy kept on
        // a device is the one the family asked for, in the worker's own storage.
        headers.CacheControl = "no-store";
        headers[ViewerHeader] = ViewerOf(user);
        if (!MayKeepCopies(user) || executed.Exception is not null || executed.Result is not PageResult)
        {
            return;
        }

        switch (executed.HandlerInstance)
        {
            // Exactly the passport page: not the print view or any other page built on it, and never the emergency view.
            case ViewPassportModel page when page.GetType() == typeof(ViewPassportModel)
                && page.Passport is not null && page.Closed is null && page.EmergencyUntil is null:
                headers[OfflineHeader] = "allowed";
                // In the page's language, so it may hold letters a header cannot ("września"): URI-encoded.
                headers[UpdatedHeader] = Uri.EscapeDataString(Display.Time(DateTimeOffset.UtcNow));
                break;
            // Only a whole list says which passports are no longer theirs (the page shows the first page of them).
            case PassportsIndexModel list when list.Passports.Count < Passport.Core.Passports.Paging.DefaultFirst:
                headers[KeepHeader] = string.Join(',', list.Passports.Select(p => p.Str("id")).Where(id => id.Length > 0));
                break;
        }
    }
}
