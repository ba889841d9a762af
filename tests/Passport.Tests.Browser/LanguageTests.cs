using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>
/// The web app in Polish and Romanian (docs/languages.md): a whole family journey in Polish, every
/// page checked for English left untranslated, dates and numbers as Polish writes them, and the
/// choice remembered on the device and with the person.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LanguageTests(BrowserFixture fixture)
{
    private static readonly CultureInfo Polish = CultureInfo.GetCultureInfo("pl-PL");

    /// <summary>Names on the pages (people, places, organisations): they stay as written.</summary>
    private static readonly string[] Names = ["Alex Morgan", "Jordan Morgan", "Riley Morgan", "Dr Priya Shah", "Tom Evans", "Ms Laura Hughes", "Chris Penrose", "Morwenna Trelawny", "Caldicott Guardian", "Truro Primary School", "Truro Leisure Centre", "Royal Cornwall Hospitals NHS Trust", "Cornwall Council Children's Services", "Cornwall Council", "NHS South West", "Kerensa Pascoe", "NHS Cornwall and Isles of Scilly ICB"];

    [Fact]
    public async Task A_family_keeps_a_passport_in_Polish_from_sign_in_to_a_share_code()
    {
        const string persona = "second-carer";
        try
        {
            var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Host.BaseAddress.ToString(), ViewportSize = new() { Width = BrowserFixture.MobileWidth, Height = 720 } });
            // As the fixture's own contexts: a busy machine can hold a page past Playwright's 30 s.
            context.SetDefaultTimeout(90_000);
            context.SetDefaultNavigationTimeout(90_000);
            await context.WatchContentSecurityPolicyAsync();
            var page = await context.NewPageAsync();

            // The switch is on the sign-in page too; each language is named in its own words.
            await page.GotoAsync("/sign-in");
            (await page.GetAttributeAsync("html", "lang")).ShouldBe("en");
            (await page.Locator("nav.passport-languages li[lang='pl']").InnerTextAsync()).Trim().ShouldBe("Polski");
            await page.ClickAsync("button[value='pl-PL']");
            (await page.GetAttributeAsync("html", "lang")).ShouldBe("pl");
            (await page.Locator("h1").InnerTextAsync()).ShouldBe("Zaloguj się");
            await CheckAsync(page);
            await page.CheckAsync($"#persona-{persona}");
            await page.ClickAsync("main button[type=submit]");
            await page.WaitForURLAsync("**/passports");
            (await page.Locator("h1").InnerTextAsync()).ShouldBe("Paszporty moich dzieci");
            await CheckAsync(page);

            // Create a passport: the date of birth comes back in Polish.
            await page.ClickAsync("a[href='/passports/new']");
            await page.ClickAsync("main form button[type=submit]");
            (await page.Locator(".nhsuk-error-summary").InnerTextAsync()).ShouldContain("Wpisz imię dziecka");
            await CheckAsync(page);
            await page.FillNewPassportAsync("Zofia", "Nowak", new DateOnly(2017, 9, 3), "main form button[type=submit]");
            await page.WaitForURLAsync(PassportUrl());
            var passportUrl = page.Url;
            (await page.Locator(".passport-identity").InnerTextAsync()).ShouldContain("3 września 2017");
            await CheckAsync(page, "Zofia Nowak", "Zofia");

            // About me, in the family's own words (they stay as written).
            await page.ClickAsync("a[href$='about-me#communication']");
            (await page.Locator("h1").InnerTextAsync()).ShouldBe("O mnie");
            await CheckAsync(page);
            await page.FillAsync("#communication", "Mówię krótkimi zdaniami.");
            await page.FillAsync("#likes", "Pociągi i morze.");
            await page.ClickAsync("main form button[type=submit]");
            await page.WaitForURLAsync(PassportUrl());
            (await page.Locator("#communication").InnerTextAsync()).ShouldContain("Mówię krótkimi zdaniami.");

            // Report an allergy: the module's words in Polish, "not verified" until a professional checks it.
            await page.ClickAsync("a:has-text('Zgłoś alergię')");
            (await page.Locator("h1").InnerTextAsync()).ShouldBe("Zgłoś alergię");
            await CheckAsync(page);
            await page.FillAsync("#substance", "Orzeszki ziemne");
            await page.CheckAsync("#severity-SEVERE");
            await page.ClickAsync("main form button[type=submit]");
            await page.WaitForURLAsync(PassportUrl());
            var allergy = await page.Locator(".nhsuk-card:has-text('Orzeszki ziemne')").InnerTextAsync();
            allergy.ShouldContain("Ciężka");
            allergy.ShouldContain("Niepotwierdzone");
            PolishDayAndTime().IsMatch(allergy).ShouldBeTrue(allergy);

            // A growth measurement typed the Polish way (121,5) is read as 121.5 and shown as 121,5.
            await page.ClickAsync("a:has-text('Zgłoś pomiar')");
            await page.FillAsync("#measuredOn-day", "4");
            await page.FillAsync("#measuredOn-month", "6");
            await page.FillAsync("#measuredOn-year", "2025");
            await page.FillAsync("#heightCm", "121,5");
            await page.ClickAsync("main form button[type=submit]");
            await page.WaitForURLAsync(PassportUrl());
            var growth = await page.Locator("#health-growth").InnerTextAsync();
            growth.ShouldContain("121,5");
            growth.ShouldNotContain("121.5");
            growth.ShouldContain("4 cze 2025");
            await CheckAsync(page, "Zofia Nowak", "Zofia", "Orzeszki ziemne", "Mówię krótkimi zdaniami.", "Pociągi i morze.");
            await page.VerifyPageAsync("43-passport-in-polish");

            // A share code, with its expiry as Polish writes a day and a time.
            await page.ClickAsync("a[href$='/share']");
            (await page.Locator("h1").InnerTextAsync()).ShouldBe("Udostępnij specjaliście");
            await CheckAsync(page);
            await page.CheckAsync("#sector-education");
            await page.ClickAsync("main form button[type=submit]");
            (await page.Locator("#share-code").InnerTextAsync()).Trim().ShouldNotBeEmpty();
            var card = await page.Locator(".nhsuk-card--feature").InnerTextAsync();
            card.ShouldContain("Kod udostępniania dla sektora: edukacja");
            PolishDayAndTime().IsMatch(card).ShouldBeTrue(card);
            await CheckAsync(page);

            // The family's other pages are in Polish too.
            foreach (var path in new[] { "/sharing", "/care-team", "/carers", "/history", "/access-log", "/invite-carer", "/invite-young-person", "/notifications", "/about-me/easy-read", "/child-details", "/emergency-card" })
            {
                await page.GotoAsync(passportUrl + path);
                (await page.GetAttributeAsync("html", "lang")).ShouldBe("pl", path);
                await CheckAsync(page, "Zofia Nowak", "Zofia", "Nowak", "Mówię krótkimi zdaniami.", "Pociągi i morze.", "Orzeszki ziemne");
            }

            // Remembered with the person: a new device (no cookie) shows Polish once they sign in.
            await context.CloseAsync();
            var elsewhere = await fixture.SignInAsync(persona);
            await elsewhere.GotoAsync(passportUrl);
            (await elsewhere.GetAttributeAsync("html", "lang")).ShouldBe("pl");
            (await elsewhere.Locator("#manage").InnerTextAsync()).ShouldBe("Zarządzaj tym paszportem");

            // And switched back from any page, which the next page keeps.
            await elsewhere.ClickAsync("button[value='en-GB']");
            (await elsewhere.GetAttributeAsync("html", "lang")).ShouldBe("en");
            (await elsewhere.Locator("#manage").InnerTextAsync()).ShouldBe("Manage this passport");
            await elsewhere.GotoAsync("/passports");
            (await elsewhere.Locator("h1").InnerTextAsync()).ShouldBe("My children's passports");
        }
        finally
        {
            // The other tests sign this person in expecting English.
            await fixture.GraphQLAsync(persona, "mutation { setMyLanguage(language: \"en-GB\") { subject } }");
        }
    }

    [Fact]
    public async Task The_passport_reads_in_Romanian_with_its_dates_and_a_plugin_in_Romanian_words()
    {
        var id = await fixture.NewPassportAsync("Ioana", "Popescu", "2015-03-21");
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Arahide\", severity: MODERATE }) { id } }", new { id });
        try
        {
            var page = await fixture.SignInAsync("carer", width: BrowserFixture.DesktopWidth);
            await page.GotoAsync($"/passports/{id}");
            await page.ClickAsync("button[value='ro-RO']");
            (await page.GetAttributeAsync("html", "lang")).ShouldBe("ro");
            (await page.Locator(".passport-identity").InnerTextAsync()).ShouldContain("21 martie 2015");
            (await page.Locator("#manage").InnerTextAsync()).ShouldBe("Gestionați acest pașaport");
            (await page.Locator(".nhsuk-card:has-text('Arahide')").InnerTextAsync()).ShouldContain("Moderată");
            (await page.Locator("h2#health").InnerTextAsync()).ShouldBe("Sănătate");
            var problems = await page.UntranslatedAsync(CultureInfo.GetCultureInfo("ro-RO"), fixture.PluginsFolder, [.. Names, "Ioana Popescu", "Ioana", "Popescu", "Arahide"]);
            problems.ShouldBeEmpty(page.Url);
            await page.VerifyPageAsync("44-passport-in-romanian");

            // The PDF is in Romanian too, every letter drawn (ș and ț included).
            var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("a[href$='/passport.pdf']"));
            var pdf = Path.Combine(Path.GetTempPath(), $"passport-{Guid.NewGuid():N}.pdf");
            await download.SaveAsAsync(pdf);
            var firstPage = await Poppler.TextAsync(pdf, firstPageOnly: true);
            File.Delete(pdf);
            firstPage.ShouldContain("Ce trebuie să știți despre mine");
            firstPage.ShouldContain("Pagina 1 din");
            firstPage.ShouldNotContain("Some characters cannot be shown");
        }
        finally
        {
            await fixture.GraphQLAsync("carer", "mutation { setMyLanguage(language: \"en-GB\") { subject } }");
        }
    }

    /// <summary>The page is in Polish (lang="pl"), shows no English it should have translated, and passes axe.</summary>
    private async Task CheckAsync(IPage page, params string[] asWritten)
    {
        (await page.GetAttributeAsync("html", "lang")).ShouldBe("pl", page.Url);
        var problems = await page.UntranslatedAsync(Polish, fixture.PluginsFolder, [.. Names, .. asWritten]);
        problems.ShouldBeEmpty(page.Url);
        await page.VerifyPageAsync();
    }

    private static Regex PassportUrl() => PassportUrlPattern();

    [GeneratedRegex(@"/passports/[0-9a-fA-F-]{8,}(#.*)?$")]
    private static partial Regex PassportUrlPattern();

    /// <summary>"1 grudnia 2026, godz. 13:30": a Polish month in the genitive and the 24-hour clock.</summary>
    [GeneratedRegex(@"[0-9]{1,2} (stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia) [0-9]{4}, godz\. [0-9]{1,2}:[0-9]{2}")]
    private static partial Regex PolishDayAndTime();
}
