using System.Globalization;
using Microsoft.Playwright;
using Npgsql;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>
/// The passport page leads with what matters, like a hospital passport's first page: things you
/// must know, communication, the blocks modules mark as leading (allergies, alerts, emergency care
/// plans) and emergency contacts; then the sections. The same for the family, a clinician, the
/// emergency view and the print view; at phone and desktop width.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class FirstScreenTests(BrowserFixture fixture)
{
    private const string MustKnow = "I have a VP shunt: any headache with vomiting is an emergency.";
    private const string Communication = "I use Makaton and a picture board.";

    /// <summary>What a reader meets, top to bottom: the first screen, then the health section and its clinical detail.</summary>
    private static readonly string[] Order =
    [
        "#mustKnow h2", "#communication h2", "#health-allergies h2", "#health-alerts h2", "#health-emergencyCarePlans h2",
        "#emergencyContacts h2", "h2#child", "h2#health", "#health-conditions h3",
    ];

    [Theory]
    [InlineData(BrowserFixture.MobileWidth, "320")]
    [InlineData(BrowserFixture.DesktopWidth, "desktop")]
    public async Task The_family_and_a_clinician_see_what_must_be_known_first_then_the_sections_then_clinical_detail(int width, string named)
    {
        var id = await PassportWithEmergencyInformationAsync("Elowen", "Penhale");
        await fixture.RelateAsync(id, "health");

        var carer = await fixture.SignInAsync("carer", width: width);
        await carer.GotoAsync($"/passports/{id}");
        await ShouldLeadWithWhatMattersAsync(carer);
        (await carer.Locator("#mustKnow").InnerTextAsync()).ShouldContain(MustKnow);
        (await carer.Locator("#communication").InnerTextAsync()).ShouldContain(Communication);
        await carer.VerifyPageAsync($"33-first-screen-family-{named}");

        var clinician = await fixture.SignInAsync("health", width: width);
        await clinician.GotoAsync($"/passports/{id}");
        await ShouldLeadWithWhatMattersAsync(clinician);
        (await clinician.Locator(".passport-first-screen .nhsuk-card:has-text('Peanuts')").InnerTextAsync()).ShouldContain("Anaphylaxis");
        await clinician.VerifyPageAsync($"34-first-screen-clinician-{named}");

        // The print view has the same first screen.
        await carer.GotoAsync($"/passports/{id}/print");
        await ShouldLeadWithWhatMattersAsync(carer);
    }

    [Fact]
    public async Task The_emergency_view_leads_with_the_same_first_screen_at_phone_and_desktop_width()
    {
        var id = await PassportWithEmergencyInformationAsync("Jory", "Tremayne");

        var health = await fixture.SignInAsync("health");
        await health.GotoAsync("/emergency-access");
        await health.FillAsync("#passportId", id);
        await health.FillAsync("#reason", "Collapsed at school, brought in by ambulance, no family present");
        await health.ClickAsync("button:has-text('Open the emergency view')");
        await health.WaitForURLAsync($"**/passports/{id}?*");
        (await health.Locator(".nhsuk-warning-callout").First.InnerTextAsync()).ShouldContain("emergency view");
        await ShouldLeadWithWhatMattersAsync(health);
        (await health.Locator(".passport-first-screen").InnerTextAsync()).ShouldContain("Peanuts");
        // Read-only: no forms or changes in an emergency.
        (await health.Locator(".passport-first-screen a:has-text('Add'), .passport-first-screen a:has-text('Change')").CountAsync()).ShouldBe(0);
        await health.VerifyPageAsync("35-first-screen-emergency-view-320");

        var wide = await fixture.SignInAsync("health", width: BrowserFixture.DesktopWidth);
        await wide.GotoAsync(health.Url);
        await ShouldLeadWithWhatMattersAsync(wide);
        await wide.VerifyPageAsync("35-first-screen-emergency-view-desktop");
    }

    [Fact]
    public async Task Empty_fields_are_one_line_saying_what_is_not_recorded_yet_with_a_link_for_those_who_may_add_them()
    {
        var id = await fixture.NewPassportAsync("Kensa", "Roskilly");
        await fixture.RelateAsync(id, "health");

        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        (await carer.Locator("text=Not recorded").CountAsync()).ShouldBeGreaterThan(0);
        (await carer.Locator("dd:text-is('Not recorded')").CountAsync()).ShouldBe(0);
        (await carer.Locator("#mustKnow a").InnerTextAsync()).ShouldBe("Add things you must know about me");
        var aboutMe = await carer.Locator("#about-me-missing").InnerTextAsync();
        aboutMe.ShouldStartWith("Not recorded yet: what is important to me, what I like");
        (await carer.Locator("#about-me-missing a").GetAttributeAsync("href")).ShouldEndWith("/about-me#importantToMe");
        (await carer.Locator("#child-missing").InnerTextAsync()).ShouldContain("NHS number");

        // A clinician sees the same line, and is offered only what their sector records.
        var clinician = await fixture.SignInAsync("health");
        await clinician.GotoAsync($"/passports/{id}");
        (await clinician.Locator("#about-me-missing").InnerTextAsync()).ShouldStartWith("Not recorded yet:");
        (await clinician.Locator("#about-me-missing a").CountAsync()).ShouldBe(0);
        (await clinician.Locator("#mustKnow a").CountAsync()).ShouldBe(0);
        (await clinician.Locator("#health-missing").InnerTextAsync()).ShouldContain("immunisations");
        (await clinician.Locator("#health-missing + ul a:has-text('Add an immunisation')").CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task Times_are_shown_on_the_UK_clock_with_summer_time()
    {
        var id = await fixture.NewPassportAsync("Morwenna", "Kitto");
        var substance = "Kiwi-" + Guid.NewGuid().ToString("N")[..6];
        await fixture.GraphQLAsync("carer", "mutation($id: ID!, $s: String!) { recordAllergy(passportId: $id, input: { substance: $s, severity: MILD }) { id } }", new { id, s = substance });

        // Reported at 12:30 UTC on 1 July: 1:30pm on a clock in the UK (British Summer Time).
        await RecordedAtAsync(id, substance, new DateTimeOffset(2026, 7, 1, 12, 30, 0, TimeSpan.Zero));
        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        var card = await carer.Locator($".nhsuk-card:has-text('{substance}')").InnerTextAsync();
        card.ShouldContain("1 July 2026 at 1:30pm");
        card.ShouldNotContain("12:30");

        // In winter the UK clock is UTC.
        await RecordedAtAsync(id, substance, new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));
        await carer.ReloadAsync();
        (await carer.Locator($".nhsuk-card:has-text('{substance}')").InnerTextAsync()).ShouldContain("15 January 2026 at 9am");
    }

    /// <summary>The headings in <see cref="Order"/> are there, each below the one before, and the first screen holds the leading blocks.</summary>
    private static async Task ShouldLeadWithWhatMattersAsync(IPage page)
    {
        var previous = double.MinValue;
        foreach (var selector in Order)
        {
            var heading = page.Locator(selector);
            (await heading.CountAsync()).ShouldBe(1, $"{selector} on {page.Url}");
            double top = (await heading.BoundingBoxAsync())!.Y;
            top.ShouldBeGreaterThan(previous, $"{selector} should come after the heading before it on {page.Url}");
            previous = top;
        }

        var first = page.Locator(".passport-first-screen");
        (await first.Locator("#health-allergies").CountAsync()).ShouldBe(1);
        (await first.Locator("#health-conditions").CountAsync()).ShouldBe(0);
    }

    /// <summary>Set-up: a passport whose family recorded what must be known, an allergy, an alert, an emergency contact and a condition.</summary>
    private async Task<string> PassportWithEmergencyInformationAsync(string given, string family)
    {
        var id = await fixture.NewPassportAsync(given, family, "2015-11-02");
        var version = (await fixture.GraphQLAsync("carer", "query($id: ID!) { passport(id: $id) { version } }", new { id }))["passport"]!["version"]!.GetValue<int>();
        await fixture.GraphQLAsync("carer", "mutation($id: ID!, $v: Int!, $m: String, $c: String) { updateAboutMe(passportId: $id, expectedVersion: $v, input: { mustKnow: $m, communication: $c, likes: \"Trains\" }) { id } }", new { id, v = version, m = MustKnow, c = Communication });
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Peanuts\", reaction: \"Anaphylaxis\", severity: SEVERE }) { id } }", new { id });
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { recordAlert(passportId: $id, input: { title: \"Shunt in place\", details: \"Headache with vomiting: call 999.\" }) { id } }", new { id });
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { addEmergencyContact(passportId: $id, input: { name: \"Jenna Penhale\", relationship: \"Aunt\", parentalResponsibility: false, phone: \"01872 555010\" }) { id } }", new { id });
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { recordCondition(passportId: $id, input: { name: \"Hydrocephalus\" }) { id } }", new { id });
        return id;
    }

    /// <summary>
    /// Set-up: moves when an allergy was recorded, in the health view's stored document, so a page can
    /// be read with a summer time in it whatever today's date is. Only the instant changes.
    /// </summary>
    private async Task RecordedAtAsync(string id, string substance, DateTimeOffset at)
    {
        await using var connection = new NpgsqlConnection(fixture.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            update health.mt_doc_healthview
            set data = jsonb_set(data, array['Allergies', (select (i - 1)::text from jsonb_array_elements(data->'Allergies') with ordinality as a(allergy, i) where allergy->>'Substance' = @substance), 'RecordedBy', 'RecordedAt'], to_jsonb(@at::text))
            where id = @id
            """,
            connection);
        command.Parameters.AddWithValue("id", Guid.Parse(id));
        command.Parameters.AddWithValue("substance", substance);
        command.Parameters.AddWithValue("at", at.ToString("yyyy-MM-dd'T'HH:mm:ss'+00:00'", CultureInfo.InvariantCulture));
        (await command.ExecuteNonQueryAsync()).ShouldBe(1);
    }
}
