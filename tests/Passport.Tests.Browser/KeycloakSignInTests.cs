using System.Text.RegularExpressions;
using Xunit.Abstractions;
using Microsoft.Playwright;
using Passport.LocalPostgres;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>
/// The real host configured as in production for identity (<c>Auth__Authority</c>, a web client id
/// and secret), so the pages sign people in with the OpenID Connect code flow, here against the
/// stand-in Keycloak (see <see cref="StandInKeycloak"/> for why a stand-in).
/// </summary>
public sealed class KeycloakSignInFixture : IAsyncLifetime
{
    private readonly string _folder = TestPaths.NewTempFolder("oidc");
    private IPlaywright? _playwright;

    /// <summary>How often the host confirms a web session with the stand-in.</summary>
    public static readonly TimeSpan RevalidationWindow = TimeSpan.FromSeconds(3);

    public StandInKeycloak Keycloak { get; private set; } = null!;
    public LocalPostgresCluster Postgres { get; private set; } = null!;
    public HostProcess Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Keycloak = await StandInKeycloak.StartAsync(Path.Combine(TestPaths.RepoRoot, "deploy", "keycloak", "passport-realm.json"));
        Postgres = await LocalPostgresCluster.StartAsync(Path.Combine(_folder, "pg"), "passport", keepData: false, durable: false);
        Host = await HostProcess.StartAsync(new Dictionary<string, string?>
        {
            // Development only so the stand-in may be plain HTTP; no persona picker, as Auth is set.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Passport"] = Postgres.ConnectionString,
            ["Passport__DataFolder"] = Path.Combine(_folder, "data"),
            ["Passport__SeedDemoData"] = "false",
            ["Passport__PluginsPath"] = TestPaths.PluginsPath,
            ["Auth__Authority"] = Keycloak.Authority,
            ["Auth__WebClientId"] = StandInKeycloak.ClientId,
            ["Auth__WebClientSecret"] = StandInKeycloak.ClientSecret,

            // Short, so a withdrawn role is seen within a test rather than within 5 minutes.
            ["Auth__WebSessionRevalidation"] = RevalidationWindow.ToString(),
        });
        _playwright = await Playwright.CreateAsync();
        Browser = await BrowserFixture.LaunchChromiumAsync(_playwright);
    }

    /// <summary>A fresh browser (its own cookies) at phone width, signed in to nothing.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = BrowserFixture.MobileWidth, Height = 720 },
        });
        // This host is started for this class: each page's first request compiles its Razor view,
        // which takes longer than Playwright's default 30 s on a busy 2-core machine.
        context.SetDefaultTimeout(120_000);
        context.SetDefaultNavigationTimeout(120_000);
        await context.WatchContentSecurityPolicyAsync();
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        if (Keycloak is not null)
        {
            await Keycloak.DisposeAsync();
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The cluster may still be letting go of its files.
        }
    }
}

public sealed class KeycloakSignInTests(KeycloakSignInFixture fixture, ITestOutputHelper output) : IClassFixture<KeycloakSignInFixture>
{
    [Fact]
    public async Task People_sign_in_with_keycloak_and_every_page_acts_as_them_with_their_roles_sector_and_organisation()
    {
        // A carer: the service's sign-in page, then Keycloak's, then back signed in.
        var carer = await fixture.NewPageAsync();
        await carer.GotoAsync("/passports");
        await carer.WaitForURLAsync("**/sign-in?*");
        (await carer.Locator("input[name=persona]").CountAsync()).ShouldBe(0, "no persona picker where a real identity provider is configured");
        await carer.VerifyPageAsync();
        await SignInAsync(carer, "carer.demo", "not-the-password");
        (await carer.Locator("#input-error").InnerTextAsync()).ShouldContain("Invalid username or password");
        await carer.FillAsync("#username", "carer.demo");
        await carer.FillAsync("#password", "demo");
        await carer.ClickAsync("#kc-login");
        await carer.WaitForURLAsync("**/passports");
        (await carer.Locator("h1").InnerTextAsync()).ShouldBe("My children's passports");
        (await carer.Locator("header").InnerTextAsync()).ShouldContain("Alex Morgan");

        // The carer's role came from realm_access in the access token: they can create a passport.
        await carer.ClickAsync("text=Create a passport");
        await carer.FillNewPassportAsync("Tamsin", "Kitto", new DateOnly(2018, 6, 12));
        await carer.WaitForURLAsync("**/passports/*");
        (await carer.Locator("h1").InnerTextAsync()).ShouldBe("Tamsin Kitto");
        var passportUrl = carer.Url;
        await carer.ClickAsync("text=Share with a professional");
        await carer.CheckAsync("#sector-education");
        await carer.ClickAsync("button:has-text('Create share code')");
        var code = (await carer.Locator("#share-code").InnerTextAsync()).Trim();

        // A teacher: professional role, education sector and organisation come from Keycloak's claims.
        var school = await fixture.NewPageAsync();
        await school.GotoAsync("/");
        await SignInAsync(school, "education.demo", "demo");
        await school.WaitForURLAsync("**/share-code");
        await school.FillAsync("#code", code);
        await school.ClickAsync("button:has-text('Open passport')");
        await school.WaitForURLAsync("**/passports/*");
        (await school.Locator("h1").InnerTextAsync()).ShouldBe("Tamsin Kitto");
        var legal = school.Locator("h3:has-text('Legal status') + .nhsuk-inset-text");
        (await legal.InnerTextAsync()).ShouldContain("Not shared with your sector");

        // The carer sees that read in the access log, under the teacher's name and organisation.
        await carer.GotoAsync(passportUrl + "/access-log");
        var log = await carer.ContentAsync();
        log.ShouldContain("Laura Hughes");
        log.ShouldContain("Truro Primary School");

        // Signing out ends the Keycloak session too (with the ID token as the hint), then the service's.
        var before = fixture.Keycloak.SignOuts.Count;
        await carer.ClickAsync("button:has-text('Sign out')");
        await carer.WaitForURLAsync("**/sign-in");
        fixture.Keycloak.SignOuts.Count.ShouldBe(before + 1);
        fixture.Keycloak.SignOuts.Last().ShouldNotBeNullOrEmpty();
        await carer.GotoAsync(passportUrl);
        carer.Url.ShouldContain("/sign-in");
    }

    [Fact]
    public async Task An_access_token_not_issued_for_the_passport_api_signs_nobody_in()
    {
        fixture.Keycloak.AccessTokenAudience = ["account"];
        try
        {
            var page = await fixture.NewPageAsync();
            await page.GotoAsync("/sign-in");
            await SignInAsync(page, "health.demo", "demo");
            await page.WaitForURLAsync("**/sign-in?failed=true");
            (await page.Locator(".nhsuk-error-summary").InnerTextAsync()).ShouldContain("We could not sign you in");
            await page.VerifyPageAsync();
            await page.GotoAsync("/share-code");
            page.Url.ShouldContain("/sign-in");
        }
        finally
        {
            fixture.Keycloak.AccessTokenAudience = ["passport-api", "account"];
        }
    }

    [Fact]
    public async Task A_role_withdrawn_at_keycloak_stops_working_within_the_revalidation_window()
    {
        // A carer shares a passport with social care; the social worker opens it.
        var carer = await fixture.NewPageAsync();
        await carer.GotoAsync("/passports/new");
        await SignInAsync(carer, "carer.demo", "demo");
        // Back from Keycloak: wait for the form itself rather than the page's load event, which once
        // never came for this first page on a busy machine.
        await carer.WaitForURLAsync("**/passports/new", new() { WaitUntil = WaitUntilState.Commit });
        await carer.Locator("#givenName").WaitForAsync();
        await carer.FillNewPassportAsync("Morwenna", "Trevail", new DateOnly(2015, 2, 3));
        await carer.WaitForURLAsync(new Regex("/passports/[0-9a-f-]{36}$")); // the new passport, not /passports/new
        var passport = new Uri(carer.Url).AbsolutePath;
        await carer.ClickAsync("text=Share with a professional");
        await carer.CheckAsync("#sector-social-care");
        await carer.ClickAsync("button:has-text('Create share code')");
        var code = (await carer.Locator("#share-code").InnerTextAsync()).Trim();

        var social = await fixture.NewPageAsync();
        await social.GotoAsync("/share-code");
        await SignInAsync(social, "social-care.demo", "demo");
        await social.WaitForURLAsync("**/share-code");
        await social.FillAsync("#code", code);
        await social.ClickAsync("button:has-text('Open passport')");
        await social.WaitForURLAsync("**" + passport);
        (await social.Locator("h1").InnerTextAsync()).ShouldBe("Morwenna Trevail");

        // An administrator takes the professional role away in Keycloak. Within the window the
        // session is confirmed again, takes the token's roles afresh, and the passport is gone.
        var renewals = fixture.Keycloak.Renewals;
        fixture.Keycloak.WithdrawRole("social-care.demo", "professional");
        try
        {
            var withdrawn = DateTime.UtcNow;
            await WaitUntilAsync(social, passport, async () => !(await social.ContentAsync()).Contains("Morwenna", StringComparison.Ordinal));
            fixture.Keycloak.Renewals.ShouldBeGreaterThan(renewals, "the session was confirmed with Keycloak");
            output.WriteLine($"Role withdrawn at Keycloak: the passport was gone from the session after {(DateTime.UtcNow - withdrawn).TotalSeconds:0.0} s (window {KeycloakSignInFixture.RevalidationWindow.TotalSeconds} s).");
            await social.VerifyPageAsync();
        }
        finally
        {
            fixture.Keycloak.RestoreRoles("social-care.demo");
        }
    }

    [Fact]
    public async Task A_session_ended_at_keycloak_is_signed_out_within_the_revalidation_window()
    {
        var leisure = await fixture.NewPageAsync();
        await leisure.GotoAsync("/share-code");
        await SignInAsync(leisure, "leisure.demo", "demo");
        await leisure.WaitForURLAsync("**/share-code");

        // Keycloak ends the session (an administrator signs the person out, or disables them): the
        // refresh token is refused at the next confirmation, and the web session ends with it.
        fixture.Keycloak.EndSessionsOf("leisure.demo");
        await WaitUntilAsync(leisure, "/share-code", () => Task.FromResult(new Uri(leisure.Url).AbsolutePath == "/sign-in"));
        await leisure.VerifyPageAsync();
    }

    [Fact]
    public async Task A_back_channel_logout_from_keycloak_ends_the_session_at_once_and_a_forged_one_is_refused()
    {
        var admin = await fixture.NewPageAsync();
        await admin.GotoAsync("/modules");
        await SignInAsync(admin, "la-admin.demo", "demo");
        await admin.WaitForURLAsync("**/modules");
        var endpoint = new Uri(fixture.Host.BaseAddress, "/backchannel-logout");

        // A logout token signed with any key but the realm's is refused, and the session goes on.
        using var forger = System.Security.Cryptography.RSA.Create(2048);
        (await fixture.Keycloak.SendBackChannelLogoutAsync(endpoint, "la-admin.demo", new Microsoft.IdentityModel.Tokens.RsaSecurityKey(forger) { KeyId = "forged" }))
            .ShouldBe(System.Net.HttpStatusCode.BadRequest);
        await admin.GotoAsync("/modules");
        new Uri(admin.Url).AbsolutePath.ShouldBe("/modules");

        // Keycloak's own logout token for that session ends it on the next request. (Keycloak would
        // also refuse the session's refresh token; the stand-in goes on renewing it here, so only
        // the logout token can have ended the session.)
        (await fixture.Keycloak.SendBackChannelLogoutAsync(endpoint, "la-admin.demo")).ShouldBe(System.Net.HttpStatusCode.OK);
        await admin.GotoAsync("/modules");
        new Uri(admin.Url).AbsolutePath.ShouldBe("/sign-in");
    }

    /// <summary>Opens <paramref name="path"/> until <paramref name="condition"/> holds; fails after 90 s (the window is 3 s, but the machine may be busy).</summary>
    private static async Task WaitUntilAsync(IPage page, string path, Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await page.GotoAsync(path);
            if (await condition())
            {
                return;
            }

            DateTime.UtcNow.ShouldBeLessThan(deadline, $"{path} still answered as before 90 s after the change at Keycloak");
            await page.WaitForTimeoutAsync(250); // between polls only, to spare the host
        }
    }

    private static async Task SignInAsync(IPage page, string username, string password)
    {
        if (page.Url.Contains("/sign-in", StringComparison.Ordinal))
        {
            await page.ClickAsync("button:has-text('Continue to sign in')");
        }

        // Wait for Keycloak's form, not the page's load event, which on a busy machine did not come
        // within two minutes for a page already drawn (its network idle).
        await page.WaitForURLAsync("**/realms/passport/**", new() { WaitUntil = WaitUntilState.Commit });
        await page.FillAsync("#username", username);
        await page.FillAsync("#password", password);
        await page.ClickAsync("#kc-login");
    }
}
