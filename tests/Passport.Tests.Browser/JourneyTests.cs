using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed partial class JourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_carer_shares_with_a_school_which_sees_its_sectors_view_and_the_carer_sees_the_read()
    {
        // Carer: my children's passports → create a passport.
        var carer = await fixture.SignInAsync("carer");
        await carer.WaitForURLAsync("**/passports");
        await carer.VerifyPageAsync("01-my-passports");
        await carer.ClickAsync("text=Create a passport");
        await carer.VerifyPageAsync();
        await carer.ClickAsync("button:has-text('Create passport')");
        (await carer.ContentAsync()).ShouldContain("There is a problem");
        await carer.VerifyPageAsync("02-create-passport-errors");
        await carer.FillNewPassportAsync("Poppy", "Tregear", new DateOnly(2017, 9, 3));
        await carer.WaitForURLAsync(PassportUrl());
        var passportUrl = carer.Url;
        (await carer.Locator("h1").InnerTextAsync()).ShouldBe("Poppy Tregear");

        // Edit About me (with its review date).
        await carer.ClickAsync("a[href$='about-me#communication']");
        await carer.VerifyPageAsync("04-edit-about-me");
        await carer.FillAsync("#communication", "I use short sentences and some Makaton.");
        await carer.FillAsync("#mustKnow", "I panic at fire alarms: warn me before a drill.");
        await carer.ClickAsync("button:has-text('Save About me')");
        await carer.WaitForURLAsync(PassportUrl());
        var page = await carer.ContentAsync();
        page.ShouldContain("I use short sentences and some Makaton.");
        page.ShouldContain("Last reviewed");
        page.ShouldContain("Alex Morgan");

        // Report an allergy: shown as reported by the family, not verified.
        await carer.ClickAsync("text=Report an allergy");
        await carer.VerifyPageAsync();
        await carer.FillAsync("#substance", "Peanuts");
        await carer.FillAsync("#reaction", "Swelling of the lips");
        await carer.CheckAsync("#severity-SEVERE");
        await carer.ClickAsync("button:has-text('Save allergy')");
        await carer.WaitForURLAsync(PassportUrl());
        (await carer.ContentAsync()).ShouldContain("Not verified");
        await carer.VerifyPageAsync("03-passport-carer");

        // Share with a professional: a share code shown large, with its expiry.
        await carer.ClickAsync("text=Share with a professional");
        await carer.VerifyPageAsync();
        await carer.CheckAsync("#sector-education");
        await carer.ClickAsync("button:has-text('Create share code')");
        var code = (await carer.Locator("#share-code").InnerTextAsync()).Trim();
        code.ShouldNotBeEmpty();
        (await carer.ContentAsync()).ShouldContain("expires on");
        await carer.VerifyPageAsync("05-share-code");

        // Social care records a legal status (through the API, as set-up).
        var id = passportUrl.Split('/')[^1];
        await SocialCareRecordsLegalStatusAsync(carer, id, "Kernow Legal Team");

        // Professional: enter the share code → the passport as education may see it.
        var school = await fixture.SignInAsync("education");
        await school.WaitForURLAsync("**/share-code");
        await school.VerifyPageAsync("06-enter-share-code");
        await school.FillAsync("#code", code);
        await school.ClickAsync("button:has-text('Open passport')");
        await school.WaitForURLAsync(PassportUrl());
        var seen = await school.ContentAsync();
        seen.ShouldContain("Peanuts");
        seen.ShouldContain("I panic at fire alarms");
        var legal = school.Locator("h3:has-text('Legal status') + .nhsuk-inset-text");
        (await legal.InnerTextAsync()).ShouldContain("Not shared with your sector");
        seen.ShouldNotContain("Kernow Legal Team");
        seen.ShouldNotContain("LOOKED_AFTER");
        seen.ShouldNotContain("Looked after");
        await school.VerifyPageAsync("07-passport-education");

        // Carer: who has looked — the school's read is there.
        await carer.GotoAsync(passportUrl + "/access-log");
        var log = await carer.ContentAsync();
        log.ShouldContain("Ms Laura Hughes");
        log.ShouldContain("Truro Primary School");
        await carer.VerifyPageAsync("08-access-log");

        // Care team: the school joined through the code.
        await carer.GotoAsync(passportUrl + "/care-team");
        (await carer.ContentAsync()).ShouldContain("Ms Laura Hughes");
        await carer.VerifyPageAsync("09-care-team");

        // Sharing settings: opt education in to immunisations, without JavaScript-only controls.
        await carer.GotoAsync(passportUrl + "/sharing");
        await carer.VerifyPageAsync("10-sharing-settings");
        await carer.GetByRole(AriaRole.Button, new() { Name = "Share vaccines given and when with education", Exact = true }).ClickAsync();
        await carer.WaitForURLAsync("**/sharing");
        (await carer.GetByRole(AriaRole.Button, new() { Name = "Stop sharing vaccines given and when with education", Exact = true }).CountAsync()).ShouldBe(1);

        // Invite another carer and notifications render and pass the same checks.
        await carer.GotoAsync(passportUrl + "/invite-carer");
        await carer.CheckAsync("#mayEdit");
        await carer.ClickAsync("button:has-text('Create invitation code')");
        (await carer.Locator("#invite-code").InnerTextAsync()).Trim().ShouldNotBeEmpty();
        await carer.VerifyPageAsync();
        await carer.GotoAsync(passportUrl + "/notifications");
        await carer.VerifyPageAsync();

        // Sign out ends the session.
        await carer.ClickAsync("button:has-text('Sign out')");
        // The page's script wipes any offline copies before the form posts: wait for sign-out to land.
        await carer.WaitForURLAsync("**/sign-in");
        await carer.GotoAsync(passportUrl);
        carer.Url.ShouldContain("/sign-in");
    }

    [Fact]
    public async Task The_HTML_of_a_page_never_holds_a_group_the_sector_may_not_see_even_without_JavaScript()
    {
        var created = await fixture.GraphQLAsync("carer", """
            mutation { createPassport(input: { givenName: "Jago", familyName: "Pascoe", dateOfBirth: "2015-01-20", localAuthority: "E06000052" }) { id } }
            """);
        var id = created["createPassport"]!["id"]!.ToString();
        var secret = "Legal-" + Guid.NewGuid().ToString("N")[..8];
        var carer = await fixture.SignInAsync("carer");
        await SocialCareRecordsLegalStatusAsync(carer, id, secret);
        var code = (await fixture.GraphQLAsync("carer", "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"education\") { code } }", new { id }))["createShareCode"]!["code"]!.ToString();

        // With JavaScript off: every journey step is a plain link or form.
        var school = await fixture.SignInAsync("education", javaScript: false);
        await school.GotoAsync("/share-code");
        await school.FillAsync("#code", code);
        await school.ClickAsync("button:has-text('Open passport')");
        await school.WaitForURLAsync(PassportUrl());
        var html = await school.ContentAsync();
        html.ShouldContain("Jago");
        html.ShouldContain("Not shared with your sector");
        html.ShouldNotContain(secret);
        html.ShouldNotContain("LOOKED_AFTER");
        html.ShouldNotContain("Looked after");

        // The family does see it (it was recorded, not lost).
        await carer.GotoAsync($"/passports/{id}");
        (await carer.ContentAsync()).ShouldContain(secret);

        // Emergency access by a clinician is highlighted in the access log.
        await fixture.GraphQLAsync("health", "mutation($id: ID!) { breakGlass(passportId: $id, reason: \"Unconscious in A&E, no family present\") { id } }", new { id });
        await carer.GotoAsync($"/passports/{id}/access-log");
        (await carer.ContentAsync()).ShouldContain("Emergency access was used");
        (await carer.Locator("tr.passport-break-glass").CountAsync()).ShouldBeGreaterThan(0);
        await carer.VerifyPageAsync("11-access-log-break-glass");
    }

    [Fact]
    public async Task A_family_keeps_the_passport_with_JavaScript_off_and_removes_someone_from_the_care_team()
    {
        // Every family step is a plain link or form: no script runs on this page at all.
        var carer = await fixture.SignInAsync("carer", javaScript: false);
        await carer.WaitForURLAsync("**/passports");
        await carer.ClickAsync("text=Create a passport");
        await carer.FillNewPassportAsync("Gwen", "Hocking", new DateOnly(2019, 2, 14));
        await carer.WaitForURLAsync(PassportUrl());
        var passportUrl = carer.Url;
        var id = passportUrl.Split('/')[^1];

        // About me's empty fields are one "Not recorded yet" line, with a link to add them.
        (await carer.Locator("#about-me-missing").InnerTextAsync()).ShouldContain("what I like");
        await carer.ClickAsync("#about-me-missing a:has-text('Add to About me')");
        await carer.FillAsync("#likes", "Trains, and the sea at Gwithian.");
        await carer.ClickAsync("button:has-text('Save About me')");
        await carer.WaitForURLAsync(PassportUrl());
        (await carer.ContentAsync()).ShouldContain("Trains, and the sea at Gwithian.");

        await carer.ClickAsync("text=Report an allergy");
        await carer.FillAsync("#substance", "Sesame");
        await carer.CheckAsync("#severity-MILD");
        await carer.ClickAsync("button:has-text('Save allergy')");
        await carer.WaitForURLAsync(PassportUrl());
        (await carer.Locator(".nhsuk-card:has-text('Sesame')").InnerTextAsync()).ShouldContain("Not verified");

        // An emergency contact: the error summary names the missing fields, then it is saved.
        await carer.ClickAsync("text=Add an emergency contact");
        await carer.FillAsync("#name", "Jenny Hocking");
        await carer.ClickAsync("button:has-text('Save contact')");
        (await carer.Locator(".nhsuk-error-summary a[href='#relationship']").InnerTextAsync()).ShouldContain("relationship");
        (await carer.Locator(".nhsuk-error-summary a[href='#phone']").InnerTextAsync()).ShouldContain("phone number");
        await carer.FillAsync("#relationship", "Grandmother");
        await carer.FillAsync("#phone", "01736 555123");
        await carer.ClickAsync("button:has-text('Save contact')");
        await carer.WaitForURLAsync("**#emergencyContacts");
        (await carer.Locator(".nhsuk-card:has-text('Jenny Hocking')").InnerTextAsync()).ShouldContain("01736 555123");

        await carer.ClickAsync("text=Share with a professional");
        await carer.CheckAsync("#sector-leisure");
        await carer.ClickAsync("button:has-text('Create share code')");
        var code = (await carer.Locator("#share-code").InnerTextAsync()).Trim();
        await fixture.GraphQLAsync("leisure", "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });
        (await fixture.GraphQLAsync("leisure", "query($id: ID!) { passport(id: $id) { id } }", new { id }))["passport"].ShouldNotBeNull();

        // Care team: remove the leisure centre, after a confirmation that says what it means.
        await carer.GotoAsync(passportUrl + "/care-team");
        await carer.ClickAsync("a:has-text('Remove Chris Penrose')");
        (await carer.Locator("h1").InnerTextAsync()).ShouldBe("Remove Chris Penrose from the care team?");
        (await carer.ContentAsync()).ShouldContain("will no longer be able to see the passport");
        await carer.ClickAsync("button:has-text('Yes, remove Chris Penrose')");
        await carer.WaitForURLAsync("**/care-team");
        (await carer.Locator("main").InnerTextAsync()).ShouldNotContain("Chris Penrose");

        // The leisure centre has lost the passport.
        var after = await fixture.GraphQLResponseAsync("leisure", "query($id: ID!) { passport(id: $id) { id } }", new { id });
        after["data"]?["passport"].ShouldBeNull(after.ToJsonString());
        after["errors"]![0]!["extensions"]!["code"]!.ToString().ShouldBe("NOT_FOUND");
    }

    [Fact]
    public async Task A_passport_that_closed_at_the_25th_birthday_says_so_and_leaves_the_list()
    {
        var id = await fixture.NewPassportAsync("Loveday", "Trevithick", "2010-01-01");
        var born25YearsAgo = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-25).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        // Only health or social care make a correction that closes the passport, with a reason. The
        // correction is saved; the answer already says the passport has closed.
        var code = (await fixture.GraphQLAsync("carer", "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id }))["createShareCode"]!["code"]!.ToString();
        await fixture.GraphQLAsync("health", "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });
        var corrected = await fixture.GraphQLResponseAsync("health", "mutation($id: ID!, $d: Date!) { updateChildDetails(passportId: $id, input: { givenName: \"Loveday\", familyName: \"Trevithick\", dateOfBirth: $d, localAuthority: \"E06000052\" }, reason: \"Birth certificate seen at clinic\") { id } }", new { id, d = born25YearsAgo });
        corrected["errors"]![0]!["extensions"]!["code"]!.ToString().ShouldBe("PASSPORT_CLOSED");
        corrected["errors"]![0]!["message"]!.ToString().ShouldStartWith("The change was saved.");

        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        (await carer.Locator("h1").InnerTextAsync()).ShouldBe("This passport is closed");
        (await carer.ContentAsync()).ShouldContain("can no longer be seen or changed");
        await carer.VerifyPageAsync();
        await carer.GotoAsync("/passports");
        (await carer.ContentAsync()).ShouldNotContain("Trevithick");
    }

    [Fact]
    public async Task Every_form_is_protected_against_cross_site_requests()
    {
        var carer = await fixture.SignInAsync("carer");
        var response = await carer.APIRequest.PostAsync("/passports/new", new() { Form = carer.Context.APIRequest.CreateFormData().Set("givenName", "X") });
        response.Status.ShouldBe(400);
    }

    private async Task SocialCareRecordsLegalStatusAsync(IPage carer, string id, string authority)
    {
        _ = carer;
        var code = (await fixture.GraphQLAsync("carer", "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"social-care\") { code } }", new { id }))["createShareCode"]!["code"]!.ToString();
        await fixture.GraphQLAsync("social-care", "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });
        await fixture.GraphQLAsync("social-care", "mutation($id: ID!, $a: String) { setLegalStatus(passportId: $id, input: { status: LOOKED_AFTER, since: \"2024-01-01\", responsibleAuthority: $a }) { id } }", new { id, a = authority });
    }

    private static Regex PassportUrl() => PassportUrlPattern();

    [GeneratedRegex(@"/passports/[0-9a-fA-F-]{8,}(#.*)?$")]
    private static partial Regex PassportUrlPattern();
}
