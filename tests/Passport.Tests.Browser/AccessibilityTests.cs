using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>
/// WCAG 2.2 AA as axe checks it, on every page a person can reach by following the web app's links
/// (a crawl from the start page, so a new page is checked without being listed here), in every
/// language, at 320 px and at 200 % zoom; and journeys done with the keyboard alone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    /// <summary>The cultures the web app offers; the culture cookie is ASP.NET Core's own.</summary>
    public static TheoryData<string> Cultures() => ["en-GB", "pl-PL", "ro-RO"];

    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task Every_page_the_family_reaches_meets_WCAG_2_2_AA_at_320_px_and_200_percent_zoom(string culture)
    {
        var id = await PassportWithContentAsync();
        // Every page in English; in the other languages the pages the family uses most (the crawl's first 8).
        var pages = await CrawlAsync("carer", culture, $"/passports/{id}", culture == "en-GB" ? 45 : 8);

        pages.ShouldContain(p => p.EndsWith($"/passports/{id}", StringComparison.Ordinal));
        if (culture == "en-GB")
        {
            pages.ShouldContain(p => p.Contains("/about-me/easy-read", StringComparison.Ordinal));
            pages.ShouldContain(p => p.Contains("/record/", StringComparison.Ordinal));
            pages.Count.ShouldBeGreaterThan(15);
        }
    }

    [Fact]
    public async Task Every_page_a_health_professional_reaches_meets_WCAG_2_2_AA_at_320_px_and_200_percent_zoom()
    {
        var id = await PassportWithContentAsync();
        await fixture.RelateAsync(id, "health");
        var pages = await CrawlAsync("health", "en-GB", $"/passports/{id}", 12);

        pages.ShouldContain(p => p.Contains("/record/", StringComparison.Ordinal));
        pages.Count.ShouldBeGreaterThan(5);
    }

    [Fact]
    public async Task A_family_reports_an_allergy_with_the_keyboard_alone()
    {
        var id = await fixture.NewPassportAsync("Kerensa", "Hocking", "2014-07-07");
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Host.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        await context.WatchContentSecurityPolicyAsync();
        var page = await context.NewPageAsync();

        // Sign in: tab to the persona, choose it with the space bar, tab to the button, press Enter.
        await page.GotoAsync("/sign-in");
        await TabToAsync(page, "#persona-carer");
        await page.Keyboard.PressAsync("Space");
        await TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/passports");

        await TabToAsync(page, $"a[href='/passports/{id}']");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**/passports/{id}");
        await TabToAsync(page, "a", "Report an allergy");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/record/**");

        await TabToAsync(page, "#substance");
        await page.Keyboard.TypeAsync("Sesame");
        // A radio group is one tab stop: Tab reaches its first choice, the arrow keys choose.
        await TabToAsync(page, "#severity-MILD");
        await page.Keyboard.PressAsync("ArrowDown");
        (await page.IsCheckedAsync("#severity-MODERATE")).ShouldBeTrue();
        await TabToAsync(page, "button[type=submit]");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains($"/passports/{id}#", StringComparison.Ordinal));

        (await page.Locator("main").InnerTextAsync()).ShouldContain("Sesame");
        await context.CloseAsync();
    }

    /// <summary>Presses Tab until the focused element matches the CSS selector (and has the text, when given), at most 150 times.</summary>
    private static async Task TabToAsync(IPage page, string selector, string? text = null)
    {
        for (var i = 0; i < 150; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("([s, t]) => document.activeElement?.matches(s) === true && (t === null || document.activeElement.textContent.trim() === t)", new object?[] { selector, text }))
            {
                return;
            }
        }

        throw new ShouldAssertException($"Tab never reached {selector} {text} on {page.Url}");
    }

    private async Task<string> PassportWithContentAsync()
    {
        var id = await fixture.NewPassportAsync("Demelza", "Rowe", "2013-04-11");
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Peanuts\", reaction: \"Hives\", severity: SEVERE }) { id } }", new { id });
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { addEmergencyContact(passportId: $id, input: { name: \"Sam Rowe\", relationship: \"Father\", parentalResponsibility: true, phone: \"07700 900456\" }) { id } }", new { id });
        return id;
    }

    /// <summary>
    /// Signs in and follows every same-site link from the start page and <paramref name="start"/>
    /// (not sign-out, downloads or other people's passports), checking each page found; returns the pages checked.
    /// </summary>
    private async Task<List<string>> CrawlAsync(string persona, string culture, string start, int most = 40)
    {
        var phone = await fixture.SignInAsync(persona);
        await phone.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = fixture.Host.BaseAddress.ToString() }]);
        var zoomed = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Host.BaseAddress.ToString(),
            // 200 % zoom of a 1280 px window: 640 CSS pixels at twice the density.
            ViewportSize = new ViewportSize { Width = 640, Height = 450 },
            DeviceScaleFactor = 2,
        });
        await zoomed.AddCookiesAsync((await phone.Context.CookiesAsync()).Select(c => new Cookie { Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite }));
        await zoomed.WatchContentSecurityPolicyAsync();
        var zoomedPage = await zoomed.NewPageAsync();

        var seen = new HashSet<string>(StringComparer.Ordinal);
        // The passport's own pages first, then the rest of what the person can reach.
        var queue = new Queue<string>([start, "/"]);
        var problems = new List<string>();
        while (queue.Count > 0 && seen.Count < most)
        {
            var path = queue.Dequeue();
            if (!seen.Add(path))
            {
                continue;
            }

            var response = await phone.GotoAsync(path);
            if (response is null || !response.Ok || !(response.Headers.GetValueOrDefault("content-type") ?? "").StartsWith("text/html", StringComparison.Ordinal))
            {
                continue;
            }

            var axe = await phone.RunAxe(Wcag22AA);
            problems.AddRange(axe.Violations.Select(v => $"{path} ({culture}, 320 px): {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Take(2).Select(n => n.Html))}"));
            if (await phone.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth") > BrowserFixture.MobileWidth)
            {
                problems.Add($"{path} ({culture}): scrolls sideways at 320 px");
            }

            await zoomedPage.GotoAsync(path);
            if (await zoomedPage.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth") > 640)
            {
                problems.Add($"{path} ({culture}): scrolls sideways at 200 % zoom");
            }

            var links = await phone.EvaluateAsync<string[]>("() => [...document.querySelectorAll('a[href^=\"/\"]')].map(a => a.getAttribute('href'))");
            foreach (var link in links.Select(l => l.Split('#')[0]).Where(l => l.Length > 0))
            {
                if (!link.StartsWith("/sign-out", StringComparison.Ordinal) && !link.EndsWith(".pdf", StringComparison.Ordinal) && !link.StartsWith("/dev/", StringComparison.Ordinal)
                    && !link.StartsWith("/nhsuk", StringComparison.Ordinal) && !link.Contains('.', StringComparison.Ordinal)
                    && (!link.StartsWith("/passports/", StringComparison.Ordinal) || link.StartsWith(start, StringComparison.Ordinal) || link == "/passports/new"))
                {
                    queue.Enqueue(link);
                }
            }
        }

        await zoomed.CloseAsync();
        await phone.Context.CloseAsync();
        problems.ShouldBeEmpty(string.Join("\n", problems));
        return [.. seen];
    }
}
