using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed class AboutMeModel(PageGraphQL graphQL) : FormPage
{
    /// <summary>The fields in the order the form asks them; their labels are the words <c>AboutMe.&lt;field&gt;</c>.</summary>
    public static readonly string[] Fields = ["communication", "importantToMe", "likes", "dislikes", "whatUpsetsMe", "howToHelpMe", "howIShowPain", "mustKnow"];

    public string Id { get; private set; } = "";

    public int Version { get; private set; }

    public string? LastReviewed { get; private set; }

    public Dictionary<string, string> Values { get; } = new(StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync(string id)
    {
        Id = id;
        var result = await graphQL.RunAsync(
            "query($id: ID!) { passport(id: $id) { version aboutMe { communication importantToMe likes dislikes whatUpsetsMe howToHelpMe howIShowPain mustKnow lastReviewed } } }",
            new { id });
        var passport = result.Data?["passport"];
        if (passport is null)
        {
            return NotFound();
        }

        Version = passport["version"]?.GetValue<int>() ?? 0;
        var aboutMe = passport["aboutMe"];
        LastReviewed = aboutMe?["lastReviewed"]?.ToString();
        foreach (var field in Fields)
        {
            Values[field] = aboutMe?[field]?.ToString() ?? "";
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, int expectedVersion)
    {
        Id = id;
        Version = expectedVersion;
        var input = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in Fields)
        {
            var value = Form(field).Trim();
            Values[field] = value;
            input[field] = value.Length > 0 ? value : null;
            if (value.Length > 4000)
            {
                Errors.Add((field, Text["AboutMe.TooLong", Display.Number(4000)]));
            }
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await graphQL.RunAsync(
            "mutation($id: ID!, $v: Int!, $input: AboutMeInput!) { updateAboutMe(passportId: $id, expectedVersion: $v, input: $input) { id } }",
            new { id, v = expectedVersion, input });
        if (!result.Ok)
        {
            AddApiErrors(result, Fields[0]);
            return Page();
        }

        return LocalRedirect($"/passports/{id}#about-me");
    }
}
