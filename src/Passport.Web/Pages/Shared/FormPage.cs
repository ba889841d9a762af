using System.Globalization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

/// <summary>
/// The errors a form shows in its error summary and beside its fields. A message the API wrote in
/// English that the page could not put into its language is kept in English and marked so
/// (<see cref="Lang"/>), for screen readers to pronounce it right.
/// </summary>
public sealed class FormErrors : List<(string Field, string Message)>
{
    private readonly HashSet<string> _english = new(StringComparer.Ordinal);

    /// <summary>Adds a message in English on a page in another language.</summary>
    public void AddEnglish(string field, string message)
    {
        Add((field, message));
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName != "en")
        {
            _english.Add(message);
        }
    }

    /// <summary>"en" for a message kept in the API's English on a page in another language; otherwise null (the page's language).</summary>
    public string? Lang(string? message) => message is not null && _english.Contains(message) ? "en" : null;
}

/// <summary>A page with a form: the posted values and the errors to show in the error summary.</summary>
public abstract class FormPage : PageModel
{
    public FormErrors Errors { get; } = [];

    /// <summary>The web app's words, for the messages the page model writes.</summary>
    protected IStringLocalizer Text => HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();

    public string Form(string name) => Request.HasFormContentType ? Request.Form[name].ToString() : "";

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    /// <summary>Maps API errors to the error summary (the first field of the form gets general ones).</summary>
    protected void AddApiErrors(GraphQLPageResult result, string firstField)
    {
        foreach (var e in result.Errors)
        {
            AddApiError(firstField, e);
        }
    }

    /// <summary>
    /// One API error in the page's words where the page knows it (by its code, or its shape), else the
    /// API's message in English, marked so. <paramref name="apiExplainsRefusals"/>: a refusal
    /// (FORBIDDEN) says why in the API's words, which are more use than "you cannot do this"
    /// (e.g. "The young person can do this from their 16th birthday.").
    /// </summary>
    protected void AddApiError(string field, PageError e, bool apiExplainsRefusals = false)
    {
        var known = e.Code switch
        {
            "VERSION_CONFLICT" => Text["Error.VersionConflict"].Value,
            "FORBIDDEN" when !apiExplainsRefusals => Text["Error.Forbidden"].Value,
            "NOT_FOUND" => Text["Error.NotFound"].Value,
            "MODULE_NOT_ENABLED" => Text["Error.ModuleNotEnabled"].Value,
            "MODULE_UNAVAILABLE" => Text["Error.ModuleUnavailable"].Value,
            "RATE_LIMITED" => Text["Error.RateLimited"].Value,
            _ => null,
        };
        if (known is not null)
        {
            Errors.Add((field, known));
        }
        else if (ApiMessages.InWords(e.Message, Text) is { } translated)
        {
            Errors.Add((field, translated));
        }
        else
        {
            Errors.AddEnglish(field, e.Message);
        }
    }
}
