using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Passport.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace Passport.Tests.Integration;

/// <summary>
/// docs/plugin-guide.md, followed as written: every <c>bash guide</c> block runs in order (install
/// the template, generate the youth justice plugin, run its own tests, build and deploy it, write
/// the policy, print the schema), then a host starts on what the guide made.
/// </summary>
[Collection(PassportCollection.Name)]
public partial class PluginTemplateTests(PassportFixture fixture, ITestOutputHelper output)
{
    private const string Cornwall = "E06000052";

    [Fact]
    public async Task Following_the_plugin_guide_adds_a_youth_justice_sector_that_the_host_serves()
    {
        var work = TestPaths.NewTempFolder("guide");
        try
        {
            var blocks = GuideBlocks();
            blocks.Count.ShouldBeGreaterThanOrEqualTo(6, "docs/plugin-guide.md should walk through install, generate, test, build, policy and schema in `bash guide` blocks");
            for (var i = 0; i < blocks.Count; i++)
            {
                await RunGuideBlockAsync(work, i + 1, blocks[i]);
            }

            var schema = await File.ReadAllTextAsync(Path.Combine(work, "schema.graphql"));
            schema.ShouldContain("youthJustice: YouthJustice");
            schema.ShouldContain("notes: [YouthJusticeNote!]");
            schema.ShouldContain("recordYouthJusticeNote(passportId: ID!, input: YouthJusticeNoteInput!): Passport!");
            schema.ShouldContain("amendYouthJusticeNote(passportId: ID!, itemId: ID!, input: YouthJusticeNoteInput!): Passport!");
            schema.ShouldContain("endYouthJusticeNote(passportId: ID!, itemId: ID!): Passport!");

            var environment = fixture.HostEnvironment(await fixture.NewDatabaseAsync());
            environment["Passport__PluginsPath"] = Path.Combine(work, "plugins");
            environment["Passport__PolicyFile"] = Path.Combine(work, "policy", "region-policy.json");
            await using var host = await HostProcess.StartAsync(environment);
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            using var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            ready.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy", host.Output);
            host.Output.ShouldContain("Loaded module youth-justice (youth-justice)");
            host.Output.ShouldNotContain("Field group youthJustice.plan has no entry in the policy file");

            if (!schema.Contains("setModuleEnabled(", StringComparison.Ordinal))
            {
                output.WriteLine("The host has no setModuleEnabled mutation yet: checked the schema and readiness only.");
                return;
            }

            await A_note_is_recorded_read_and_verified_once_Cornwall_enables_the_module(http);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>
    /// The module is off until Cornwall's administrator switches it on; then a carer's note is read
    /// back as reported, and a youth-justice professional, who sees the group because of the
    /// guide's policy entry, verifies it.
    /// </summary>
    private async Task A_note_is_recorded_read_and_verified_once_Cornwall_enables_the_module(HttpClient http)
    {
        var carer = fixture.Token(Persona.Carer("Sam Tremayne"));
        var id = (await PassportFixture.GraphQLAsync(http, carer, "mutation($input: CreatePassportInput!) { createPassport(input: $input) { id } }", new
        {
            input = new { givenName = "Kit", familyName = "Tremayne", dateOfBirth = "2011-02-03", localAuthority = Cornwall },
        })).Ok()["createPassport"]!["id"]!.GetValue<string>();
        const string record = "mutation($id: ID!, $input: YouthJusticeNoteInput!) { recordYouthJusticeNote(passportId: $id, input: $input) { id } }";
        const string read = "query($id: ID!) { passport(id: $id) { youthJustice { notes { id summary verified recordedBy { displayName role } verifiedBy { sector } } } } }";
        var note = new { id, input = new { summary = "Weekly appointments with the youth offending team" } };

        (await PassportFixture.GraphQLAsync(http, carer, record, note)).ErrorCodes.ShouldContain("MODULE_NOT_ENABLED", "an extra module is off until the local authority switches it on");

        var admin = fixture.Token(Persona.LocalAuthorityAdmin(Cornwall));
        (await PassportFixture.GraphQLAsync(http, admin, $$"""mutation { setModuleEnabled(localAuthority: "{{Cornwall}}", module: "youth-justice", enabled: true) { name enabled } }"""))
            .Ok()["setModuleEnabled"]!["enabled"]!.GetValue<bool>().ShouldBeTrue();
        (await PassportFixture.GraphQLAsync(http, carer, record, note)).Ok();

        var reported = (await PassportFixture.GraphQLAsync(http, carer, read, new { id })).Ok()["passport"]!["youthJustice"]!["notes"]!.AsArray().ShouldHaveSingleItem()!;
        reported["summary"]!.GetValue<string>().ShouldBe("Weekly appointments with the youth offending team");
        reported["verified"]!.GetValue<bool>().ShouldBeFalse();
        reported["recordedBy"]!["displayName"]!.GetValue<string>().ShouldBe("Sam Tremayne");

        var worker = fixture.Token(Persona.Professional("youth-justice", "Cornwall Youth Offending Team"));
        var code = (await PassportFixture.GraphQLAsync(http, carer, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"youth-justice\") { code } }", new { id }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();
        (await PassportFixture.GraphQLAsync(http, worker, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();
        (await PassportFixture.GraphQLAsync(http, worker, read, new { id })).Ok()["passport"]!["youthJustice"]!["notes"]!.AsArray().ShouldHaveSingleItem();
        (await PassportFixture.GraphQLAsync(http, worker, "mutation($id: ID!, $item: ID!) { verifyItem(passportId: $id, itemId: $item) { id } }", new { id, item = reported["id"]!.GetValue<string>() })).Ok();

        var verified = (await PassportFixture.GraphQLAsync(http, carer, read, new { id })).Ok()["passport"]!["youthJustice"]!["notes"]!.AsArray().ShouldHaveSingleItem()!;
        verified["verified"]!.GetValue<bool>().ShouldBeTrue();
        verified["verifiedBy"]!["sector"]!.GetValue<string>().ShouldBe("youth-justice");
        verified["recordedBy"]!["role"]!.GetValue<string>().ShouldBe("carer");
        output.WriteLine("Cornwall's administrator enabled youth-justice; a carer's note was read back, and a youth-justice professional saw and verified it.");
    }

    private static List<string> GuideBlocks()
    {
        var guide = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "plugin-guide.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        return GuideBlock().Matches(guide).Select(m => m.Groups["script"].Value).ToList();
    }

    /// <summary>
    /// Runs one block as the guide's reader would, with the four names the guide defines. Output
    /// goes to a file rather than a pipe: build servers the block starts outlive it and would hold
    /// a pipe open.
    /// </summary>
    private async Task RunGuideBlockAsync(string work, int number, string block)
    {
        var script = Path.Combine(work, $"guide-{number}.sh");
        var log = Path.Combine(work, $"guide-{number}.log");
        await File.WriteAllTextAsync(script, $"exec >'{log}' 2>&1\n{block}\n");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardInput = true, WorkingDirectory = work };
        foreach (var argument in new[] { "-euo", "pipefail", script })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["REPO"] = TestPaths.RepoRoot.TrimEnd('/');
        start.Environment["WORK"] = work;
        start.Environment["HOST_DLL"] = TestPaths.HostAssembly;
        start.Environment["PLUGINS"] = TestPaths.PluginsPath.TrimEnd('/');
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        var clock = Stopwatch.StartNew();
        using var bash = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        bash.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await bash.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            bash.Kill(entireProcessTree: true);
            throw new TimeoutException($"`bash guide` block {number} did not finish:\n{block}\n{await File.ReadAllTextAsync(log)}");
        }

        var printed = await File.ReadAllTextAsync(log);
        output.WriteLine($"block {number} ({clock.Elapsed.TotalSeconds:0.0}s):\n{block}\n{printed}");
        bash.ExitCode.ShouldBe(0, $"`bash guide` block {number} of docs/plugin-guide.md failed:\n{block}\n--- output ---\n{printed}");
    }

    [GeneratedRegex(@"^```bash guide\n(?<script>.*?)\n```$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex GuideBlock();
}
