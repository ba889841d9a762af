using System.Text.Json.Nodes;
using GraphQL.Types;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

public sealed class ViewPassportModel(PageGraphQL graphQL, ISchema schema) : PageModel
{
    public GraphQLPageResult Result { get; private set; } = new(null, []);

    public JsonNode? Passport => Result.Data?["passport"];

    public IReadOnlyList<Section> Sections { get; private set; } = [];

    public bool IsFamily => User.HasClaim("role", "carer") || User.HasClaim("role", "young-person");

    public bool IsProfessional => User.HasClaim("role", "professional");

    public string Id { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string id)
    {
        Id = id;
        Sections = PassportQuery.Available(schema);
        Result = await graphQL.RunAsync(PassportQuery.Build(Sections), new { id });
        if (Passport is null)
        {
            return NotFound();
        }

        return Page();
    }

    public string WithheldText => IsProfessional ? "Not shared with your sector" : "Not shared with you";

    public bool Withheld(params string[] path) => Result.Withheld(["passport", .. path]);

    public PageError? ErrorAt(params string[] path) => Result.Errors.FirstOrDefault(e => e.IsAtOrBelow(["passport", .. path]) || (e.Path.Count is > 1 && e.Path.Count <= path.Length + 1 && new[] { "passport" }.Concat(path).Take(e.Path.Count).SequenceEqual(e.Path, StringComparer.Ordinal)));

    public JsonNode? At(params string[] path)
    {
        var node = Passport;
        foreach (var p in path)
        {
            node = node?[p];
        }

        return node;
    }

    public static readonly HashSet<string> MetaFields = new(StringComparer.Ordinal) { "id", "recordedBy", "verifiedBy", "verified", "recordedAt" };
}
