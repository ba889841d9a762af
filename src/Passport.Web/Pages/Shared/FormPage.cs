using Microsoft.AspNetCore.Mvc.RazorPages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

/// <summary>A page with a form: the posted values and the errors to show in the error summary.</summary>
public abstract class FormPage : PageModel
{
    public List<(string Field, string Message)> Errors { get; } = [];

    public string Form(string name) => Request.HasFormContentType ? Request.Form[name].ToString() : "";

    public string? ErrorFor(string field) => Errors.FirstOrDefault(e => e.Field == field).Message;

    /// <summary>Maps API errors to the error summary (the first field of the form gets general ones).</summary>
    protected void AddApiErrors(GraphQLPageResult result, string firstField)
    {
        foreach (var e in result.Errors)
        {
            Errors.Add((firstField, e.Code switch
            {
                "VERSION_CONFLICT" => "Someone else changed this passport while you were editing. Check the latest version and make your change again.",
                "FORBIDDEN" => "You are not allowed to do this for this passport.",
                "NOT_FOUND" => "We could not find this passport.",
                _ => e.Message,
            }));
        }
    }
}
