using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>
/// A plugin that failed to load: its part of the passport says plainly that it is unavailable right
/// now, on the first screen and in its section (titled as its manifest names it), never that nothing
/// is recorded. A second host on the same database, whose Short Breaks folder holds its manifest but
/// no working assembly.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UnavailablePluginTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_section_whose_plugin_failed_to_load_says_it_is_unavailable_right_now()
    {
        var folder = TestPaths.NewTempFolder("broken-plugin");
        try
        {
            var plugins = Path.Combine(folder, "plugins");
            foreach (var file in Directory.GetFiles(TestPaths.PluginsPath, "*", SearchOption.AllDirectories))
            {
                var target = Path.Combine(plugins, Path.GetRelativePath(TestPaths.PluginsPath, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }

            var broken = Directory.CreateDirectory(Path.Combine(plugins, "Passport.Plugins.ShortBreaks")).FullName;
            await File.WriteAllTextAsync(Path.Combine(broken, "Passport.Plugins.ShortBreaks.dll"), "this is not an assembly");
            File.Copy(Path.Combine(TestPaths.RepoRoot, "plugins", "Passport.Plugins.ShortBreaks", "passport-plugin.json"), Path.Combine(broken, "passport-plugin.json"));
            Directory.CreateDirectory(Path.Combine(folder, "data"));
            await using var host = await HostProcess.StartAsync(new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Passport"] = fixture.Postgres.ConnectionString,
                ["Passport__DataFolder"] = Path.Combine(folder, "data"),
                ["Passport__SeedDemoData"] = "false",
                ["Passport__PluginsPath"] = plugins,
            });

            var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
            {
                BaseURL = host.BaseAddress.ToString(),
                ViewportSize = new ViewportSize { Width = BrowserFixture.MobileWidth, Height = 720 },
            });
            await context.WatchContentSecurityPolicyAsync();
            var carer = await context.NewPageAsync();
            // A host that has just started is slow on each page's first request (JIT), more so on a busy machine: every step gets longer than Playwright's 30 s.
            carer.SetDefaultTimeout(120_000);
            await carer.GotoAsync("/sign-in");
            await carer.CheckAsync("#persona-carer");
            await carer.ClickAsync("button:has-text('Sign in')");
            // A host that has just started compiles its pages on the first requests: allow it longer than Playwright's 30 s.
            await carer.WaitForURLAsync("**/passports", new() { Timeout = 120_000 });
            await carer.ClickAsync("text=Create a passport");
            await carer.FillNewPassportAsync("Tressa", "Bolitho", new DateOnly(2017, 4, 9));
            await carer.WaitForURLAsync("**/passports/*");

            (await carer.Locator(".passport-first-screen .nhsuk-warning-callout").InnerTextAsync()).ShouldContain("We cannot show Short breaks right now");
            var section = carer.Locator("section:has(h2#shortBreaks)");
            (await section.Locator("h2").InnerTextAsync()).ShouldBe("Short breaks");
            var said = await section.InnerTextAsync();
            said.ShouldContain("unavailable right now");
            said.ShouldNotContain("None recorded");
            said.ShouldNotContain("Not recorded yet");
            // The sections that did load are there as ever.
            (await carer.Locator("h2#health").CountAsync()).ShouldBe(1);
            await carer.VerifyPageAsync();
            await context.CloseAsync();
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
}
