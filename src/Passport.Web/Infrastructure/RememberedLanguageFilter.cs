using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Passport.Web.Infrastructure;

/// <summary>
/// A person's language follows them. On the first page they open on a device after signing in: a
/// language chosen on this device just before (with the switch on the sign-in page) becomes theirs;
/// otherwise their account says which language they chose (<c>me { language }</c>), and the device
/// now uses it (a page asked for in another language is asked for again, now in theirs). A cookie
/// says for whom the device has done this (a hash of their subject, not the subject), so the next
/// pages need no lookup and a second person on a shared device gets their own language. Runs after
/// authorization, when the page knows who is signed in.
/// </summary>
public sealed class RememberedLanguageFilter(Languages languages, PageGraphQL graphQL) : IAsyncPageFilter
{
    /// <summary>The cookie that says whose language the device has taken, or that it was chosen before anyone signed in.</summary>
    public const string PersonCookieName = ".passport.language.for";

    /// <summary>The person cookie's value for a language chosen before signing in: the next person to sign in takes it.</summary>
    public const string ChosenBeforeSignIn = "chosen";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var subject = http.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == PassportWebOptions.CookieScheme)
            ? http.User.FindFirst("sub")?.Value
            : null;
        var mark = http.Request.Cookies[PersonCookieName];
        if (subject is not null && mark != PersonMark(subject))
        {
            var current = CultureInfo.CurrentUICulture;
            if (mark == ChosenBeforeSignIn)
            {
                await graphQL.RunAsync("mutation($language: String!) { setMyLanguage(language: $language) { subject } }", new { language = current.Name });
                Remember(http, current, subject);
            }
            else
            {
                var result = await graphQL.RunAsync("query { me { language } }");
                var chosen = languages.Find(result.Data?["me"]?["language"]?.ToString());
                Remember(http, chosen ?? current, subject);
                if (chosen is not null && chosen.Name != current.Name && HttpMethods.IsGet(http.Request.Method))
                {
                    context.Result = new LocalRedirectResult(http.Request.Path + http.Request.QueryString);
                    return;
                }
            }
        }

        await next();
    }

    /// <summary>Remembers the language on the device, as the signed-in person's (or, with no one signed in, as chosen before signing in).</summary>
    public static void Remember(HttpContext http, CultureInfo culture, string? subject)
    {
        ArgumentNullException.ThrowIfNull(http);
        Languages.Remember(http.Response, culture, http.Request.IsHttps);
        http.Response.Cookies.Append(PersonCookieName, subject is null ? ChosenBeforeSignIn : PersonMark(subject), new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = http.Request.IsHttps, Path = "/" });
    }

    private static string PersonMark(string subject) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes("passport.language:" + subject)))[..16];
}
