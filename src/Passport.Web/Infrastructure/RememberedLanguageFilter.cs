using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace Passport.Web.Infrastructure;

/// <summary>
/// The language a signed-in person chose, on a device that has not remembered one: read once from
/// their account (<c>me { language }</c>) and remembered on the device too, so the next pages need
/// no lookup; a page asked for in another language is asked for again, now in theirs. Runs after
/// authorization, when the page knows who is signed in.
/// </summary>
public sealed class RememberedLanguageFilter(Languages languages, PageGraphQL graphQL) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var signedIn = http.User.Identities.Any(i => i.IsAuthenticated && i.AuthenticationType == PassportWebOptions.CookieScheme);
        if (signedIn && !http.Request.Cookies.ContainsKey(Languages.CookieName))
        {
            var result = await graphQL.RunAsync("query { me { language } }");
            var chosen = languages.Find(result.Data?["me"]?["language"]?.ToString()) ?? CultureInfo.CurrentUICulture;
            Languages.Remember(http.Response, chosen, http.Request.IsHttps);
            if (chosen.Name != CultureInfo.CurrentUICulture.Name && HttpMethods.IsGet(http.Request.Method))
            {
                context.Result = new LocalRedirectResult(http.Request.Path + http.Request.QueryString);
                return;
            }
        }

        await next();
    }
}
