using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Passport.Tests.Browser.Infrastructure;

internal static class PageChecks
{
    private const string ViolationMark = "Content-Security-Policy violation:";

    /// <summary>The Content-Security-Policy violations each watched browser context reported, on any of its pages.</summary>
    private static readonly ConditionalWeakTable<IBrowserContext, ConcurrentQueue<string>> Violations = new();

    /// <summary>
    /// Records every Content-Security-Policy violation that any page of the context reports (the
    /// browser's <c>securitypolicyviolation</c> event, written to the console by a script the
    /// browser runs before the page's own, outside the page's policy). <see cref="VerifyPageAsync"/>
    /// fails if there was one, so every browser test proves that the pages keep the policy.
    /// </summary>
    public static async Task<IBrowserContext> WatchContentSecurityPolicyAsync(this IBrowserContext context)
    {
        var seen = Violations.GetValue(context, _ => new ConcurrentQueue<string>());
        context.Console += (_, message) =>
        {
            if (message.Text.StartsWith(ViolationMark, StringComparison.Ordinal))
            {
                seen.Enqueue(message.Text);
            }
        };
        await context.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('" + ViolationMark + " ' + e.effectiveDirective + ' refused ' + (e.blockedURI || 'inline') + ' on ' + e.documentURI + (e.sourceFile ? ' (' + e.sourceFile + ':' + e.lineNumber + ')' : '')));");
        return context;
    }

    /// <summary>The violations the page's context reported so far; fails if the context is not watched.</summary>
    public static IReadOnlyList<string> ContentSecurityPolicyViolations(this IPage page) =>
        Violations.TryGetValue(page.Context, out var seen)
            ? [.. seen]
            : throw new InvalidOperationException("This browser context is not watched for CSP violations: call WatchContentSecurityPolicyAsync when creating it.");

    /// <summary>On the "Create a passport" page: fills in the child's name and date of birth and submits (with the button <paramref name="submit"/> finds).</summary>
    public static async Task FillNewPassportAsync(this IPage page, string given, string family, DateOnly born, string submit = "button:has-text('Create passport')")
    {
        await page.FillAsync("#givenName", given);
        await page.FillAsync("#familyName", family);
        await page.FillAsync("#dob-day", born.Day.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#dob-month", born.Month.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.FillAsync("#dob-year", born.Year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.ClickAsync(submit);
    }

    /// <summary>
    /// No Content-Security-Policy violation on any page of the context so far, no serious or critical
    /// axe violations, and no horizontal scrolling at the page's width (320 px unless it was opened wider).
    /// </summary>
    public static async Task VerifyPageAsync(this IPage page, string? screenshot = null)
    {
        page.ContentSecurityPolicyViolations().ShouldBeEmpty(page.Url + ": the pages broke their Content-Security-Policy");
        var width = page.ViewportSize?.Width ?? BrowserFixture.MobileWidth;
        var axe = await page.RunAxe();
        var bad = axe.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        bad.ShouldBeEmpty(page.Url + ": " + string.Join("; ", bad.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Html))}")));

        var scrollWidth = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth");
        scrollWidth.ShouldBeLessThanOrEqualTo(width, $"{page.Url} scrolls sideways at {width} px");

        if (screenshot is not null)
        {
            Directory.CreateDirectory(BrowserFixture.ScreenshotFolder);
            // Modest files: the whole page, but at most 2,400 px of it.
            var height = await page.EvaluateAsync<int>("() => document.scrollingElement.scrollHeight");
            await page.ScreenshotAsync(new PageScreenshotOptions
            {
                Path = Path.Combine(BrowserFixture.ScreenshotFolder, screenshot + ".png"),
                FullPage = true,
                Clip = new Clip { X = 0, Y = 0, Width = width, Height = Math.Min(height, 2400) },
                Type = ScreenshotType.Png,
            });
        }
    }
}
