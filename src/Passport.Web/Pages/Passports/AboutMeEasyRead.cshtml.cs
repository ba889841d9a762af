using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>
/// The easy-read About me: one question a page, in short sentences with an example, that a young
/// person with a learning disability could answer with help. The answers so far travel in the
/// form (nothing is kept on the server between pages); they are saved together at the end, as the
/// full About me form saves them, at the version read at the start.
/// </summary>
public sealed class AboutMeEasyReadModel(PageGraphQL graphQL) : FormPage
{
    /// <summary>
    /// The questions in the order asked, by field. Their words (the question, a hint and an example)
    /// are the resources <c>EasyRead.&lt;field&gt;.Question</c>, <c>.Hint</c> and <c>.Example</c>, in each language.
    /// </summary>
    public static readonly EasyQuestion[] Questions =
        [.. new[] { "mustKnow", "communication", "importantToMe", "likes", "dislikes", "whatUpsetsMe", "howToHelpMe", "howIShowPain" }.Select(f => new EasyQuestion(f))];

    public string Id { get; private set; } = "";

    public int Version { get; private set; }

    /// <summary>The question shown, from 0; <see cref="Questions"/>.Length is the check-your-answers page.</summary>
    public int Step { get; private set; }

    public bool IsCheckPage => Step == Questions.Length;

    /// <summary>True when a question was opened from the check page: Next goes back there.</summary>
    public bool Checking { get; private set; }

    public EasyQuestion Question => Questions[Step];

    public Dictionary<string, string> Answers { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        Id = id;
        var result = await graphQL.RunAsync(
            "query($id: ID!) { passport(id: $id) { version aboutMe { communication importantToMe likes dislikes whatUpsetsMe howToHelpMe howIShowPain mustKnow } } }",
            new { id });
        if (result.Data?["passport"] is not { } passport)
        {
            return NotFound();
        }

        Version = passport["version"]?.GetValue<int>() ?? 0;
        foreach (var question in Questions)
        {
            Answers[question.Field] = passport["aboutMe"]?[question.Field]?.ToString() ?? "";
        }

        return Page();
    }

    /// <summary>Moves between questions (next, back, or to one question from the check page), or saves.</summary>
    public async Task<IActionResult> OnPostAsync(string id, int expectedVersion, int step, string go, bool checking)
    {
        Id = id;
        Version = expectedVersion;
        Checking = checking;
        go ??= "";
        foreach (var question in Questions)
        {
            Answers[question.Field] = Form(question.Field).Trim();
        }

        step = Math.Clamp(step, 0, Questions.Length);
        if (step < Questions.Length && Answers[Questions[step].Field].Length > 4000)
        {
            Step = step;
            Errors.Add((Questions[step].Field, Text["EasyRead.TooLong"]));
            return Page();
        }

        if (go == "save")
        {
            var input = Questions.ToDictionary(q => q.Field, q => Answers[q.Field].Length > 0 ? Answers[q.Field] : null, StringComparer.Ordinal);
            var result = await graphQL.RunAsync(
                "mutation($id: ID!, $v: Int!, $input: AboutMeInput!) { updateAboutMe(passportId: $id, expectedVersion: $v, input: $input) { id } }",
                new { id, v = expectedVersion, input });
            if (result.Ok)
            {
                return LocalRedirect($"/passports/{id}#about-me");
            }

            Step = Questions.Length;
            AddApiErrors(result, Questions[0].Field);
            return Page();
        }

        if (go.StartsWith("change-", StringComparison.Ordinal) && int.TryParse(go["change-".Length..], out var to))
        {
            Step = Math.Clamp(to, 0, Questions.Length - 1);
            Checking = true;
            return Page();
        }

        Step = go switch
        {
            "back" => Math.Max(step - 1, 0),
            "next" when Checking => Questions.Length,
            "next" => Math.Min(step + 1, Questions.Length),
            _ => step,
        };
        Checking = Checking && Step < Questions.Length;
        return Page();
    }
}

/// <summary>One easy-read question.</summary>
/// <param name="Field">The About me field it fills.</param>
/// <param name="Text">The question.</param>
/// <param name="Hint">What to write, in a few words.</param>
/// <param name="Example">An example answer.</param>
public sealed record EasyQuestion(string Field)
{
    /// <summary>The resource key of one of the question's words: <c>Question</c>, <c>Hint</c> or <c>Example</c>.</summary>
    public string Key(string part) => $"EasyRead.{Field}.{part}";
}
