using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>The easy-read About me: one question a page with an example, answers kept between pages, checked, then saved.</summary>
[Collection(BrowserCollection.Name)]
public sealed class EasyReadAboutMeTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_family_answers_About_me_one_question_at_a_time_checks_the_answers_and_saves_them()
    {
        var id = await fixture.NewPassportAsync("Tegen", "Pascoe", "2012-02-02");
        var page = await fixture.SignInAsync("carer");
        await page.GotoAsync($"/passports/{id}/about-me");
        await page.ClickAsync("text=Use the easy-read form");

        (await page.Locator("h1").InnerTextAsync()).ShouldContain("Question 1 of 8");
        (await page.Locator("h1 label").InnerTextAsync()).ShouldBe("What must people know about me?");
        (await page.Locator(".nhsuk-hint").InnerTextAsync()).ShouldContain("For example:");
        await page.VerifyPageAsync("45-easy-read-about-me");
        await page.FillAsync("#mustKnow", "I cannot eat nuts.");
        await page.ClickAsync("button:has-text('Next')");

        (await page.Locator("h1 label").InnerTextAsync()).ShouldBe("How do I tell people things?");
        await page.FillAsync("#communication", "I point to pictures.");
        await page.ClickAsync("button:has-text('Back')");
        (await page.InputValueAsync("#mustKnow")).ShouldBe("I cannot eat nuts.");

        // The keyboard alone moves on: the answer box, then Next.
        await page.FocusAsync("#mustKnow");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        (await page.InputValueAsync("#communication")).ShouldBe("I point to pictures.");
        await page.ClickAsync("button:has-text('Next')");
        await page.ClickAsync("button:has-text('Next')");
        (await page.Locator("h1 label").InnerTextAsync()).ShouldBe("What do I like?");
        await page.FillAsync("#likes", "Trains and swimming.");
        for (var question = 4; question <= 8; question++)
        {
            await page.ClickAsync("button:has-text('Next')");
        }

        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check your answers");
        var answers = await page.Locator(".nhsuk-summary-list").InnerTextAsync();
        answers.ShouldContain("I cannot eat nuts.");
        answers.ShouldContain("I point to pictures.");
        answers.ShouldContain("Trains and swimming.");
        await page.VerifyPageAsync("46-easy-read-about-me-check");

        // Changing one answer from the check page comes back to it.
        await page.ClickAsync("button:has-text('Change'):has-text('What do I like?')");
        await page.FillAsync("#likes", "Trains, swimming and music.");
        await page.ClickAsync("button:has-text('Next')");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check your answers");

        await page.ClickAsync("button:has-text('Save About me')");
        await page.WaitForURLAsync($"**/passports/{id}#about-me");
        var saved = (await fixture.GraphQLAsync("carer", "query($id: ID!) { passport(id: $id) { aboutMe { mustKnow communication likes dislikes } } }", new { id }))["passport"]!["aboutMe"]!;
        saved["mustKnow"]!.ToString().ShouldBe("I cannot eat nuts.");
        saved["communication"]!.ToString().ShouldBe("I point to pictures.");
        saved["likes"]!.ToString().ShouldBe("Trains, swimming and music.");
        saved["dislikes"].ShouldBeNull();
    }
}
