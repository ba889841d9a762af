using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;
using SkiaSharp;
using ZXing;
using ZXing.Common;

namespace Passport.Tests.Browser;

/// <summary>
/// The emergency card (ADR 18): the family prints it and saves its lock-screen image; its QR code,
/// read back from the page and from the image, takes a clinician through sign-in to emergency access
/// for that child (reason, access log, the family told); anyone else, and any card not in use, gets
/// one page that says nothing about the child.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class EmergencyCardTests(BrowserFixture fixture)
{
    private const string MustKnow = "Severe peanut allergy: adrenaline pen in her bag\nEpilepsy: follow the seizure plan in her passport\nUses Makaton signs; give her time to answer\nLoves trains";

    [Fact]
    public async Task The_family_prints_a_card_whose_QR_code_takes_a_clinician_to_emergency_access_and_the_family_is_told()
    {
        var id = await NewPassportWithThingsToKnowAsync("Tamsin", "Rowe");

        // The family: from the passport page to the card, what it will show, then the card itself, shown once.
        var family = await fixture.SignInAsync("carer", width: BrowserFixture.DesktopWidth);
        await family.GotoAsync($"/passports/{id}");
        await family.ClickAsync("a:has-text('Emergency card')");
        await family.WaitForURLAsync($"**/passports/{id}/emergency-card");
        (await family.Locator("#card-in-use").InnerTextAsync()).ShouldBe("No card is in use.");
        (await family.Locator(".nhsuk-warning-callout").InnerTextAsync()).ShouldContain("1 more line is not on the card");
        await family.VerifyPageAsync();
        await family.ClickAsync("button:has-text('Create an emergency card')");
        await family.WaitForURLAsync($"**/passports/{id}/emergency-card#card");

        var card = family.Locator(".passport-emergency-card");
        (await card.Locator(".passport-emergency-card__name").InnerTextAsync()).ShouldBe("Tamsin");
        (await card.Locator("li").AllInnerTextsAsync()).ShouldBe(["Severe peanut allergy: adrenaline pen in her bag", "Epilepsy: follow the seizure plan in her passport", "Uses Makaton signs; give her time to answer"]);
        (await card.EvaluateAsync<bool>("e => e.scrollHeight <= e.clientHeight")).ShouldBeTrue("the card's text is cut off");
        var url = (await family.Locator("#card-link").InnerTextAsync()).Trim();
        url.ShouldMatch($"^{Regex.Escape(fixture.Host.BaseAddress.ToString().TrimEnd('/'))}/card/[A-Za-z0-9_-]{{22}}$");
        url.ShouldNotContain(id);

        // The QR code, as Chromium drew it, reads back as the link.
        (await DecodeDrawnAsync(card.Locator(".passport-emergency-card__qr svg"))).ShouldBe(url);
        await family.VerifyPageAsync("38-emergency-card");

        // The lock-screen image is a phone-sized PNG whose QR code reads back as the same link.
        var download = await family.RunAndWaitForDownloadAsync(() => family.ClickAsync("#lock-screen"));
        download.SuggestedFilename.ShouldBe("emergency-card-lock-screen.png");
        var lockScreen = await File.ReadAllBytesAsync(await download.PathAsync());
        using (var image = SKBitmap.Decode(lockScreen))
        {
            (image.Width, image.Height).ShouldBe((1080, 1920));
        }

        Decode(lockScreen).ShouldBe(url);

        // Printed, the card is all there is, at wallet size (85.6 mm = 323.5 CSS px).
        await family.EmulateMediaAsync(new() { Media = Media.Print });
        (await family.Locator(".nhsuk-header").IsVisibleAsync()).ShouldBeFalse();
        (await family.Locator("#lock-screen").IsVisibleAsync()).ShouldBeFalse();
        var printed = (await family.Locator(".passport-emergency-card").BoundingBoxAsync())!;
        ((double)printed.Width).ShouldBe(85.6 / 25.4 * 96, 1);
        ((double)printed.Height).ShouldBe(53.98 / 25.4 * 96, 1);
        (await card.EvaluateAsync<bool>("e => e.scrollHeight <= e.clientHeight")).ShouldBeTrue("the printed card's text is cut off");
        await family.EmulateMediaAsync(new() { Media = Media.Screen });

        // At phone width it still fits without scrolling sideways.
        await family.SetViewportSizeAsync(BrowserFixture.MobileWidth, 720);
        await family.VerifyPageAsync();

        // Shown once: opened again, the page says a card is in use and shows no link.
        await family.GotoAsync($"/passports/{id}/emergency-card");
        (await family.Locator("#card-in-use").InnerTextAsync()).ShouldStartWith("A card is in use. It was issued on");
        (await family.Locator("#card-link").CountAsync()).ShouldBe(0);
        (await family.ContentAsync()).ShouldNotContain(url[^22..]);

        // A clinician with no relationship scans it: sign in first, then emergency access for this child.
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Host.BaseAddress.ToString() });
        await context.WatchContentSecurityPolicyAsync();
        var clinician = await context.NewPageAsync();
        await clinician.GotoAsync(url);
        await clinician.WaitForURLAsync("**/sign-in?*");
        await clinician.CheckAsync("#persona-health");
        await clinician.ClickAsync("button:has-text('Sign in')");
        await clinician.WaitForURLAsync($"**/emergency-access?passportId={id}");
        (await clinician.InputValueAsync("#passportId")).ShouldBe(id);
        (await clinician.Locator("#passportId-hint").InnerTextAsync()).ShouldContain("emergency card");
        (await clinician.Locator(".nhsuk-warning-callout").InnerTextAsync()).ShouldContain("family is told");
        await clinician.VerifyPageAsync("39-emergency-card-scan-clinician");
        await clinician.ClickAsync("button:has-text('Open the emergency view')");
        (await clinician.Locator(".nhsuk-error-summary a[href='#reason']").InnerTextAsync()).ShouldContain("why you need emergency access");
        await clinician.FillAsync("#reason", "Seizure at the railway station, no family present");
        await clinician.ClickAsync("button:has-text('Open the emergency view')");
        await clinician.WaitForURLAsync($"**/passports/{id}?*");
        (await clinician.Locator("h1").InnerTextAsync()).ShouldContain("Tamsin");
        (await clinician.Locator("#mustKnow").InnerTextAsync()).ShouldContain("adrenaline pen");

        // The family is told, and the access log shows the emergency reads.
        await family.GotoAsync($"/passports/{id}/notifications");
        var notice = await family.Locator("main li").First.InnerTextAsync();
        notice.ShouldContain("Dr Priya Shah");
        notice.ShouldContain("Seizure at the railway station");
        await family.GotoAsync($"/passports/{id}/access-log");
        (await family.Locator("tr.passport-break-glass:has-text('Dr Priya Shah')").CountAsync()).ShouldBeGreaterThan(0);
        await context.CloseAsync();
    }

    [Fact]
    public async Task Anyone_else_who_scans_the_card_and_every_card_not_in_use_gets_one_page_that_says_nothing()
    {
        var id = await NewPassportWithThingsToKnowAsync("Lowenna", "Jago");
        var url = (await fixture.GraphQLAsync("carer", "mutation($id: ID!) { issueEmergencyCard(passportId: $id) { url } }", new { id }))["issueEmergencyCard"]!["url"]!.ToString();
        var unknown = url[..^22] + "AAAAAAAAAAAAAAAAAAAAAA";

        // Not signed in: every card, in use or not, asks for sign-in first, so the card's state is not learned either.
        var anonymous = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Host.BaseAddress.ToString() });
        foreach (var link in new[] { url, unknown })
        {
            var response = await anonymous.APIRequest.GetAsync(link, new() { MaxRedirects = 0 });
            response.Status.ShouldBe(302);
            response.Headers["location"].ShouldStartWith($"{fixture.Host.BaseAddress.ToString().TrimEnd('/')}/sign-in?ReturnUrl=%2Fcard%2F");
        }

        await anonymous.CloseAsync();

        // A clinician: the card in use leads to emergency access for this passport; one that never existed to the page that says nothing.
        var clinician = await fixture.SignInAsync("health");
        var toEmergencyAccess = await clinician.APIRequest.GetAsync(url, new() { MaxRedirects = 0 });
        toEmergencyAccess.Status.ShouldBe(302);
        toEmergencyAccess.Headers["location"].ShouldBe($"/emergency-access?passportId={id}");
        var nothing = await clinician.APIRequest.GetAsync(unknown, new() { MaxRedirects = 0 });
        nothing.Status.ShouldBe(404);
        var nothingBody = await nothing.TextAsync();
        nothingBody.ShouldContain("This card does not open anything for you");

        // An education professional (on the care team) and a carer of another child: the same status and the same bytes.
        await fixture.RelateAsync(id, "education");
        var otherChild = await fixture.GraphQLAsync("second-carer", "mutation { createPassport(input: { givenName: \"Kensa\", familyName: \"Hocking\", dateOfBirth: \"2015-01-20\", localAuthority: \"E06000052\" }) { id } }");
        otherChild["createPassport"]!["id"]!.ToString().ShouldNotBeEmpty();
        foreach (var persona in new[] { "education", "second-carer" })
        {
            var other = await fixture.SignInAsync(persona);
            var response = await other.APIRequest.GetAsync(url, new() { MaxRedirects = 0 });
            response.Status.ShouldBe(404, persona);
            (await response.TextAsync()).ShouldBe(nothingBody, persona);

            await other.GotoAsync(url);
            var page = await other.ContentAsync();
            page.ShouldNotContain("Lowenna");
            page.ShouldNotContain("Jago");
            page.ShouldNotContain(id);
            (await other.Locator("h1").InnerTextAsync()).ShouldBe("This card does not open anything for you");
            if (persona == "education")
            {
                await other.VerifyPageAsync("40-emergency-card-scan-others");
            }
        }

        // The family stops the card: to the clinician it is now exactly a card that never existed.
        var family = await fixture.SignInAsync("carer");
        await family.GotoAsync($"/passports/{id}/emergency-card");
        await family.ClickAsync("button:has-text('Stop this card')");
        await family.WaitForURLAsync("**/emergency-card?revoked=true");
        (await family.Locator("[role=status]").InnerTextAsync()).ShouldContain("The card has been stopped");
        (await family.Locator("#card-in-use").InnerTextAsync()).ShouldBe("No card is in use.");
        var revoked = await clinician.APIRequest.GetAsync(url, new() { MaxRedirects = 0 });
        revoked.Status.ShouldBe(404);
        (await revoked.TextAsync()).ShouldBe(nothingBody);
    }

    [Fact]
    public async Task The_card_page_is_the_familys_and_a_carer_without_the_sharing_right_is_refused()
    {
        // The longest a card holds: a long name and three lines at the longest, each shortened to fit.
        var id = await NewPassportWithThingsToKnowAsync("Demelza-Rosewarne", "Pengelly", string.Join('\n', Enumerable.Repeat("Anaphylaxis to peanuts, tree nuts and sesame: two adrenaline pens in her school bag", 3)));
        await fixture.RelateAsync(id, "health");
        var professional = await fixture.SignInAsync("health");
        (await professional.APIRequest.GetAsync($"/passports/{id}/emergency-card")).Status.ShouldBe(403);
        await professional.GotoAsync($"/passports/{id}");
        (await professional.Locator($"a[href='/passports/{id}/emergency-card']").CountAsync()).ShouldBe(0);

        // A carer invited with view and edit rights only sees the page, and is told they may not issue a card.
        var code = (await fixture.GraphQLAsync("carer", "mutation($id: ID!) { inviteCarer(passportId: $id, mayEdit: true, mayManageSharing: false, mayInvite: false) { code } }", new { id }))["inviteCarer"]!["code"]!.ToString();
        await fixture.GraphQLAsync("second-carer", "mutation($c: String!) { acceptCarerInvitation(code: $c) { id } }", new { c = code });
        var carer = await fixture.SignInAsync("second-carer");
        await carer.GotoAsync($"/passports/{id}/emergency-card");
        await carer.ClickAsync("button:has-text('Create an emergency card')");
        (await carer.Locator(".nhsuk-error-summary").InnerTextAsync()).ShouldContain("You are not allowed to do this for this passport.");
        (await carer.Locator(".passport-emergency-card").CountAsync()).ShouldBe(0);
        (await carer.Locator("#card-in-use").InnerTextAsync()).ShouldBe("No card is in use.");

        // The family issues it: every line is on the card, shortened where the page said so, and nothing is cut off.
        var family = await fixture.SignInAsync("carer");
        (await family.APIRequest.PostAsync($"/passports/{id}/emergency-card?handler=issue")).Status.ShouldBe(400, "a post without the antiforgery token");
        await family.GotoAsync($"/passports/{id}/emergency-card");
        (await family.Locator(".nhsuk-warning-callout").InnerTextAsync()).ShouldContain("shortened");
        await family.ClickAsync("button:has-text('Create an emergency card')");
        var card = family.Locator(".passport-emergency-card");
        (await card.Locator("li").AllInnerTextsAsync()).ShouldAllBe(thing => thing.Length <= 70 && thing.EndsWith('…'));
        (await card.EvaluateAsync<bool>("e => e.scrollHeight <= e.clientHeight")).ShouldBeTrue("the card's text is cut off");
        await family.EmulateMediaAsync(new() { Media = Media.Print });
        (await card.EvaluateAsync<bool>("e => e.scrollHeight <= e.clientHeight")).ShouldBeTrue("the printed card's text is cut off");
    }

    /// <summary>Set-up: the demo carer's passport with things you must know (by default four, one more than the card holds).</summary>
    private async Task<string> NewPassportWithThingsToKnowAsync(string given, string family, string mustKnow = MustKnow)
    {
        var id = await fixture.NewPassportAsync(given, family);
        await fixture.GraphQLAsync("carer", "mutation($id: ID!, $m: String!) { updateAboutMe(passportId: $id, expectedVersion: 1, input: { mustKnow: $m }) { id } }", new { id, m = mustKnow });
        return id;
    }

    /// <summary>Reads a QR code from a PNG (a screenshot or the lock-screen image) with ZXing.</summary>
    /// <summary>
    /// The QR code as Chromium drew it, read back; screenshots are taken again (up to 10 s) while
    /// none reads, since one taken as the page settles after jumping to the card can catch it mid-draw.
    /// </summary>
    private static async Task<string?> DecodeDrawnAsync(ILocator qr)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var text = Decode(await qr.ScreenshotAsync(new() { Animations = ScreenshotAnimations.Disabled }));
            if (text is not null || DateTime.UtcNow > deadline)
            {
                return text;
            }

            await qr.Page.WaitForTimeoutAsync(200); // between screenshots only
        }
    }

    private static string? Decode(byte[] png)
    {
        using var decoded = SKBitmap.Decode(png);
        using var rgba = decoded.Copy(SKColorType.Rgba8888);
        var source = new RGBLuminanceSource(rgba.Bytes, rgba.Width, rgba.Height, RGBLuminanceSource.BitmapFormat.RGBA32);
        var reader = new BarcodeReaderGeneric { Options = new DecodingOptions { PossibleFormats = [BarcodeFormat.QR_CODE], TryHarder = true } };
        return reader.Decode(source)?.Text;
    }
}
