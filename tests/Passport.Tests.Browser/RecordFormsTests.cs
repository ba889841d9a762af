using System.Globalization;
using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>The record forms: the family reports health facts (not verified), each sector records its own (verified).</summary>
[Collection(BrowserCollection.Name)]
public sealed class RecordFormsTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_carer_reports_a_medicine_which_shows_as_not_verified_and_recorded_by_them()
    {
        var id = await fixture.NewPassportAsync("Tamsin", "Pascoe");

        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        // Empty blocks are one "Not recorded yet" line per section, with the forms the family may use.
        (await carer.Locator("#health-missing").InnerTextAsync()).ShouldContain("medicines");
        (await carer.Locator("#health-missing + ul a:has-text('Report a medicine')").CountAsync()).ShouldBe(1);
        (await carer.Locator("#leisure-missing + ul a").AllInnerTextsAsync()).ShouldBe(["Report an activity"]);
        (await carer.Locator("a:has-text('legal status')").CountAsync()).ShouldBe(0);
        (await carer.Locator("a:has-text('special educational needs')").CountAsync()).ShouldBe(0);
        (await carer.Locator("a:has-text('safeguarding note')").CountAsync()).ShouldBe(0);
        // The family's only "Add" link is their own emergency contacts; sector facts they report.
        (await carer.Locator("a:has-text('Add a')").AllInnerTextsAsync()).ShouldBe(["Add an emergency contact"]);

        await carer.ClickAsync("a:has-text('Report a medicine')");
        (await carer.Locator("h1").InnerTextAsync()).ShouldBe("Report a medicine");
        var inset = await carer.Locator(".nhsuk-inset-text").InnerTextAsync();
        inset.ShouldContain("reported by the family");
        inset.ShouldContain("\"Not verified\" until a health professional checks it");
        await carer.VerifyPageAsync("24-report-medicine");
        await carer.ClickAsync("button:has-text('Save medicine')");
        (await carer.Locator(".nhsuk-error-summary a[href='#name']").InnerTextAsync()).ShouldBe("Enter the medicine");
        await carer.FillAsync("#name", "Salbutamol inhaler");
        await carer.FillAsync("#dose", "2 puffs");
        await carer.FillAsync("#howITakeIt", "With a spacer, sitting down.");
        await carer.ClickAsync("button:has-text('Save medicine')");
        await carer.WaitForURLAsync("**#health-medications");
        var medicine = await carer.Locator(".nhsuk-card:has-text('Salbutamol inhaler')").InnerTextAsync();
        medicine.ShouldContain("2 puffs");
        medicine.ShouldContain("Not verified");
        medicine.ShouldContain("Recorded by Alex Morgan");

        // The inhaler is stopped: the carer removes it, after a confirmation; the history keeps it.
        var itemId = (await carer.Locator(".nhsuk-card:has-text('Salbutamol inhaler')").GetAttributeAsync("id"))!["item-".Length..];
        await carer.GetByRole(AriaRole.Link, new() { Name = "Remove (Medicines: Salbutamol inhaler)" }).ClickAsync();
        (await carer.Locator("h1").InnerTextAsync()).ShouldBe("Remove this from the passport?");
        await carer.VerifyPageAsync();
        await carer.ClickAsync("button:has-text('Yes, remove it')");
        await carer.WaitForURLAsync("**removed=true*");
        (await carer.Locator("[role=status]").First.InnerTextAsync()).ShouldContain("Removed");
        (await carer.Locator(".nhsuk-card:has-text('Salbutamol inhaler')").CountAsync()).ShouldBe(0);
        var history = await fixture.GraphQLAsync("carer", "query($id: ID!) { history(passportId: $id) { change itemId } }", new { id });
        history["history"]!.AsArray().Where(h => h!["itemId"]?.ToString() == itemId).Select(h => h!["change"]!.ToString()).Count().ShouldBe(2);
    }

    [Fact]
    public async Task Health_records_a_condition_an_immunisation_and_an_alert_and_a_wrong_SNOMED_code_is_named_in_the_error_summary()
    {
        var id = await fixture.NewPassportAsync("Jago", "Treloar");
        await fixture.RelateAsync(id, "health");

        var health = await fixture.SignInAsync("health");
        await health.GotoAsync($"/passports/{id}");
        (await health.Locator("a:has-text('Report a')").CountAsync()).ShouldBe(0);
        await health.ClickAsync("a:has-text('Add a condition')");
        (await health.Locator(".nhsuk-inset-text").InnerTextAsync()).ShouldContain("verified by you (Health)");
        await health.VerifyPageAsync();
        await health.FillAsync("#name", "Epilepsy");
        await health.FillAsync("#snomedCode", "84757008");
        await health.ClickAsync("button:has-text('Save condition')");
        (await health.Locator(".nhsuk-error-summary a[href='#snomedCode']").InnerTextAsync()).ShouldStartWith("SNOMED CT code must be");
        (await health.Locator("#snomedCode-error").InnerTextAsync()).ShouldContain("SNOMED CT code must be");
        (await health.InputValueAsync("#name")).ShouldBe("Epilepsy");
        await health.VerifyPageAsync();
        await health.FillAsync("#snomedCode", "84757009");
        await health.FillAsync("#onset-day", "12");
        await health.FillAsync("#onset-month", "6");
        await health.FillAsync("#onset-year", "2021");
        await health.ClickAsync("button:has-text('Save condition')");
        await health.WaitForURLAsync("**#health-conditions");
        var condition = await health.Locator("h3:has-text('Conditions') ~ .nhsuk-card:has-text('Epilepsy')").InnerTextAsync();
        condition.ShouldContain("84757009");
        condition.ShouldContain("12 June 2021");
        condition.ShouldContain("Verified");
        condition.ShouldNotContain("Not verified");

        await health.ClickAsync("a:has-text('Add an immunisation')");
        await health.VerifyPageAsync();
        await health.FillAsync("#vaccine", "MMR (1st dose)");
        await health.FillAsync("#givenOn-day", "4");
        await health.FillAsync("#givenOn-month", "6");
        await health.FillAsync("#givenOn-year", "2017");
        await health.ClickAsync("button:has-text('Save immunisation')");
        await health.WaitForURLAsync("**#health-immunisations");
        var immunisation = await health.Locator("h3:has-text('Immunisations') ~ .nhsuk-card:has-text('MMR (1st dose)')").InnerTextAsync();
        immunisation.ShouldContain("4 June 2017");
        immunisation.ShouldContain("Verified");

        await health.ClickAsync("a:has-text('Add an alert')");
        await health.VerifyPageAsync();
        await health.FillAsync("#title", "No injections into a muscle");
        await health.FillAsync("#details", "Bleeding disorder: give medicines by mouth or into a vein.");
        await health.ClickAsync("button:has-text('Save alert')");
        await health.WaitForURLAsync("**#health-alerts");
        // Alerts lead the passport: on its first screen, not in the health section.
        var alert = await health.Locator(".passport-first-screen h2:has-text('Alerts') ~ .nhsuk-card:has-text('No injections into a muscle')").InnerTextAsync();
        alert.ShouldContain("Bleeding disorder");
        alert.ShouldContain("Verified");
    }

    [Fact]
    public async Task Education_records_SEN_support_with_an_EHCP_review_date_in_the_future()
    {
        var id = await fixture.NewPassportAsync("Demelza", "Hocking");
        await fixture.RelateAsync(id, "education");
        var today = DateTime.UtcNow.Date;
        var review = today.AddMonths(6);
        var tooFar = today.AddYears(3);

        var school = await fixture.SignInAsync("education");
        await school.GotoAsync($"/passports/{id}");
        await school.ClickAsync("a:has-text('Record special educational needs support')");
        await school.VerifyPageAsync();
        await school.CheckAsync("#level-EHCP");
        await school.CheckAsync("#ehcpStatus-ISSUED");
        await FillDateAsync(school, "ehcpDate", today.AddYears(-1));
        await FillDateAsync(school, "ehcpReviewDate", tooFar);
        await school.FillAsync("#needs", "Speech and language: uses Makaton and a communication book.");
        await school.ClickAsync("button:has-text('Save SEN support')");
        (await school.Locator(".nhsuk-error-summary a[href='#ehcpReviewDate-day']").InnerTextAsync()).ShouldContain("2 years");
        await school.VerifyPageAsync();

        await FillDateAsync(school, "ehcpReviewDate", review);
        await school.ClickAsync("button:has-text('Save SEN support')");
        await school.WaitForURLAsync("**#education-sen");
        var sen = await school.Locator("h3:has-text('Special educational needs support') ~ .nhsuk-card").First.InnerTextAsync();
        sen.ShouldContain(review.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")));
        sen.ShouldContain("uses Makaton");
        sen.ShouldContain("Verified");
    }

    [Fact]
    public async Task Social_care_records_involvement_and_a_safeguarding_note_that_the_family_never_sees()
    {
        var id = await fixture.NewPassportAsync("Lowen", "Jenkin");
        await fixture.RelateAsync(id, "social-care");
        const string note = "Strategy discussion held; no contact with the paternal uncle.";

        var social = await fixture.SignInAsync("social-care");
        await social.GotoAsync($"/passports/{id}");
        await social.ClickAsync("a:has-text('Record social care involvement')");
        await social.VerifyPageAsync();
        await social.FillAsync("#allocatedWorker", "Tom Evans");
        await social.FillAsync("#services", "Short breaks\n\nFamily support worker\n");
        await social.ClickAsync("button:has-text('Save involvement')");
        await social.WaitForURLAsync("**#socialCare-involvement");
        var involvement = await social.Locator("h3:has-text('Social care involvement') ~ .nhsuk-card").First.InnerTextAsync();
        involvement.ShouldContain("Short breaks, Family support worker");
        involvement.ShouldContain("Verified");

        await social.ClickAsync("a:has-text('Add a safeguarding note')");
        (await social.Locator(".nhsuk-inset-text").InnerTextAsync()).ShouldContain("The family cannot see it");
        await social.ClickAsync("button:has-text('Save note')");
        (await social.Locator(".nhsuk-error-summary a[href='#note']").InnerTextAsync()).ShouldBe("Enter the safeguarding note");
        await social.VerifyPageAsync();
        await social.FillAsync("#note", note);
        await social.ClickAsync("button:has-text('Save note')");
        await social.WaitForURLAsync("**#socialCare-safeguarding");
        (await social.Locator("h3:has-text('Safeguarding') ~ .nhsuk-card").Last.InnerTextAsync()).ShouldContain(note);

        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        var page = await carer.ContentAsync();
        page.ShouldContain("Family support worker");
        page.ShouldNotContain("paternal uncle");

        // What has changed: social care's involvement is there for the family, the safeguarding note is not.
        await carer.ClickAsync("a:has-text('What has changed')");
        await carer.WaitForURLAsync("**/history");
        var history = await carer.Locator("main").InnerTextAsync();
        history.ShouldContain("Tom Evans");
        // The part of the passport, as the module's manifest describes the group.
        history.ShouldContain("Allocated social worker or key worker and services received");
        history.ShouldNotContain("Safeguarding");
        await carer.VerifyPageAsync("27-what-has-changed");

        // Social care sees its own note in the history.
        await social.GotoAsync($"/passports/{id}/history");
        (await social.Locator("main").InnerTextAsync()).ShouldContain("Safeguarding");
    }

    [Fact]
    public async Task Health_changes_an_allergy_and_the_family_an_emergency_contact_through_the_amend_form_prefilled_with_the_items_values()
    {
        var id = await fixture.NewPassportAsync("Lowenna", "Trewin");
        await fixture.RelateAsync(id, "health");
        var recorded = await fixture.GraphQLAsync("health", "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Amoxicillin\", reaction: \"Rash\", severity: MILD }) { health { allergies { id } } } }", new { id });
        var itemId = recorded["recordAllergy"]!["health"]!["allergies"]![0]!["id"]!.ToString();

        // The form is the allergy's own fields, filled in with what the passport says now.
        var health = await fixture.SignInAsync("health");
        await health.GotoAsync($"/passports/{id}");
        await health.GetByRole(AriaRole.Link, new() { Name = "Change (Allergies: Amoxicillin)" }).ClickAsync();
        (await health.Locator("h1").InnerTextAsync()).ShouldBe("Change the allergy");
        (await health.InputValueAsync("#substance")).ShouldBe("Amoxicillin");
        (await health.InputValueAsync("#reaction")).ShouldBe("Rash");
        (await health.IsCheckedAsync("#severity-MILD")).ShouldBeTrue();
        (await health.IsCheckedAsync("#status-ACTIVE")).ShouldBeTrue();
        await health.VerifyPageAsync("32-change-allergy");

        // A required field left empty is named in the error summary, and nothing changes.
        await health.FillAsync("#substance", "");
        await health.ClickAsync("button:has-text('Save allergy')");
        (await health.Locator(".nhsuk-error-summary a[href='#substance']").InnerTextAsync()).ShouldContain("allergic to");
        await health.VerifyPageAsync();

        await health.FillAsync("#substance", "Amoxicillin");
        await health.FillAsync("#reaction", "Widespread hives and wheeze");
        await health.CheckAsync("#severity-SEVERE");
        await health.ClickAsync("button:has-text('Save allergy')");
        await health.WaitForURLAsync($"**?changed={itemId}#item-{itemId}");
        var card = await health.Locator($"#item-{itemId}").InnerTextAsync();
        card.ShouldContain("Widespread hives and wheeze");
        card.ShouldContain("Severe");
        card.ShouldContain("Verified");
        card.ShouldContain("Changed");

        // The same item, amended (not a second allergy); the history keeps both versions.
        var allergies = (await fixture.GraphQLAsync("health", "query($id: ID!) { passport(id: $id) { health { allergies { id severity reaction } } } }", new { id }))["passport"]!["health"]!["allergies"]!.AsArray();
        allergies.Count.ShouldBe(1);
        allergies[0]!["id"]!.ToString().ShouldBe(itemId);
        allergies[0]!["severity"]!.ToString().ShouldBe("SEVERE");
        var history = await fixture.GraphQLAsync("health", "query($id: ID!) { history(passportId: $id) { change itemId } }", new { id });
        history["history"]!.AsArray().Count(h => h!["itemId"]?.ToString() == itemId).ShouldBe(2);

        // The family changes their emergency contact through the same form (the core's amendEmergencyContact).
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { addEmergencyContact(passportId: $id, input: { name: \"Jowan Trewin\", relationship: \"Uncle\", parentalResponsibility: false, phone: \"01209 555111\" }) { id } }", new { id });
        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        await carer.GetByRole(AriaRole.Link, new() { Name = "Change (Emergency contacts: Jowan Trewin)" }).ClickAsync();
        (await carer.Locator("h1").InnerTextAsync()).ShouldBe("Change the emergency contact");
        (await carer.InputValueAsync("#phone")).ShouldBe("01209 555111");
        (await carer.IsCheckedAsync("#parentalResponsibility")).ShouldBeFalse();
        await carer.FillAsync("#phone", "07700 900456");
        await carer.ClickAsync("button:has-text('Save contact')");
        await carer.WaitForURLAsync("**?changed=*");
        var contact = await carer.Locator(".nhsuk-card:has-text('Jowan Trewin')").InnerTextAsync();
        contact.ShouldContain("07700 900456");
        contact.ShouldNotContain("01209 555111");
    }

    [Fact]
    public async Task The_family_reports_a_single_record_and_changes_it_through_the_same_form_which_keeps_its_id()
    {
        await fixture.GraphQLAsync("la-admin", "mutation { setModuleEnabled(localAuthority: \"E06000052\", module: \"short-breaks\", enabled: true) { enabled } }");
        var id = await fixture.NewPassportAsync("Pedrek", "Nance");

        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        await carer.ClickAsync("a:has-text('Report the short breaks plan')");
        await carer.CheckAsync("#eligibilityAssessed");
        await carer.FillAsync("#hoursPerYear", "lots");
        await carer.ClickAsync("button:has-text('Save short breaks plan')");
        (await carer.Locator(".nhsuk-error-summary a[href='#hoursPerYear']").InnerTextAsync()).ShouldContain("whole number");
        await carer.VerifyPageAsync();
        await carer.FillAsync("#hoursPerYear", "120");
        await carer.FillAsync("#provider", "Sunflower House");
        await carer.ClickAsync("button:has-text('Save short breaks plan')");
        await carer.WaitForURLAsync("**#shortBreaks-plan");
        var card = carer.Locator("#shortBreaks-plan .nhsuk-card");
        var planId = (await card.GetAttributeAsync("id"))!["item-".Length..];
        (await card.InnerTextAsync()).ShouldContain("Sunflower House");
        // One current record: changed from its card, not added again.
        (await carer.Locator("a:has-text('Report the short breaks plan')").CountAsync()).ShouldBe(0);

        await carer.GetByRole(AriaRole.Link, new() { Name = "Change (Short breaks plan)", Exact = true }).ClickAsync();
        (await carer.IsCheckedAsync("#eligibilityAssessed")).ShouldBeTrue();
        (await carer.InputValueAsync("#hoursPerYear")).ShouldBe("120");
        await carer.FillAsync("#hoursPerYear", "150");
        await carer.ClickAsync("button:has-text('Save short breaks plan')");
        await carer.WaitForURLAsync($"**?changed={planId}#item-{planId}");
        var changed = await carer.Locator($"#item-{planId}").InnerTextAsync();
        changed.ShouldContain("150");
        changed.ShouldContain("Sunflower House");
    }

    private static async Task FillDateAsync(IPage page, string field, DateTime date)
    {
        await page.FillAsync($"#{field}-day", date.Day.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync($"#{field}-month", date.Month.ToString(CultureInfo.InvariantCulture));
        await page.FillAsync($"#{field}-year", date.Year.ToString(CultureInfo.InvariantCulture));
    }
}
