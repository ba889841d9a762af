using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>The web session ends where its holder ends it: a copy of its cookie does not outlive a sign-out (ADR 25).</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebSessionTests(BrowserFixture fixture)
{
    [Fact]
    public async Task After_signing_out_a_copy_of_the_session_cookie_opens_nothing()
    {
        var id = await fixture.NewPassportAsync("Jowan", "Pascoe");
        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        (await carer.Locator("h1").InnerTextAsync()).ShouldBe("Jowan Pascoe");

        // Someone copies the session cookie (a shared computer, malware) before the carer signs out.
        var copied = (await carer.Context.CookiesAsync()).Single(c => c.Name == "passport.session");
        await carer.ClickAsync("button:has-text('Sign out')");
        await carer.WaitForURLAsync("**/sign-in");

        var thief = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Host.BaseAddress.ToString() });
        await thief.WatchContentSecurityPolicyAsync();
        await thief.AddCookiesAsync([new Cookie { Name = copied.Name, Value = copied.Value, Domain = copied.Domain, Path = copied.Path, HttpOnly = copied.HttpOnly, Secure = copied.Secure, SameSite = copied.SameSite }]);
        var page = await thief.NewPageAsync();
        await page.GotoAsync($"/passports/{id}");
        new Uri(page.Url).AbsolutePath.ShouldBe("/sign-in");
        (await page.ContentAsync()).ShouldNotContain("Jowan");
        await page.VerifyPageAsync();
        await thief.CloseAsync();
    }
}
