using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages;

/// <summary>Receives the optional question after a journey (<see cref="SatisfactionPrompt"/>) and thanks the person.</summary>
public sealed class SatisfactionModel(PageGraphQL graphQL) : FormPage
{
    public SatisfactionPrompt? Prompt { get; private set; }

    public string ReturnTo { get; private set; } = "/";

    public bool IsSent { get; private set; }

    public IActionResult OnGet(string? journey, string? returnTo)
    {
        if (!SatisfactionPrompt.Journeys.Contains(journey))
        {
            return NotFound();
        }

        ReturnTo = Local(returnTo);
        Prompt = new SatisfactionPrompt(journey!, ReturnTo);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? journey, string? score, string? comment, string? returnTo)
    {
        if (!SatisfactionPrompt.Journeys.Contains(journey))
        {
            return BadRequest();
        }

        ReturnTo = Local(returnTo);
        if (score is not ("1" or "2" or "3" or "4" or "5"))
        {
            var message = Text["Satisfaction.ChooseScore"].Value;
            Errors.Add(("score-1", message));
            Prompt = new SatisfactionPrompt(journey!, ReturnTo, score, comment, message);
            return Page();
        }

        var result = await graphQL.RunAsync(
            $"mutation($s: Int!, $c: String) {{ recordSatisfaction(journey: {journey}, score: $s, comment: $c) }}",
            new { s = int.Parse(score, System.Globalization.CultureInfo.InvariantCulture), c = string.IsNullOrWhiteSpace(comment) ? null : comment });
        if (!result.Ok)
        {
            AddApiErrors(result, "comment");
            Prompt = new SatisfactionPrompt(journey!, ReturnTo, score, comment);
            return Page();
        }

        IsSent = true;
        return Page();
    }

    private string Local(string? returnTo) => returnTo is not null && Url.IsLocalUrl(returnTo) ? returnTo : "/";
}
