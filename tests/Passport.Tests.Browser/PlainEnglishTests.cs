using Passport.Tests.Browser.Infrastructure;
using Xunit.Abstractions;

namespace Passport.Tests.Browser;

/// <summary>
/// The family's pages are in plain English (docs/easy-read.md): the interface text of each, less
/// what the family wrote and people's names, reads at a Flesch–Kincaid grade of at most
/// <see cref="HighestGrade"/>, a reading age of about 9.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PlainEnglishTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>
    /// Grade 4 to 5 is a reading age of about 9 to 10 (a US grade + 5). Most of the family's pages read
    /// at grade 2 to 4; the passport page and the sharing settings carry the names of the information
    /// itself (immunisations, medications, emergency care plans), which a family must recognise and
    /// no simpler word replaces. Grade 5 holds them there and fails when sentences grow longer.
    /// </summary>
    public const double HighestGrade = 5.0;

    private static readonly string[] Written = ["Alex Morgan", "Jordan Morgan", "Lowenna Polglase", "Lowenna", "Polglase", "I like the sea.", "Peanuts", "Cornwall Council"];

    [Fact]
    public async Task The_familys_pages_read_at_a_reading_age_of_about_9()
    {
        var id = await fixture.NewPassportAsync("Lowenna", "Polglase", "2014-06-01");
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Peanuts\", severity: SEVERE }) { id } }", new { id });
        var page = await fixture.SignInAsync("carer", width: BrowserFixture.DesktopWidth);
        var grades = new List<(string Page, double Grade)>();
        foreach (var path in new[]
        {
            "/passports", "/passports/new", "/join", $"/passports/{id}", $"/passports/{id}/about-me", $"/passports/{id}/about-me/easy-read",
            $"/passports/{id}/share", $"/passports/{id}/sharing", $"/passports/{id}/care-team", $"/passports/{id}/carers", $"/passports/{id}/my-contact-details",
            $"/passports/{id}/invite-carer", $"/passports/{id}/invite-young-person", $"/passports/{id}/notifications", $"/passports/{id}/history",
            $"/passports/{id}/access-log", $"/passports/{id}/record/allergy", $"/passports/{id}/child-details", $"/passports/{id}/emergency-card", "/use-offline",
        })
        {
            await page.GotoAsync(path);
            var text = await page.InterfaceTextAsync(Written);
            var grade = Wording.ReadingGrade(text);
            output.WriteLine($"{grade,5:0.0}  {path.Replace(id, "{id}", StringComparison.Ordinal)}");
            foreach (var (hard, sentence) in Wording.HardestSentences(text).Take(3))
            {
                output.WriteLine($"         {hard,5:0.0}  {sentence}");
            }

            grades.Add((path.Replace(id, "{id}", StringComparison.Ordinal), grade));
        }

        grades.Where(g => g.Grade > HighestGrade).Select(g => $"{g.Page}: grade {g.Grade:0.0}").ShouldBeEmpty();
    }

    [Fact]
    public void The_reading_grade_is_the_Flesch_Kincaid_formula_with_the_usual_syllable_count()
    {
        Wording.Syllables("passport").ShouldBe(2);
        Wording.Syllables("shared").ShouldBe(1);
        Wording.Syllables("professional").ShouldBe(4);
        Wording.Syllables("the").ShouldBe(1);

        // "The cat sat on the mat." 6 words, 1 sentence, 6 syllables: 0.39 × 6 + 11.8 × 1 − 15.59.
        Wording.ReadingGrade("The cat sat on the mat.").ShouldBe((0.39 * 6) + 11.8 - 15.59, 0.001);
        Wording.ReadingGrade("Someone else changed this passport while you were editing it. Check the latest version and make your change again.")
            .ShouldBeGreaterThan(Wording.ReadingGrade("Someone else changed it. Look again. Then make your change."));
    }
}
