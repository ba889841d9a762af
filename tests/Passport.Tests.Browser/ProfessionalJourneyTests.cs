using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>Professionals record their own sector's facts; emergency access; modules; growth chart; print view.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProfessionalJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Each_professional_records_only_their_own_sectors_facts_with_an_error_summary_on_invalid_input()
    {
        var id = await fixture.NewPassportAsync("Morwenna", "Nance");
        foreach (var sector in new[] { "health", "social-care", "education", "leisure" })
        {
            await fixture.RelateAsync(id, sector);
        }

        // Health: only health's "Add" links; the allergy form, error summary naming the field, then verified.
        var health = await fixture.SignInAsync("health");
        await health.GotoAsync($"/passports/{id}");
        (await health.Locator("a:has-text('Add an allergy')").CountAsync()).ShouldBe(1);
        (await health.Locator("a:has-text('Add a growth measurement')").CountAsync()).ShouldBe(1);
        (await health.Locator("a:has-text('legal status')").CountAsync()).ShouldBe(0);
        (await health.Locator("a:has-text('school or nursery')").CountAsync()).ShouldBe(0);
        (await health.Locator("a:has-text('Add an activity')").CountAsync()).ShouldBe(0);
        await health.ClickAsync("a:has-text('Add an allergy')");
        await health.ClickAsync("button:has-text('Save allergy')");
        (await health.Locator(".nhsuk-error-summary a[href='#substance']").InnerTextAsync()).ShouldContain("allergic to");
        await health.VerifyPageAsync("12-record-allergy-errors");
        await health.FillAsync("#substance", "Penicillin");
        await health.CheckAsync("#severity-MODERATE");
        await health.ClickAsync("button:has-text('Save allergy')");
        var allergy = health.Locator(".nhsuk-card:has-text('Penicillin')");
        (await allergy.InnerTextAsync()).ShouldContain("Verified");

        // Health: growth measurements → a chart drawn on the server from the block's ItemChart, with a title, description and table.
        await fixture.GraphQLAsync("health", "mutation($id: ID!) { recordGrowthMeasurement(passportId: $id, input: { measuredOn: \"2023-02-01\", heightCm: 118.5, weightKg: 21.2 }) { id } }", new { id });
        await health.ClickAsync("a:has-text('Add a growth measurement')");
        await health.FillAsync("#measuredOn-day", "31");
        await health.FillAsync("#measuredOn-month", "2");
        await health.FillAsync("#measuredOn-year", "2024");
        await health.ClickAsync("button:has-text('Save measurement')");
        (await health.Locator(".nhsuk-error-summary a[href='#measuredOn-day']").InnerTextAsync()).ShouldContain("real date");
        await health.VerifyPageAsync("13-record-growth-errors");
        await health.FillAsync("#measuredOn-day", "1");
        await health.FillAsync("#heightCm", "124.0");
        await health.FillAsync("#weightKg", "23.4");
        await health.ClickAsync("button:has-text('Save measurement')");
        await health.WaitForURLAsync("**#health-growth");
        (await health.Locator("#chart-health-growth-heightCm svg title").TextContentAsync()).ShouldBe("Height in centimetres over time");
        (await health.Locator("#chart-health-growth-heightCm svg desc").TextContentAsync())!.ShouldContain("2 measurements");
        (await health.Locator("#chart-health-growth-weightKg svg").CountAsync()).ShouldBe(1);
        (await health.Locator("#chart-health-growth-headCircumferenceCm svg").CountAsync()).ShouldBe(0);
        (await health.Locator("#chart-health-growth-table tbody tr").CountAsync()).ShouldBe(2);
        await health.VerifyPageAsync("14-passport-health-professional");
        await health.Locator("#chart-health-growth").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "15-growth-chart.png") });

        // Social care: legal status (invalid date → error summary, then saved).
        var social = await fixture.SignInAsync("social-care");
        await social.GotoAsync($"/passports/{id}");
        (await social.Locator("a:has-text('Add an allergy')").CountAsync()).ShouldBe(0);
        await social.ClickAsync("a:has-text('Record the legal status')");
        await social.ClickAsync("button:has-text('Save legal status')");
        (await social.Locator(".nhsuk-error-summary a[href='#status-NONE']").InnerTextAsync()).ShouldContain("legal status");
        await social.VerifyPageAsync("16-record-legal-status-errors");
        await social.CheckAsync("#status-CHILD_IN_NEED");
        await social.FillAsync("#responsibleAuthority", "Cornwall Council");
        await social.ClickAsync("button:has-text('Save legal status')");
        await social.WaitForURLAsync("**#socialCare-legalStatus");
        (await social.Locator("h3:has-text('Legal status') ~ .nhsuk-card").First.InnerTextAsync()).ShouldContain("Child in need");

        // Education: school or nursery (bad URN → error summary).
        var school = await fixture.SignInAsync("education");
        await school.GotoAsync($"/passports/{id}");
        await school.ClickAsync("a:has-text('Record the school or nursery')");
        await school.FillAsync("#name", "Truro Primary School");
        await school.FillAsync("#urn", "12ab");
        await school.ClickAsync("button:has-text('Save school or nursery')");
        (await school.Locator(".nhsuk-error-summary a[href='#urn']").InnerTextAsync()).ShouldContain("6-digit");
        await school.VerifyPageAsync("17-record-school-errors");
        await school.FillAsync("#urn", "112233");
        await school.FillAsync("#yearGroup", "Year 3");
        await school.ClickAsync("button:has-text('Save school or nursery')");
        await school.WaitForURLAsync("**#education-setting");
        (await school.ContentAsync()).ShouldContain("112233");

        // Leisure: an activity (no name → error summary).
        var leisure = await fixture.SignInAsync("leisure");
        await leisure.GotoAsync($"/passports/{id}");
        await leisure.ClickAsync("a:has-text('Add an activity')");
        await leisure.ClickAsync("button:has-text('Save activity')");
        (await leisure.Locator(".nhsuk-error-summary a[href='#name']").InnerTextAsync()).ShouldContain("activity or club");
        await leisure.VerifyPageAsync("18-add-activity-errors");
        await leisure.FillAsync("#name", "Saturday swimming");
        await leisure.CheckAsync("#needsOneToOne");
        await leisure.ClickAsync("button:has-text('Save activity')");
        await leisure.WaitForURLAsync("**#leisure-activities");
        (await leisure.ContentAsync()).ShouldContain("Saturday swimming");

        // Print view: the passport without navigation, with print CSS.
        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        await carer.ClickAsync("text=Print this passport");
        await carer.WaitForURLAsync("**/print");
        (await carer.Locator(".nhsuk-header").CountAsync()).ShouldBe(0);
        (await carer.Locator("a[href$='about-me#communication']").CountAsync()).ShouldBe(0);
        var printed = await carer.ContentAsync();
        printed.ShouldContain("Penicillin");
        printed.ShouldContain("Saturday swimming");
        await carer.VerifyPageAsync("19-print-view");
        await carer.EmulateMediaAsync(new() { Media = Media.Print });
        (await carer.Locator(".passport-no-print").First.IsVisibleAsync()).ShouldBeFalse();
    }

    [Fact]
    public async Task A_clinician_without_a_relationship_uses_emergency_access_warned_with_a_reason_and_time_limit()
    {
        var id = await fixture.NewPassportAsync("Kerensa", "Rowe");

        // Not offered to other sectors.
        var school = await fixture.SignInAsync("education");
        await school.WaitForURLAsync("**/share-code");
        (await school.Locator("a[href='/emergency-access']").CountAsync()).ShouldBe(0);
        (await school.APIRequest.GetAsync("/emergency-access")).Status.ShouldBe(403);

        var health = await fixture.SignInAsync("health");
        await health.GotoAsync("/share-code");
        await health.ClickAsync("a[href='/emergency-access']");
        (await health.Locator(".nhsuk-warning-callout").InnerTextAsync()).ShouldContain("family is told");
        (await health.Locator("#emergency-until").InnerTextAsync()).ShouldNotBeEmpty();
        await health.VerifyPageAsync("20-emergency-access");
        await health.FillAsync("#passportId", id);
        await health.ClickAsync("button:has-text('Open the emergency view')");
        (await health.Locator(".nhsuk-error-summary a[href='#reason']").InnerTextAsync()).ShouldContain("why you need emergency access");
        await health.VerifyPageAsync("21-emergency-access-errors");
        await health.FillAsync("#reason", "Unconscious in A&E, no family present");
        await health.ClickAsync("button:has-text('Open the emergency view')");
        await health.WaitForURLAsync($"**/passports/{id}?*");
        (await health.Locator(".nhsuk-warning-callout").First.InnerTextAsync()).ShouldContain("emergency view");
        (await health.Locator("h1").InnerTextAsync()).ShouldContain("Kerensa");
        await health.VerifyPageAsync("22-emergency-view");
    }

    [Fact]
    public async Task A_local_authority_admin_switches_an_extra_module_and_sees_required_ones_always_on()
    {
        var admin = await fixture.SignInAsync("la-admin");
        await admin.WaitForURLAsync("**/modules");
        (await admin.Locator("h1").InnerTextAsync()).ShouldBe("Modules for Cornwall Council");
        (await admin.Locator(".passport-module").CountAsync()).ShouldBeGreaterThan(0);
        if (await admin.Locator(".passport-module:has-text('Always on')").CountAsync() > 0)
        {
            (await admin.Locator(".passport-module:has-text('Always on') form").CountAsync()).ShouldBe(0);
        }

        await admin.VerifyPageAsync("23-modules");

        // Short Breaks is deployed as an extra module: its switch works, and the API agrees.
        var card = admin.Locator(".passport-module:has(form)").First;
        var name = (await card.Locator("h2").InnerTextAsync()).Trim();
        var before = (await card.Locator("button").InnerTextAsync()).Trim();
        await card.Locator("button").ClickAsync();
        await admin.WaitForURLAsync("**/modules?changed=*");
        (await admin.Locator("[role=status]").InnerTextAsync()).ShouldContain(name);
        var after = admin.Locator($"#module-{name} button");
        (await after.InnerTextAsync()).ShouldNotBe(before);
        var modules = await fixture.GraphQLAsync("la-admin", "{ modules(localAuthority: \"E06000052\") { name enabled } }");
        var enabled = modules["modules"]!.AsArray().Single(m => m!["name"]!.ToString() == name)!["enabled"]!.GetValue<bool>();
        enabled.ShouldBe(before.StartsWith("Switch on", StringComparison.Ordinal), $"{name} after pressing '{before}'");

        // Put it back as it was, for the other tests.
        await after.ClickAsync();
        await admin.WaitForURLAsync("**/modules?changed=*");
        (await admin.Locator($"#module-{name} button").InnerTextAsync()).ShouldBe(before);
    }

    [Fact]
    public async Task A_module_switched_off_for_the_childs_local_authority_is_absent_from_the_passport_page()
    {
        const string module = "short-breaks";
        var id = await fixture.NewPassportAsync("Tegen", "Carne");
        var carer = await fixture.SignInAsync("carer");
        try
        {
            await SwitchAsync(module, on: true);
            await carer.GotoAsync($"/passports/{id}");
            (await carer.Locator("h2#shortBreaks").InnerTextAsync()).ShouldBe("Short breaks");
            (await carer.Locator("a:has-text('Report the short breaks plan')").CountAsync()).ShouldBe(1);

            await SwitchAsync(module, on: false);
            await carer.ReloadAsync();
            (await carer.Locator("h2#shortBreaks").CountAsync()).ShouldBe(0);
            (await carer.Locator("main").InnerTextAsync()).ShouldNotContain("not switched on");
            (await carer.Locator("h2#health").CountAsync()).ShouldBe(1);
        }
        finally
        {
            await SwitchAsync(module, on: true);
        }
    }

    private Task SwitchAsync(string module, bool on) =>
        fixture.GraphQLAsync("la-admin", "mutation($m: String!, $on: Boolean!) { setModuleEnabled(localAuthority: \"E06000052\", module: $m, enabled: $on) { enabled } }", new { m = module, on });
}
