using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Passport.Sdk;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// The Short Breaks extra plugin, end to end as a region deploys it: built on its own with
/// <c>dotnet build -o</c>, its output folder dropped next to the four sector modules, a real host
/// started on that folder with its own database, and the module enabled by one local authority only.
/// </summary>
[Collection(PassportCollection.Name)]
public class ShortBreaksPluginTests(PassportFixture fixture, ShortBreaksPluginTests.PluginHost plugin) : IClassFixture<ShortBreaksPluginTests.PluginHost>
{
    private const string Cornwall = "E06000052";
    private const string Devon = "E10000008";
    private const string Plymouth = "E06000026";
    private const string ModuleName = "short-breaks";

    private const string SetModuleEnabled = """
        mutation($la: String!, $module: String!, $enabled: Boolean!) {
          setModuleEnabled(localAuthority: $la, module: $module, enabled: $enabled) { name sector required enabled status }
        }
        """;

    private const string Modules = "query($la: String) { modules(localAuthority: $la) { name sector required enabled status } }";

    private const string Create = """
        mutation($input: CreatePassportInput!) { createPassport(input: $input) { id localAuthority } }
        """;

    private const string Record = """
        mutation($id: ID!, $input: ShortBreaksPlanInput!) {
          recordShortBreaksPlan(passportId: $id, input: $input) {
            id
            shortBreaks { plan { id eligibilityAssessed assessedOn hoursPerYear provider routines nightTimeCare medicationSupport verified recordedBy { displayName role } } }
          }
        }
        """;

    private const string Read = "query($id: ID!) { passport(id: $id) { id shortBreaks { plan { provider nightTimeCare verified } } } }";

    private static readonly object Plan = new
    {
        eligibilityAssessed = true,
        assessedOn = "2024-09-02",
        hoursPerYear = 312,
        provider = "Sunflower House overnight short breaks, Truro",
        routines = "Breakfast before 8; calm music at bedtime",
        nightTimeCare = "Reposition at 2am; check oxygen saturation",
        medicationSupport = "Melatonin 2mg at 7pm, given by staff trained in its use",
    };

    [Fact]
    public async Task The_standalone_build_is_a_plugin_folder_with_its_deps_file_and_no_shared_copies()
    {
        var host = await plugin.StartAsync(fixture);
        var files = Directory.GetFiles(host.BuildOutput, "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToList();
        files.ShouldContain("Passport.Plugins.ShortBreaks.dll");
        files.ShouldContain("Passport.Plugins.ShortBreaks.deps.json");
        files.ShouldContain("passport-plugin.json");
        string[] shared = ["Passport.Sdk", "Marten", "Wolverine", "WolverineFx", "JasperFx", "Weasel", "GraphQL", "GraphQLParser", "Npgsql"];
        files.Where(f => shared.Any(s => f!.StartsWith(s + ".", StringComparison.OrdinalIgnoreCase))).ShouldBeEmpty(
            "the host provides the single copy of the SDK and shared infrastructure: " + string.Join(", ", files));
        host.Process.Output.ShouldContain("Loaded module short-breaks");
    }

    [Fact]
    public async Task Cornwall_enables_short_breaks_and_a_carer_records_and_reads_back_a_plan()
    {
        var host = await plugin.StartAsync(fixture);
        var admin = fixture.Token(Persona.LocalAuthorityAdmin(Cornwall));

        var enabled = (await host.GraphQLAsync(admin, SetModuleEnabled, new { la = Cornwall, module = ModuleName, enabled = true })).Ok()["setModuleEnabled"]!;
        enabled["name"]!.GetValue<string>().ShouldBe(ModuleName);
        enabled["enabled"]!.GetValue<bool>().ShouldBeTrue();

        var listed = (await host.GraphQLAsync(admin, Modules, new { la = Cornwall })).Ok()["modules"]!.AsArray()
            .SingleOrDefault(m => m!["name"]!.GetValue<string>() == ModuleName);
        listed.ShouldNotBeNull("modules(localAuthority) lists the short-breaks plugin");
        listed["required"]!.GetValue<bool>().ShouldBeFalse();
        listed["enabled"]!.GetValue<bool>().ShouldBeTrue();
        listed["status"]!.GetValue<string>().ShouldBe("loaded");
        listed["sector"]!.GetValue<string>().ShouldBe("social-care");

        var carer = fixture.Token(Persona.Carer("Jo Pascoe"));
        var id = await CreatePassportAsync(host, carer, Cornwall);

        var recorded = (await host.GraphQLAsync(carer, Record, new { id, input = Plan })).Ok()["recordShortBreaksPlan"]!["shortBreaks"]!["plan"]!;
        recorded["eligibilityAssessed"]!.GetValue<bool>().ShouldBeTrue();
        recorded["assessedOn"]!.GetValue<string>().ShouldBe("2024-09-02");
        recorded["hoursPerYear"]!.GetValue<int>().ShouldBe(312);
        recorded["routines"]!.GetValue<string>().ShouldBe("Breakfast before 8; calm music at bedtime");
        recorded["medicationSupport"]!.GetValue<string>().ShouldBe("Melatonin 2mg at 7pm, given by staff trained in its use");
        recorded["verified"]!.GetValue<bool>().ShouldBeFalse();
        recorded["recordedBy"]!["displayName"]!.GetValue<string>().ShouldBe("Jo Pascoe");
        recorded["recordedBy"]!["role"]!.GetValue<string>().ShouldBe("carer");

        var read = (await host.GraphQLAsync(carer, Read, new { id })).Ok()["passport"]!["shortBreaks"]!["plan"]!;
        read["provider"]!.GetValue<string>().ShouldBe("Sunflower House overnight short breaks, Truro");
        read["nightTimeCare"]!.GetValue<string>().ShouldBe("Reposition at 2am; check oxygen saturation");
        read["verified"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task A_plan_with_hours_outside_0_to_2000_or_assessed_after_today_in_the_UK_is_refused_naming_the_field()
    {
        var host = await plugin.StartAsync(fixture);
        (await host.GraphQLAsync(fixture.Token(Persona.LocalAuthorityAdmin(Cornwall)), SetModuleEnabled, new { la = Cornwall, module = ModuleName, enabled = true })).Ok();
        var carer = fixture.Token(Persona.Carer());
        var id = await CreatePassportAsync(host, carer, Cornwall);
        var today = UkDate.Of(DateTimeOffset.UtcNow);

        (object Input, string Field)[] refused =
        [
            (new { eligibilityAssessed = true, hoursPerYear = 2001 }, "input.hoursPerYear"),
            (new { eligibilityAssessed = true, hoursPerYear = -1 }, "input.hoursPerYear"),
            (new { eligibilityAssessed = true, assessedOn = today.AddDays(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }, "input.assessedOn"),
        ];
        foreach (var (input, field) in refused)
        {
            var response = await host.GraphQLAsync(carer, Record, new { id, input });
            response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"], response.Body);
            response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe(field, response.Body);
        }

        var bounds = new { eligibilityAssessed = false, hoursPerYear = 2000, assessedOn = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        var plan = (await host.GraphQLAsync(carer, Record, new { id, input = bounds })).Ok()["recordShortBreaksPlan"]!["shortBreaks"]!["plan"]!;
        plan["hoursPerYear"]!.GetValue<int>().ShouldBe(2000);
        plan["eligibilityAssessed"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task For_a_Devon_child_short_breaks_is_not_enabled_for_reading_or_recording()
    {
        var host = await plugin.StartAsync(fixture);
        var carer = fixture.Token(Persona.Carer());
        var id = await CreatePassportAsync(host, carer, Devon);

        var read = await host.GraphQLAsync(carer, Read, new { id });
        AssertModuleNotEnabled(read, id);

        var record = await host.GraphQLAsync(carer, Record, new { id, input = Plan });
        record.ErrorCodes.ShouldBe(["MODULE_NOT_ENABLED"], record.Body);
        record.Data?["recordShortBreaksPlan"].ShouldBeNull(record.Body);
        record.Body.ShouldNotContain("Sunflower House");
    }

    [Fact]
    public async Task A_plan_recorded_while_enabled_is_not_shown_once_the_authority_disables_the_module()
    {
        var host = await plugin.StartAsync(fixture);
        var admin = fixture.Token(Persona.LocalAuthorityAdmin(Plymouth));
        var carer = fixture.Token(Persona.Carer());
        var id = await CreatePassportAsync(host, carer, Plymouth);

        (await host.GraphQLAsync(admin, SetModuleEnabled, new { la = Plymouth, module = ModuleName, enabled = true })).Ok();
        (await host.GraphQLAsync(carer, Record, new { id, input = Plan })).Ok();
        var disabled = (await host.GraphQLAsync(admin, SetModuleEnabled, new { la = Plymouth, module = ModuleName, enabled = false })).Ok()["setModuleEnabled"]!;
        disabled["enabled"]!.GetValue<bool>().ShouldBeFalse();

        AssertModuleNotEnabled(await host.GraphQLAsync(carer, Read, new { id }), id);
    }

    [Fact]
    public async Task Devons_administrator_cannot_enable_a_module_for_Cornwall()
    {
        var host = await plugin.StartAsync(fixture);
        var devonAdmin = fixture.Token(Persona.LocalAuthorityAdmin(Devon));

        var response = await host.GraphQLAsync(devonAdmin, SetModuleEnabled, new { la = Cornwall, module = ModuleName, enabled = true });
        response.ErrorCodes.ShouldBe(["FORBIDDEN"], response.Body);
        response.Data?["setModuleEnabled"].ShouldBeNull(response.Body);
    }

    /// <summary>
    /// The short-breaks section (or its plan) answers null with MODULE_NOT_ENABLED at its path, and
    /// no plan data appears anywhere in the response, while the rest of the passport is still served.
    /// </summary>
    private static void AssertModuleNotEnabled(GraphQLResponse response, string id)
    {
        response.Status.ShouldBe(200, response.Body);
        var error = response.ErrorAt("passport", "shortBreaks", "plan") ?? response.ErrorAt("passport", "shortBreaks");
        error.ShouldNotBeNull($"an error at passport.shortBreaks[.plan]: {response.Body}");
        error["extensions"]!["code"]!.GetValue<string>().ShouldBe("MODULE_NOT_ENABLED", response.Body);
        response.ErrorCodes.ShouldAllBe(code => code == "MODULE_NOT_ENABLED", response.Body);

        var passport = response.Data!["passport"]!;
        passport["id"]!.GetValue<string>().ShouldBe(id);
        (passport["shortBreaks"]?["plan"]).ShouldBeNull(response.Body);
        response.Body.ShouldNotContain("Sunflower House");
        response.Body.ShouldNotContain("Reposition at 2am");
    }

    private static async Task<string> CreatePassportAsync(PluginHost.Started host, string carer, string localAuthority)
    {
        var created = (await host.GraphQLAsync(carer, Create, new
        {
            input = new { givenName = "Morwenna", familyName = "Tregear", dateOfBirth = "2015-06-21", localAuthority },
        })).Ok()["createPassport"]!;
        created["localAuthority"]!.GetValue<string>().ShouldBe(localAuthority);
        return created["id"]!.GetValue<string>();
    }

    /// <summary>
    /// Builds the Short Breaks plugin on its own into a fresh plugins folder beside copies of the
    /// sector modules and starts one host on it, once for the class.
    /// </summary>
    public sealed class PluginHost : IAsyncLifetime
    {
        public const string PluginName = "Passport.Plugins.ShortBreaks";

        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly string _folder = TestPaths.NewTempFolder("shortbreaks");
        private Started? _started;

        public sealed record Started(HostProcess Process, HttpClient Http, string BuildOutput)
        {
            public Task<GraphQLResponse> GraphQLAsync(string token, string query, object? variables = null) =>
                PassportFixture.GraphQLAsync(Http, token, query, variables);
        }

        public async Task<Started> StartAsync(PassportFixture fixture)
        {
            await _gate.WaitAsync();
            try
            {
                return _started ??= await BuildAndStartAsync(fixture);
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task<Started> BuildAndStartAsync(PassportFixture fixture)
        {
            var plugins = Directory.CreateDirectory(Path.Combine(_folder, "plugins")).FullName;
            var output = Path.Combine(plugins, PluginName);
            await BuildPluginAsync(output);

            foreach (var module in Directory.GetDirectories(TestPaths.PluginsPath).Where(f => Path.GetFileName(f) != PluginName))
            {
                CopyFolder(module, Path.Combine(plugins, Path.GetFileName(module)));
            }

            var environment = fixture.HostEnvironment(await fixture.NewDatabaseAsync());
            environment["Passport__PluginsPath"] = plugins;
            var process = await HostProcess.StartAsync(environment);
            return new Started(process, new HttpClient { BaseAddress = process.BaseAddress }, output);
        }

        /// <summary><c>dotnet build &lt;repo&gt;/plugins/Passport.Plugins.ShortBreaks/Passport.Plugins.ShortBreaks.csproj -o &lt;output&gt;</c>, as a region would.</summary>
        private static async Task BuildPluginAsync(string output)
        {
            var project = Path.Combine(TestPaths.RepoRoot, "plugins", PluginName, PluginName + ".csproj");
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = TestPaths.RepoRoot,
            };
            foreach (var argument in new[] { "build", project, "-o", output, "--nologo", "--disable-build-servers" })
            {
                start.ArgumentList.Add(argument);
            }

            // The test runner's own MSBuild settings must not leak into a separate build.
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                start.Environment.Remove(name);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet build.");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"dotnet build of {PluginName} did not finish:\n{await stdout}\n{await stderr}");
            }

            var log = $"dotnet build {project} -o {output}\n{await stdout}\n{await stderr}";
            process.ExitCode.ShouldBe(0, log);
            File.Exists(Path.Combine(output, PluginName + ".dll")).ShouldBeTrue(log);
        }

        private static void CopyFolder(string source, string destination)
        {
            Directory.CreateDirectory(destination);
            foreach (var file in Directory.GetFiles(source))
            {
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
            }

            foreach (var folder in Directory.GetDirectories(source))
            {
                CopyFolder(folder, Path.Combine(destination, Path.GetFileName(folder)));
            }
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            if (_started is not null)
            {
                _started.Http.Dispose();
                await _started.Process.DisposeAsync();
            }

            _gate.Dispose();
            Directory.Delete(_folder, recursive: true);
        }
    }
}
