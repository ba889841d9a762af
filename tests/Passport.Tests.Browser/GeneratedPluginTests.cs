using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>
/// A plugin is whole: generated from the template (one kind of item with its form), built against
/// the SDK package, dropped into a plugins folder and switched on for one authority, it records
/// through its own form in the web app and shows on the family's passport page, with no change to
/// the host or the web app. A second host on the fixture's database, with the generated plugin.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class GeneratedPluginTests(BrowserFixture fixture)
{
    private const string Cornwall = "E06000052";

    [Fact]
    public async Task A_plugin_generated_from_the_template_records_through_its_own_form_and_shows_on_the_familys_page()
    {
        var folder = TestPaths.NewTempFolder("generated-plugin");
        try
        {
            var plugins = await PluginsWithGeneratedPortageAsync(folder);
            var policy = await PolicyWithPortageAsync(folder);
            Directory.CreateDirectory(Path.Combine(folder, "data"));
            await using var host = await HostProcess.StartAsync(new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Passport"] = fixture.Postgres.ConnectionString,
                ["Passport__DataFolder"] = Path.Combine(folder, "data"),
                ["Passport__SeedDemoData"] = "false",
                ["Passport__PluginsPath"] = plugins,
                ["Passport__PolicyFile"] = policy,
            });
            host.Output.ShouldContain("Loaded module portage (social-care)");
            using var http = new HttpClient { BaseAddress = host.BaseAddress };

            // The carer's passport in Cornwall, shared with Cornwall's social care by share code.
            var id = (await GraphQLAsync(http, "carer", "mutation { createPassport(input: { givenName: \"Lowen\", familyName: \"Pascoe\", dateOfBirth: \"2019-02-11\", localAuthority: \"" + Cornwall + "\" }) { id } }"))["createPassport"]!["id"]!.ToString();
            var code = (await GraphQLAsync(http, "carer", "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"social-care\") { code } }", new { id }))["createShareCode"]!["code"]!.ToString();
            await GraphQLAsync(http, "social-care", "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });

            // Off until the authority switches it on: the section is absent.
            var carer = await SignInAsync(host, "carer");
            await carer.GotoAsync($"/passports/{id}");
            (await carer.Locator("h2#portage").CountAsync()).ShouldBe(0, "an extra module is off until the local authority switches it on");

            // Cornwall's administrator switches it on in the web app.
            var admin = await SignInAsync(host, "la-admin");
            await admin.GotoAsync("/modules");
            await admin.GetByRole(AriaRole.Button, new() { Name = "Switch on portage" }).ClickAsync();
            (await admin.Locator("[role=status]").InnerTextAsync()).ShouldContain("portage is now on");

            // The social worker records a note through the plugin's own form.
            var worker = await SignInAsync(host, "social-care");
            await worker.GotoAsync($"/passports/{id}");
            await worker.ClickAsync("#portage a:has-text('Add a note'), section:has(h2#portage) a:has-text('Add a note')");
            await worker.ClickAsync("button:has-text('Save note')");
            (await worker.Locator(".nhsuk-error-summary").InnerTextAsync()).ShouldContain("What is the note about");
            await worker.FillAsync("#summary", "Weekly Portage home visits on Tuesdays");
            await worker.FillAsync("#details", "Works on turn-taking with picture cards.");
            await worker.ClickAsync("button:has-text('Save note')");
            await worker.WaitForURLAsync($"**/passports/{id}**");

            // The family sees it on their passport page, in the plugin's section, as verified by social care.
            await carer.GotoAsync($"/passports/{id}");
            var section = carer.Locator("section:has(h2#portage)");
            (await section.Locator("h2").InnerTextAsync()).ShouldBe("Portage");
            var shown = await section.InnerTextAsync();
            shown.ShouldContain("Weekly Portage home visits on Tuesdays");
            shown.ShouldContain("Tom Evans");
            await carer.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "36-generated-plugin-on-the-family-page.png"), FullPage = true });
            await Task.WhenAll(new[] { carer, admin, worker }.Select(page => page.Context.CloseAsync()));
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // The host may still be letting go of its files.
            }
        }
    }

    /// <summary>The required modules and a plugin generated from the template with the guide's commands, built against the SDK package.</summary>
    private static async Task<string> PluginsWithGeneratedPortageAsync(string folder)
    {
        var plugins = Path.Combine(folder, "plugins");
        foreach (var file in Directory.GetFiles(TestPaths.PluginsPath, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(plugins, Path.GetRelativePath(TestPaths.PluginsPath, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        var hive = Path.Combine(folder, "hive");
        var source = Path.Combine(folder, "src", "Passport.Plugins.Portage");
        var feed = Path.Combine(TestPaths.RepoRoot, "artifacts", "sdk-feed");
        var version = (await File.ReadAllTextAsync(Path.Combine(feed, "Passport.Sdk.version"))).Trim();
        await DotnetAsync(folder, "new", "install", Path.Combine(TestPaths.RepoRoot, "templates", "passport-plugin"), "--debug:custom-hive", hive);
        await DotnetAsync(folder, "new", "passport-plugin", "--debug:custom-hive", hive, "-n", "Passport.Plugins.Portage", "-o", source,
            "--module-name", "portage", "--sector", "social-care", "--group", "portage.visits", "--section", "portage", "--sdk-feed", feed, "--sdk-version", version);
        await DotnetAsync(folder, "build", Path.Combine(source, "Passport.Plugins.Portage.csproj"), "-c", "Release", "-o", Path.Combine(plugins, "Passport.Plugins.Portage"));
        return plugins;
    }

    /// <summary>The region's policy with the plugin's group: social care always, health by default, nobody else.</summary>
    private static async Task<string> PolicyWithPortageAsync(string folder)
    {
        var shipped = Path.Combine(Path.GetDirectoryName(TestPaths.HostAssembly)!, "policy", "region-policy.json");
        var text = await File.ReadAllTextAsync(shipped);
        var groups = text.IndexOf("\"groups\"", StringComparison.Ordinal);
        var open = text.IndexOf('{', groups) + 1;
        text = text.Insert(open, "\n    \"portage.visits\": { \"health\": \"default\", \"social-care\": \"always\", \"education\": \"never\", \"leisure\": \"never\" },");
        var policy = Path.Combine(folder, "region-policy.json");
        await File.WriteAllTextAsync(policy, text);
        return policy;
    }

    /// <summary>Each persona in a browser context of their own (their own cookie session).</summary>
    private async Task<IPage> SignInAsync(HostProcess host, string persona)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = host.BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = 1024, Height = 900 },
        });
        await context.WatchContentSecurityPolicyAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/sign-in");
        await page.CheckAsync($"#persona-{persona}");
        await page.ClickAsync("button:has-text('Sign in')");
        // A host that has just started compiles its pages on the first requests: allow it longer than Playwright's 30 s.
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal), new() { Timeout = 120_000 });
        return page;
    }

    private static async Task<JsonNode> GraphQLAsync(HttpClient http, string persona, string query, object? variables = null)
    {
        var token = await http.GetStringAsync(new Uri($"/dev/token/{persona}", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        (json["errors"] as JsonArray ?? []).ShouldBeEmpty(json.ToJsonString());
        return json["data"]!;
    }

    private static async Task DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        process.ExitCode.ShouldBe(0, $"dotnet {string.Join(' ', arguments)}\n{await output}\n{await error}");
    }
}
