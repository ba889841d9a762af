using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>
/// The impact dashboard (docs/impact.md): a commissioner sees the region's measures as charts drawn
/// on the server with their tables, filters by authority and month, and downloads them as CSV; a
/// local-authority administrator sees their own authority only; small numbers say "fewer than 5".
/// A family answers the optional question after creating a passport. Other tests share this host,
/// so figures are checked for what these tests add, not for exact totals.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ImpactDashboardTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_family_says_how_easy_creating_a_passport_was_and_nothing_ties_the_answer_to_the_child()
    {
        var carer = await fixture.SignInAsync("carer");
        await carer.WaitForURLAsync("**/passports");
        await carer.ClickAsync("text=Create a passport");
        await carer.FillNewPassportAsync("Morwenna", "Hocking", new DateOnly(2018, 2, 11));
        await carer.WaitForURLAsync(PassportUrl());
        var passport = carer.Url;

        // Asked once, at the end of the new passport's page; optional.
        var question = carer.Locator("#satisfaction");
        (await question.Locator("h2").InnerTextAsync()).ShouldBe("How easy was it to make this passport?");
        await carer.VerifyPageAsync();
        await question.Locator("button:has-text('Send')").ClickAsync();
        await carer.WaitForURLAsync("**/satisfaction");
        (await carer.Locator(".nhsuk-error-summary").InnerTextAsync()).ShouldContain("Choose how easy it was");
        await carer.VerifyPageAsync();
        await carer.CheckAsync("#score-4");
        await carer.FillAsync("#comment", "Easy with the date boxes");
        await carer.ClickAsync("button:has-text('Send')");
        (await carer.Locator("#satisfaction-thanks h1").InnerTextAsync()).ShouldBe("Thank you");
        await carer.VerifyPageAsync();
        await carer.ClickAsync("a:has-text('Continue')");
        await carer.WaitForURLAsync(passport);

        // Not asked again on the next visit.
        (await carer.Locator("#satisfaction").CountAsync()).ShouldBe(0);

        // After sharing, the question comes under the share code.
        await carer.ClickAsync("text=Share with a professional");
        await carer.CheckAsync("#sector-health");
        await carer.ClickAsync("button:has-text('Create share code')");
        (await carer.Locator("#satisfaction h2").InnerTextAsync()).ShouldBe("How easy was it to share the passport?");
        await carer.VerifyPageAsync("49-satisfaction-after-sharing");
    }

    [Fact]
    public async Task A_commissioner_sees_the_region_as_charts_and_tables_filters_it_and_downloads_it()
    {
        // Set-up: five Cornwall passports shared with the health persona, this month.
        for (var i = 0; i < 5; i++)
        {
            await fixture.RelateAsync(await fixture.NewPassportAsync($"Impact{i}", "Child"), "health");
        }

        var commissioner = await fixture.SignInAsync("commissioner", width: BrowserFixture.DesktopWidth);
        await commissioner.WaitForURLAsync("**/impact");
        (await commissioner.Locator("h1").InnerTextAsync()).ShouldBe("Impact measures");
        (await commissioner.Locator("#impact-scope").InnerTextAsync()).ShouldBe("The South West region");

        // Each measure is a chart drawn on the server (an image with a title and description) and a table.
        var created = commissioner.Locator("#measure-passportsCreated");
        (await created.Locator("svg[role=img] title").TextContentAsync()).ShouldBe("Passports created");
        (await created.Locator("svg rect[fill='#005eb8']").CountAsync()).ShouldBeGreaterThan(0);
        (await created.Locator("table tbody tr").CountAsync()).ShouldBe(12);
        var redeemed = commissioner.Locator("#measure-shareCodesRedeemed");
        (await redeemed.Locator("thead th").AllTextContentsAsync()).ShouldContain("Health");
        (await redeemed.Locator(".passport-legend li").CountAsync()).ShouldBeGreaterThanOrEqualTo(4);

        // Authorities with no passports this month are "fewer than 5", never 0.
        var byAuthority = commissioner.Locator("#by-authority");
        (await byAuthority.Locator("tr:has-text('Isles of Scilly') td").First.InnerTextAsync()).ShouldEndWith("fewer than 5");
        await commissioner.VerifyPageAsync("47-impact-dashboard-commissioner");

        // Filter: one authority and a span of months.
        await commissioner.SelectOptionAsync("#authority", "E06000052");
        await commissioner.SelectOptionAsync("#from", new SelectOptionValue { Index = 2 });
        await commissioner.ClickAsync("button:has-text('Show')");
        await commissioner.WaitForURLAsync("**/impact?authority=E06000052*");
        (await commissioner.Locator("#impact-scope").InnerTextAsync()).ShouldBe("Cornwall");
        (await commissioner.Locator("#measure-passportsCreated table tbody tr").CountAsync()).ShouldBe(3);
        (await commissioner.Locator("#by-authority").CountAsync()).ShouldBe(0);
        await commissioner.VerifyPageAsync();

        // The same figures as CSV: suppressed ones have no value.
        var csv = await (await commissioner.Context.APIRequest.GetAsync(await commissioner.Locator("#impact-csv").GetAttributeAsync("href") ?? "")).TextAsync();
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("measure,month,local_authority,sector,value,suppressed");
        lines.Skip(1).ShouldAllBe(line => line.Contains(",E06000052,", StringComparison.Ordinal));
        lines.ShouldContain(line => line.StartsWith("shareCodesRedeemed,", StringComparison.Ordinal) && line.Contains(",health,", StringComparison.Ordinal) && line.EndsWith(",false", StringComparison.Ordinal));
        lines.Where(line => line.EndsWith(",true", StringComparison.Ordinal)).ShouldAllBe(line => line.EndsWith(",,true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_local_authority_administrator_sees_their_own_authority_and_nobody_else_sees_the_dashboard()
    {
        var admin = await fixture.SignInAsync("la-admin");
        await admin.WaitForURLAsync("**/modules");
        await admin.ClickAsync("a:has-text('impact measures')");
        await admin.WaitForURLAsync("**/impact");
        (await admin.Locator("#impact-scope").InnerTextAsync()).ShouldBe("Cornwall");
        (await admin.Locator("#authority").CountAsync()).ShouldBe(0);
        (await admin.Locator("#by-authority").CountAsync()).ShouldBe(0);
        (await admin.Locator("#measure-passportsCreated svg[role=img]").CountAsync()).ShouldBe(1);
        await admin.VerifyPageAsync("48-impact-dashboard-la-admin");

        // Asking for another authority in the address still shows only their own.
        await admin.GotoAsync("/impact?authority=E10000008");
        (await admin.Locator("#impact-scope").InnerTextAsync()).ShouldBe("Cornwall");

        foreach (var persona in new[] { "carer", "health", "auditor" })
        {
            var other = await fixture.SignInAsync(persona);
            (await other.Context.APIRequest.GetAsync("/impact")).Status.ShouldBe(403, persona);
        }
    }

    private static Regex PassportUrl() => PassportUrlPattern();

    [GeneratedRegex(@"/passports/[0-9a-fA-F-]{8,}(#.*)?$")]
    private static partial Regex PassportUrlPattern();
}
