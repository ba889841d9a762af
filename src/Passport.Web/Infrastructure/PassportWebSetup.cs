using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Passport.Core.Resilience;

namespace Passport.Web.Infrastructure;

/// <summary>Registers the web app in the host: Razor Pages, the cookie session, antiforgery, static files.</summary>
public static class PassportWebSetup
{
    public static IServiceCollection AddPassportWeb(this IServiceCollection services, Action<PassportWebOptions> configure)
    {
        var options = new PassportWebOptions();
        configure(options);
        services.AddSingleton(options);
        services.AddHttpContextAccessor();
        services.AddScoped<PageGraphQL>();
        services.AddSingleton<SectionPages>();
        services.AddSingleton(new Languages(options.Languages));
        services.AddSingleton<PageWords>();
        services.AddLocalization(l => l.ResourcesPath = "Resources");

        // Every cookie the site sets (session, antiforgery, language, sign-in correlation) is HttpOnly,
        // at least SameSite=Lax, and Secure outside Development (UseCookiePolicy in the host's pipeline).
        var secure = options.SecureCookiesOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        services.Configure<CookiePolicyOptions>(policy =>
        {
            policy.Secure = secure;
            policy.HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always;
            policy.MinimumSameSitePolicy = SameSiteMode.Lax;
        });

        // An extra scheme beside the API's bearer scheme: the default stays as it is.
        services.AddAuthentication().AddCookie(PassportWebOptions.CookieScheme, cookie =>
        {
            cookie.Cookie.Name = "passport.session";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = secure;
            cookie.LoginPath = "/sign-in";
            cookie.AccessDeniedPath = "/sign-in";
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });
        services.AddAuthorizationBuilder().AddPolicy(PassportWebOptions.Policy, policy => policy
            .AddAuthenticationSchemes(PassportWebOptions.CookieScheme)
            .RequireAuthenticatedUser());
        services.AddAntiforgery(a =>
        {
            a.Cookie.Name = "passport.antiforgery";
            a.FormFieldName = "__RequestVerificationToken";

            // Made Secure outside Development by the cookie policy above. Its own Always setting
            // would refuse to render any form over plain HTTP (a host not yet behind its proxy).
        });
        services.AddRazorPages(pages =>
        {
            pages.Conventions.AuthorizeFolder("/", PassportWebOptions.Policy);
            pages.Conventions.AllowAnonymousToPage("/SignIn");
            pages.Conventions.AllowAnonymousToPage("/Error");
            pages.Conventions.AllowAnonymousToPage("/Language");
        })
            .AddViewLocalization()
            .AddMvcOptions(mvc =>
            {
                mvc.Filters.Add(new OfflineCopies());
                mvc.Filters.Add<RememberedLanguageFilter>();
            });
        services.AddScoped<RememberedLanguageFilter>();
        return services;
    }

    /// <summary>
    /// Static files (NHS.UK frontend, the web app's own and its service worker at /sw.js), before
    /// authentication; then the pages' language (<see cref="Languages"/>). The host's own endpoints
    /// (<see cref="PassportWebOptions.ApiPaths"/>) keep the invariant culture whatever a browser asks:
    /// their answers never depend on a person's language.
    /// </summary>
    public static IApplicationBuilder UsePassportWebStaticFiles(this IApplicationBuilder app)
    {
        OfflineCopies.UseServiceWorkerAtRoot(app);
        app.UseStaticFiles();
        var languages = app.ApplicationServices.GetRequiredService<Languages>();
        var apiPaths = app.ApplicationServices.GetRequiredService<PassportWebOptions>().ApiPaths;
        app.UseWhen(
            context => !apiPaths.Any(api => context.Request.Path.StartsWithSegments(api)),
            pages => pages.UseRequestLocalization(languages.RequestOptions()));

        // A page whose reads could not be written to the access log shows nothing of the passport; nor
        // does one that could not reach the database. Both say to try again (503 with Retry-After).
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (Exception e) when ((e is AuditUnavailableException || DatabaseOutage.Caused(e)) && !context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await WriteMessagePageAsync(context, "Unavailable.Title", e is AuditUnavailableException ? "Unavailable.Body" : "Unavailable.Database", "Unavailable.TryAgain");
            }
        });

        // A page refused without a body (not found, forbidden) says so in words: the pages are sent
        // with nosniff, so a browser would otherwise offer the empty answer as a download.
        app.UseWhen(
            context => !apiPaths.Any(api => context.Request.Path.StartsWithSegments(api)),
            pages => pages.UseStatusCodePages(status => status.HttpContext.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound => WriteMessagePageAsync(status.HttpContext, "Error.Title", "Error.NotFound"),
                StatusCodes.Status403Forbidden => WriteMessagePageAsync(status.HttpContext, "Error.Title", "Error.Forbidden"),
                _ => WriteMessagePageAsync(status.HttpContext, "Unavailable.Title", "Unavailable.TryAgain"),
            }));
        return app;
    }

    /// <summary>A plain page in the NHS.UK style: a heading and paragraphs, each a word of the page's language.</summary>
    private static Task WriteMessagePageAsync(HttpContext context, string title, params string[] paragraphs)
    {
        context.Response.ContentType = "text/html; charset=utf-8";
        var text = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        string Html(string key) => System.Net.WebUtility.HtmlEncode(text[key]);
        return context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{Html(title)}</title>" +
            "<link rel=\"stylesheet\" href=\"/_content/Passport.Web/nhsuk/nhsuk-frontend.min.css\"></head><body><div class=\"nhsuk-width-container\"><main class=\"nhsuk-main-wrapper\" id=\"maincontent\">" +
            $"<h1>{Html(title)}</h1>{string.Concat(paragraphs.Select(p => $"<p>{Html(p)}</p>"))}</main></div></body></html>",
            context.RequestAborted);
    }

    public static IEndpointRouteBuilder MapPassportWeb(this IEndpointRouteBuilder app)
    {
        app.MapRazorPages();
        return app;
    }
}
