using System.Buffers.Binary;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>
/// The installable app and offline reading (ADR 19, docs/offline.md), in Chromium with the network
/// cut: the family may keep their passports readable on their device, off unless they turn it on;
/// nothing of a child is kept otherwise, never for a professional, and the copies go on sign-out,
/// when turned off and when someone else signs in.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class OfflineAppTests(BrowserFixture fixture)
{
    private const string OfflineCopies = "passport-offline-copies";

    [Fact]
    public async Task The_app_is_installable_with_its_name_icons_and_standalone_display()
    {
        // Chromium never installs from an incognito-like context, which is what a test's browser
        // context is: this test has a browser with a profile of its own, as a person's would be.
        var profile = Directory.CreateTempSubdirectory("passport-install-");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchPersistentContextAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            BaseURL = fixture.Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = BrowserFixture.DesktopWidth, Height = 900 },
        });
        await browser.WatchContentSecurityPolicyAsync();
        var page = browser.Pages.Count > 0 ? browser.Pages[0] : await browser.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.CheckAsync("#persona-carer");
        await page.ClickAsync("button:has-text('Sign in')");
        await page.WaitForURLAsync("**/passports");
        await WorkerControlsAsync(page);

        var href = await page.GetAttributeAsync("link[rel=manifest]", "href");
        using var response = await fixture.Http.GetAsync(new Uri(href!, UriKind.Relative));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/manifest+json");
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = manifest.RootElement;
        root.GetProperty("name").GetString().ShouldBe("Children's Passport");
        root.GetProperty("short_name").GetString().ShouldBe("Passport");
        root.GetProperty("display").GetString().ShouldBe("standalone");
        root.GetProperty("start_url").GetString().ShouldBe("/");
        var sizes = new List<int>();
        foreach (var icon in root.GetProperty("icons").EnumerateArray())
        {
            var png = await fixture.Http.GetByteArrayAsync(new Uri(new Uri(fixture.Host.BaseAddress, href), icon.GetProperty("src").GetString()));
            var (width, height) = PngSize(png);
            icon.GetProperty("sizes").GetString().ShouldBe($"{width}x{height}");
            sizes.Add(width);
        }

        sizes.ShouldContain(192);
        sizes.ShouldContain(512);

        // Chromium's own verdict: the manifest parses cleanly and nothing stops installing the app.
        var cdp = await browser.NewCDPSessionAsync(page);
        var parsed = (await cdp.SendAsync("Page.getAppManifest"))!.Value;
        parsed.GetProperty("errors").GetArrayLength().ShouldBe(0, parsed.GetProperty("errors").ToString());
        var installability = (await cdp.SendAsync("Page.getInstallabilityErrors"))!.Value.GetProperty("installabilityErrors");
        installability.GetArrayLength().ShouldBe(0, installability.ToString());

        await browser.CloseAsync();
        profile.Delete(recursive: true);
    }

    [Fact]
    public async Task A_family_that_keeps_their_passports_on_the_device_reads_them_with_the_network_cut_and_sees_when_they_were_last_updated()
    {
        var id = await FamilyPassportAsync("Tamsin", "Polglase");
        var family = await fixture.SignInAsync("second-carer");
        await family.GotoAsync($"/passports/{id}");
        await WorkerControlsAsync(family);

        // Opening a passport keeps nothing until the family chooses to.
        (await CacheNamesAsync(family)).ShouldNotContain(OfflineCopies);

        // Off by default; turned on by the family's own action, with the risk explained.
        await family.ClickAsync("text=Read your passports offline");
        await family.WaitForSelectorAsync("#offline-setting[data-offline-state='off']");
        (await family.IsCheckedAsync("#keep-offline")).ShouldBeFalse();
        (await family.Locator(".nhsuk-warning-callout").InnerTextAsync()).ShouldContain("Anyone with this device can read them");
        await family.CheckAsync("#keep-offline");
        await family.ClickAsync("button:has-text('Save')");
        await family.WaitForSelectorAsync("#offline-setting[data-offline-state='on']");
        (await family.Locator($"[data-passport='/passports/{id}']").InnerTextAsync()).ShouldMatch(@"Kept on this device, last updated \d{1,2} \w+ \d{4} at ");
        (await family.Locator("#offline-status").InnerTextAsync()).ShouldStartWith("Saved.");
        await family.VerifyPageAsync("42-offline-opt-in");

        // Network cut: the passport's address shows the kept copy, saying so and when it was last updated.
        await family.Context.SetOfflineAsync(true);
        await family.GotoAsync($"/passports/{id}");
        (await family.Locator("h1").InnerTextAsync()).ShouldBe("Tamsin Polglase");
        (await family.Locator("#mustKnow").InnerTextAsync()).ShouldContain("I carry an adrenaline pen.");
        var banner = await family.Locator("#offline-copy").InnerTextAsync();
        UpdatedAt().IsMatch(banner).ShouldBeTrue(banner);
        await family.VerifyPageAsync("41-offline-passport");

        // Really offline: a page that was not kept says so, and the app's start lists the kept copy.
        await family.GotoAsync($"/passports/{id}/history");
        (await family.Locator("h1").InnerTextAsync()).ShouldBe("You are offline");
        await family.GotoAsync("/");
        // The page script fills the list from the cache after the page loads: wait for the entry.
        await family.Locator("#kept-passports :text('Tamsin Polglase')").First.WaitForAsync();

        // Turning it off removes the copies at once.
        await family.Context.SetOfflineAsync(false);
        await family.GotoAsync("/use-offline");
        await family.WaitForSelectorAsync("#offline-setting[data-offline-state='on']");
        (await family.IsCheckedAsync("#keep-offline")).ShouldBeTrue();
        await family.UncheckAsync("#keep-offline");
        await family.ClickAsync("button:has-text('Save')");
        await family.WaitForSelectorAsync("#offline-setting[data-offline-state='off']");
        (await CacheNamesAsync(family)).ShouldNotContain(OfflineCopies);
        await ShowsNothingOfTheChildOfflineAsync(family, id, "Tamsin");
    }

    [Fact]
    public async Task Signing_out_wipes_the_kept_copies_and_tells_the_browser_to_clear_the_sites_storage()
    {
        var id = await FamilyPassportAsync("Lowenna", "Trewin");
        var family = await fixture.SignInAsync("second-carer");
        await KeepOfflineAsync(family, id);

        var signOut = await family.RunAndWaitForResponseAsync(
            () => family.ClickAsync("button:has-text('Sign out')"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/sign-out", StringComparison.Ordinal));
        (await signOut.HeaderValueAsync("clear-site-data")).ShouldBe("\"cache\", \"storage\"");
        await family.WaitForURLAsync("**/sign-in");
        await WorkerControlsAsync(family);
        (await CacheNamesAsync(family)).ShouldNotContain(OfflineCopies);
        await ShowsNothingOfTheChildOfflineAsync(family, id, "Lowenna");
    }

    [Fact]
    public async Task Signing_out_with_the_network_cut_still_wipes_the_kept_copies()
    {
        var id = await FamilyPassportAsync("Kerensa", "Hocking");
        var family = await fixture.SignInAsync("second-carer");
        await KeepOfflineAsync(family, id);

        // The sign-out cannot reach the server, so the page wipes the copies before it tries.
        await family.Context.SetOfflineAsync(true);
        var signOutFailed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        family.RequestFailed += (_, r) =>
        {
            if (r.Method == "POST" && r.Url.EndsWith("/sign-out", StringComparison.Ordinal))
            {
                signOutFailed.TrySetResult();
            }
        };
        await family.ClickAsync("button:has-text('Sign out')");
        await signOutFailed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var again = await family.Context.NewPageAsync();
        await again.GotoAsync($"/passports/{id}");
        (await again.Locator("h1").InnerTextAsync()).ShouldBe("You are offline");
        (await again.ContentAsync()).ShouldNotContain("Kerensa");
        (await CacheNamesAsync(again)).ShouldNotContain(OfflineCopies);
    }

    [Fact]
    public async Task When_someone_else_signs_in_on_the_device_the_copies_kept_for_the_family_are_wiped()
    {
        var id = await FamilyPassportAsync("Demelza", "Rowe");
        var family = await fixture.SignInAsync("second-carer");
        await KeepOfflineAsync(family, id);

        // No sign-out (say the session ran out): another person signs in on the same browser.
        await family.GotoAsync("/sign-in");
        await family.CheckAsync("#persona-carer");
        await family.ClickAsync("button:has-text('Sign in')");
        await family.WaitForURLAsync("**/passports");
        (await CacheNamesAsync(family)).ShouldNotContain(OfflineCopies);
        await ShowsNothingOfTheChildOfflineAsync(family, id, "Demelza");
    }

    [Fact]
    public async Task Without_choosing_to_keep_them_the_family_sees_the_offline_page_and_nothing_of_the_child()
    {
        var id = await fixture.NewPassportAsync("Morvoren", "Angove");
        var carer = await fixture.SignInAsync("carer");
        var opened = await carer.GotoAsync($"/passports/{id}");
        (await opened!.HeaderValueAsync("cache-control"))!.ShouldContain("no-store");
        (await carer.Locator("h1").InnerTextAsync()).ShouldBe("Morvoren Angove");
        await WorkerControlsAsync(carer);

        await carer.Context.SetOfflineAsync(true);
        await carer.ReloadAsync();
        (await carer.Locator("h1").InnerTextAsync()).ShouldBe("You are offline");
        (await carer.ContentAsync()).ShouldNotContain("Morvoren");
        (await carer.Locator("#kept-passports").IsHiddenAsync()).ShouldBeTrue();
        (await CacheNamesAsync(carer)).ShouldBe(new[] { "passport-shell-v1" });
    }

    [Fact]
    public async Task A_professional_is_never_offered_offline_copies_and_nothing_of_the_child_is_kept_for_them()
    {
        var id = await fixture.NewPassportAsync("Jowan", "Pascoe");
        await fixture.RelateAsync(id, "health");
        var clinician = await fixture.SignInAsync("health");
        var opened = await clinician.GotoAsync($"/passports/{id}");
        (await clinician.Locator("h1").InnerTextAsync()).ShouldBe("Jowan Pascoe");
        (await clinician.Locator("text=Read your passports offline").CountAsync()).ShouldBe(0);
        (await opened!.HeaderValueAsync("x-passport-offline")).ShouldBeNull();
        (await clinician.Context.APIRequest.GetAsync("/use-offline")).Status.ShouldBe(404);

        // Even on a device where copies were turned on for this very person, the server never marks
        // a professional's page as one to keep, so the worker keeps nothing.
        await WorkerControlsAsync(clinician);
        var viewer = await opened.HeaderValueAsync("x-passport-viewer");
        viewer.ShouldNotBeNullOrEmpty();
        await clinician.EvaluateAsync(
            "owner => caches.open('passport-offline-copies').then(c => c.put('/offline-copies/settings', new Response(JSON.stringify({ owner }))))",
            viewer);
        await clinician.GotoAsync($"/passports/{id}");
        (await clinician.Locator("h1").InnerTextAsync()).ShouldBe("Jowan Pascoe");
        (await KeptPathsAsync(clinician)).ShouldBe(new[] { "/offline-copies/settings" });

        await clinician.Context.SetOfflineAsync(true);
        await clinician.ReloadAsync();
        (await clinician.Locator("h1").InnerTextAsync()).ShouldBe("You are offline");
        (await clinician.ContentAsync()).ShouldNotContain("Jowan");
    }

    /// <summary>Set-up: a passport the second demo carer created, with something they must tell anyone.</summary>
    private async Task<string> FamilyPassportAsync(string given, string family)
    {
        var id = (await fixture.GraphQLAsync("second-carer", "mutation($g: String!, $f: String!) { createPassport(input: { givenName: $g, familyName: $f, dateOfBirth: \"2018-02-14\", localAuthority: \"E06000052\" }) { id version } }", new { g = given, f = family }))["createPassport"]!;
        await fixture.GraphQLAsync("second-carer", "mutation($id: ID!, $v: Int!) { updateAboutMe(passportId: $id, expectedVersion: $v, input: { mustKnow: \"I carry an adrenaline pen.\" }) { id } }", new { id = id["id"]!.ToString(), v = id["version"]!.GetValue<int>() });
        return id["id"]!.ToString();
    }

    /// <summary>The family turns on offline copies on /use-offline and waits until their passport is kept.</summary>
    private static async Task KeepOfflineAsync(IPage family, string id)
    {
        await family.GotoAsync("/use-offline");
        await family.WaitForSelectorAsync("#offline-setting[data-offline-state='off']");
        await family.CheckAsync("#keep-offline");
        await family.ClickAsync("button:has-text('Save')");
        await family.WaitForSelectorAsync("#offline-setting[data-offline-state='on']");
        (await KeptPathsAsync(family)).ShouldContain($"/passports/{id}");
    }

    /// <summary>With the network cut, the passport's address shows the offline page and nothing of the child; then back online.</summary>
    private static async Task ShowsNothingOfTheChildOfflineAsync(IPage page, string id, string childName)
    {
        await page.Context.SetOfflineAsync(true);
        await page.GotoAsync($"/passports/{id}");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("You are offline");
        (await page.ContentAsync()).ShouldNotContain(childName);
        await page.Context.SetOfflineAsync(false);
    }

    /// <summary>Waits, without sleeping, until the service worker is activated and controls the page (its app shell is then kept).</summary>
    private static async Task WorkerControlsAsync(IPage page) => await page.EvaluateAsync(
        """
        async () => {
          const registration = await navigator.serviceWorker.ready;
          const worker = registration.active;
          if (worker.state !== 'activated') {
            await new Promise(resolve => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
          }
          if (!navigator.serviceWorker.controller) {
            await new Promise(resolve => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
          }
        }
        """).WaitAsync(TimeSpan.FromSeconds(30));

    private static Task<string[]> CacheNamesAsync(IPage page) => page.EvaluateAsync<string[]>("() => caches.keys()");

    /// <summary>The paths kept in the offline copies cache (without creating it).</summary>
    private static Task<string[]> KeptPathsAsync(IPage page) => page.EvaluateAsync<string[]>(
        "async () => (await caches.has('passport-offline-copies')) ? (await (await caches.open('passport-offline-copies')).keys()).map(r => new URL(r.url).pathname) : []");

    private static (int Width, int Height) PngSize(byte[] png)
    {
        png.AsSpan(1, 3).ToArray().ShouldBe("PNG"u8.ToArray());
        return (BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [GeneratedRegex(@"^[\s\S]*Offline copy, last updated \d{1,2} (January|February|March|April|May|June|July|August|September|October|November|December) \d{4} at (midday|midnight|\d{1,2}(:\d{2})?(am|pm))\.")]
    private static partial Regex UpdatedAt();
}
