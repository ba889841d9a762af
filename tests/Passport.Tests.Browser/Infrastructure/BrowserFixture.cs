using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Passport.LocalPostgres;

namespace Passport.Tests.Browser.Infrastructure;

/// <summary>
/// Once per run: a throwaway PostgreSQL cluster, the real host in Development (so the persona
/// picker exists) with a throwaway data folder (so the development key is throwaway), and
/// Debian's Chromium driven by Playwright.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const int MobileWidth = 320;

    /// <summary>A desktop browser's width, for the pages' wide layout.</summary>
    public const int DesktopWidth = 1280;

    private readonly string _folder = TestPaths.NewTempFolder("browser");
    private IPlaywright? _playwright;

    public LocalPostgresCluster Postgres { get; private set; } = null!;
    public HostProcess Host { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The host's plugins folder (each module with its manifest and words files).</summary>
    public string PluginsFolder { get; private set; } = null!;

    public static string ScreenshotFolder => Path.Combine(TestPaths.RepoRoot, "docs", "screenshots");

    public async Task InitializeAsync()
    {
        Postgres = await LocalPostgresCluster.StartAsync(Path.Combine(_folder, "pg"), "passport", keepData: false, durable: false);
        var data = Path.Combine(_folder, "data");
        Directory.CreateDirectory(data);
        Host = await HostProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["DOTNET_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Passport"] = Postgres.ConnectionString,
            ["Passport__DataFolder"] = data,
            ["Passport__SeedDemoData"] = "false",
            ["Passport__PluginsPath"] = PluginsFolder = PluginsWithShortBreaks(Path.Combine(_folder, "plugins")),
        });
        Http = new HttpClient { BaseAddress = Host.BaseAddress };
        _playwright = await Playwright.CreateAsync();
        Browser = await LaunchChromiumAsync(_playwright);
    }

    /// <summary>
    /// A plugins folder holding the sector modules and the Short Breaks plugin (an extra module a
    /// local authority switches on or off), copied as a region deploys it.
    /// </summary>
    private static string PluginsWithShortBreaks(string folder)
    {
        var shortBreaks = typeof(BrowserFixture).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ShortBreaksPlugin").Value!;
        foreach (var (source, name) in Directory.GetDirectories(TestPaths.PluginsPath).Select(d => (d, Path.GetFileName(d)))
            .Append((shortBreaks, "Passport.Plugins.ShortBreaks")))
        {
            foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(folder, name, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }

        return folder;
    }

    /// <summary>Debian's Chromium, headless (installed by .ci/run).</summary>
    public static Task<IBrowser> LaunchChromiumAsync(IPlaywright playwright) => playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
    {
        ExecutablePath = "/usr/bin/chromium",
        Headless = true,
        Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    });

    /// <summary>A fresh browser context (its own cookies) at phone width (or <paramref name="width"/>), signed in as a demo persona (optionally with JavaScript off).</summary>
    public async Task<IPage> SignInAsync(string persona, bool javaScript = true, int width = MobileWidth)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = width == MobileWidth ? 720 : 900 },
            JavaScriptEnabled = javaScript,
        });
        // Pages answer in well under a second, but a busy 2-core machine running other suites can
        // hold one past Playwright's default 30 s: wait longer rather than fail on load.
        context.SetDefaultTimeout(90_000);
        context.SetDefaultNavigationTimeout(90_000);
        await context.WatchContentSecurityPolicyAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.CheckAsync($"#persona-{persona}");
        await page.ClickAsync("button:has-text('Sign in')");
        return page;
    }

    /// <summary>An API call (set-up steps) with a demo persona's token from the host's development token endpoint; fails on any error.</summary>
    public async Task<JsonNode> GraphQLAsync(string persona, string query, object? variables = null)
    {
        var json = await GraphQLResponseAsync(persona, query, variables);
        (json["errors"] as JsonArray ?? []).ShouldBeEmpty(json.ToJsonString());
        return json["data"]!;
    }

    /// <summary>Set-up: the demo carer creates a passport (Cornwall) through the API; returns its id.</summary>
    public async Task<string> NewPassportAsync(string given, string family, string dateOfBirth = "2016-05-04")
    {
        var created = await GraphQLAsync("carer", "mutation($g: String!, $f: String!, $d: Date!) { createPassport(input: { givenName: $g, familyName: $f, dateOfBirth: $d, localAuthority: \"E06000052\" }) { id } }", new { g = given, f = family, d = dateOfBirth });
        return created["createPassport"]!["id"]!.ToString();
    }

    /// <summary>Set-up: the demo carer gives the sector's demo professional a share code, which they redeem (joining the care team).</summary>
    public async Task RelateAsync(string id, string sector)
    {
        var code = (await GraphQLAsync("carer", "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id, s = sector }))["createShareCode"]!["code"]!.ToString();
        await GraphQLAsync(sector, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });
    }

    /// <summary>The whole GraphQL response (data and errors) for a demo persona.</summary>
    public async Task<JsonNode> GraphQLResponseAsync(string persona, string query, object? variables = null)
    {
        var token = await Http.GetStringAsync(new Uri($"/dev/token/{persona}", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Http.SendAsync(request);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
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

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
