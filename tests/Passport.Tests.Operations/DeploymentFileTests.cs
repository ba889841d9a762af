using System.Diagnostics;
using System.Text.RegularExpressions;
using Passport.Tests.Integration.Infrastructure;
using Xunit.Abstractions;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Passport.Tests.Operations;

/// <summary>
/// Issue 16, part 4: Docker does not run on the build machines, so the Dockerfile and
/// deploy/compose.yaml are checked without it: by two linters from npm (dclint validates the
/// compose file against the Compose Specification's schema and its rules; dockerfile-utils
/// validates the Dockerfile's instructions), and by reading both files for what a linter cannot
/// know: the paths they copy and mount exist, the settings they give the host are settings the
/// host reads and documents, and the services, volumes and health checks fit together.
/// </summary>
public partial class DeploymentFileTests(ITestOutputHelper output)
{
    private static readonly string Root = TestPaths.RepoRoot;
    private static readonly string DeployFolder = Path.Combine(Root, "deploy");
    private static readonly Lazy<Task> LintersInstalled = new(InstallLintersAsync);

    /// <summary>Settings that are not the host's own but the platform's, with why the deployment sets them.</summary>
    private static readonly Dictionary<string, string> PlatformSettings = new()
    {
        ["SSL_CERT_FILE"] = "OpenSSL (.NET on Linux): the certificate authority that signs the proxy's certificates",
    };

    [Fact]
    public async Task The_compose_file_passes_the_compose_linter_with_no_warning()
    {
        await LintersInstalled.Value;
        var (exitCode, text) = await RunAsync("npx", DeployFolder, "--no-install", "dclint", "--max-warnings", "0", "compose.yaml");
        Say($"dclint 3.1.0 (Compose Specification schema and rules) on deploy/compose.yaml: exit {exitCode}{(text.Length == 0 ? ", no findings" : ":\n" + text)}");
        exitCode.ShouldBe(0, text);
    }

    [Fact]
    public async Task The_Dockerfile_passes_the_Dockerfile_linter()
    {
        await LintersInstalled.Value;
        var (exitCode, text) = await RunAsync("npx", DeployFolder, "--no-install", "dockerfile-utils", "lint", Path.Combine(Root, "Dockerfile"));
        Say($"dockerfile-utils 0.16.3 lint on Dockerfile: exit {exitCode}{(text.Length == 0 ? ", no findings" : ":\n" + text)}");
        exitCode.ShouldBe(0, text);
        text.ShouldBeEmpty();
    }

    [Fact]
    public void Every_path_the_Dockerfile_copies_from_the_build_context_exists_and_is_sent_to_the_build()
    {
        var ignored = DockerIgnoredTopFolders();
        var copies = Instructions("COPY").Where(c => !c.Contains("--from=", StringComparison.Ordinal)).ToList();
        copies.ShouldNotBeEmpty();
        var sources = copies.SelectMany(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).SkipLast(1)).ToList();
        foreach (var source in sources)
        {
            var path = Path.Combine(Root, source.TrimEnd('/'));
            (File.Exists(path) || Directory.Exists(path)).ShouldBeTrue($"the Dockerfile copies {source}, which is not in the repository");
            ignored.ShouldNotContain(source.Split('/')[0], $"the Dockerfile copies {source}, but .dockerignore keeps it out of the build context");
        }

        // The host's build compiles every project under these folders (src/Passport.Host/Passport.Host.csproj).
        string[] needed = ["global.json", "Directory.Build.props", "Directory.Packages.props", "src/", "modules/", "plugins/"];
        sources.ShouldBe(needed, ignoreOrder: true, "the build context the host's build reads");
        Say($"Dockerfile copies from the build context: {string.Join(", ", sources)}; every one exists and none is docker-ignored ({string.Join(", ", ignored)} are).");
    }

    [Fact]
    public void The_image_runs_as_a_non_root_user_with_the_plugins_folder_as_a_volume_and_a_health_check_on_a_real_endpoint()
    {
        var from = Instructions("FROM").ToList();
        from.Count.ShouldBe(2, "a build stage (SDK) and a runtime stage (ASP.NET Core)");
        from[0].ShouldStartWith("mcr.microsoft.com/dotnet/sdk:");
        from[1].ShouldStartWith("mcr.microsoft.com/dotnet/aspnet:");

        // Everything after the last FROM is the runtime image.
        var runtime = RuntimeStage();
        var user = runtime.Last(i => i.Keyword == "USER").Arguments;
        user.ShouldNotBeOneOf("root", "0", "0:0");

        var pluginsPath = Regex.Match(string.Join('\n', runtime.Where(i => i.Keyword == "ENV").Select(i => i.Arguments)), @"Passport__PluginsPath=(\S+)").Groups[1].Value;
        pluginsPath.ShouldNotBeEmpty("the image says where its plugins are");
        runtime.Single(i => i.Keyword == "VOLUME").Arguments.ShouldContain($"\"{pluginsPath}\"");

        var healthCheck = runtime.Single(i => i.Keyword == "HEALTHCHECK").Arguments;
        var endpoint = Regex.Match(healthCheck, @"http://127\.0\.0\.1:(\d+)(/health/\w+)");
        endpoint.Success.ShouldBeTrue(healthCheck);
        File.ReadAllText(Path.Combine(Root, "src/Passport.Host/Program.cs")).ShouldContain($"MapHealthChecks(\"{endpoint.Groups[2].Value}\"");
        runtime.Single(i => i.Keyword == "EXPOSE").Arguments.ShouldBe(endpoint.Groups[1].Value, "the health check asks the port the image listens on");
        Say($"Runtime image: {from[1]}, USER {user}, plugins in {pluginsPath} (a volume), HEALTHCHECK on {endpoint.Groups[2].Value} at port {endpoint.Groups[1].Value}.");
    }

    [Fact]
    public void Compose_runs_two_hosts_from_the_image_behind_the_proxy_on_PostgreSQL_and_Keycloak()
    {
        var compose = Compose();
        var services = Map(compose["services"]);
        var hosts = services.Where(s => Map(s.Value).TryGetValue("image", out var image) && (string)image == "passport-host:local" && !Map(s.Value).ContainsKey("entrypoint")).Select(s => s.Key).ToList();
        hosts.Count.ShouldBe(2, "two replicas of the host");
        Map(Map(services[hosts[0]])["build"])["dockerfile"].ShouldBe("Dockerfile");
        Path.TrimEndingDirectorySeparator(Path.GetFullPath(Path.Combine(DeployFolder, (string)Map(Map(services[hosts[0]])["build"])["context"])))
            .ShouldBe(Path.TrimEndingDirectorySeparator(Path.GetFullPath(Root)), "the image is built from the repository root");

        foreach (var service in new[] { "postgres", "keycloak" })
        {
            Map(services[service]).ContainsKey("healthcheck").ShouldBeTrue($"{service} has a health check the hosts wait on");
        }

        // Every dependency exists, and one waited on as healthy has a health check.
        foreach (var (name, definition) in services)
        {
            if (!Map(definition).TryGetValue("depends_on", out var dependsOn))
            {
                continue;
            }

            foreach (var (dependency, how) in Map(dependsOn))
            {
                services.ShouldContainKey(dependency, $"{name} depends on {dependency}");
                if ((string)Map(how)["condition"] == "service_healthy")
                {
                    Map(services[dependency]).ContainsKey("healthcheck").ShouldBeTrue($"{name} waits for {dependency} to be healthy, which has no health check");
                }
            }
        }

        // Every named volume is declared; every file or folder mounted from the repository exists.
        var declared = Map(compose["volumes"]).Keys.ToHashSet();
        foreach (var (name, definition) in services)
        {
            var volumes = Map(definition).TryGetValue("volumes", out var v) ? (List<object>)v : [];
            foreach (var source in volumes.Select(m => ((string)m).Split(':')[0]))
            {
                if (source.StartsWith('.'))
                {
                    var path = Path.Combine(DeployFolder, source);
                    (File.Exists(path) || Directory.Exists(path)).ShouldBeTrue($"{name} mounts {source}, which does not exist");
                }
                else
                {
                    declared.ShouldContain(source, $"{name} mounts the volume {source}, which compose.yaml does not declare");
                }
            }
        }

        // Keycloak imports the realm this repository ships; the proxy sends to both hosts, on the image's port, routing on readiness.
        ((List<object>)Map(services["keycloak"])["volumes"]).ShouldContain("./keycloak/passport-realm.json:/opt/keycloak/data/import/passport-realm.json:ro");
        ((List<object>)Map(services["keycloak"])["command"]).ShouldContain("--import-realm");
        var caddyfile = File.ReadAllText(Path.Combine(DeployFolder, "caddy/Caddyfile"));
        var port = RuntimeStage().Single(i => i.Keyword == "EXPOSE").Arguments;
        caddyfile.ShouldContain($"reverse_proxy {string.Join(' ', hosts.Select(h => $"{h}:{port}"))}");
        caddyfile.ShouldContain("health_uri /health/ready");
        Say($"compose.yaml: services {string.Join(", ", services.Keys)}; hosts {string.Join(" and ", hosts)} behind Caddy on port {port}; volumes {string.Join(", ", declared)}.");
    }

    [Fact]
    public void The_settings_the_deployment_gives_the_host_are_settings_the_host_reads_and_the_operations_guide_documents()
    {
        var compose = Compose();
        var services = Map(compose["services"]);
        var settings = services.Values.Select(Map)
            .Where(s => s.TryGetValue("image", out var image) && (string)image == "passport-host:local" && s.ContainsKey("environment"))
            .SelectMany(s => Map(s["environment"]).Keys)
            .Concat(RuntimeStage().Where(i => i.Keyword == "ENV").Select(i => i.Arguments.Split('=')[0]))
            .Distinct()
            .ToList();
        settings.ShouldNotBeEmpty();

        var sources = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();
        var operations = File.ReadAllText(Path.Combine(Root, "docs/operations.md"));
        foreach (var setting in settings)
        {
            operations.ShouldContain($"`{setting}`", customMessage: $"{setting} is not documented in docs/operations.md");
            if (PlatformSettings.ContainsKey(setting))
            {
                continue;
            }

            setting.ShouldContain("__", customMessage: $"{setting} is neither a host setting (Section__Key) nor a known platform setting");
            // A list entry (Section__List__0) is read as its list (Section:List).
            var key = Regex.Replace(setting, @"__\d+$", string.Empty).Replace("__", ":", StringComparison.Ordinal);
            sources.Any(s => s.Contains($"\"{key}\"", StringComparison.Ordinal)).ShouldBeTrue($"the host never reads {key} (from {setting})");
        }

        Say($"Settings given to the host: {string.Join(", ", settings)}; each read by the host (or a platform setting) and documented.");
    }

    private static async Task InstallLintersAsync()
    {
        if (Directory.Exists(Path.Combine(DeployFolder, "node_modules", "dclint")) && Directory.Exists(Path.Combine(DeployFolder, "node_modules", "dockerfile-utils")))
        {
            return;
        }

        var (exitCode, text) = await RunAsync("npm", DeployFolder, "ci", "--no-audit", "--no-fund");
        exitCode.ShouldBe(0, $"npm ci in deploy/ (the linters' versions are in deploy/package-lock.json):\n{text}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string executable, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, ((await stdout) + (await stderr)).Trim());
    }

    private static Dictionary<string, object> Compose()
    {
        using var reader = new StringReader(File.ReadAllText(Path.Combine(DeployFolder, "compose.yaml")));

        // The hosts share their settings through a YAML anchor and merge key (<<), which the merging parser resolves.
        return new DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(new MergingParser(new Parser(reader)));
    }

    private static Dictionary<string, object> Map(object node) =>
        ((Dictionary<object, object>)node).ToDictionary(e => (string)e.Key, e => e.Value);

    /// <summary>The top-level files and folders .dockerignore keeps out of the build context.</summary>
    private static HashSet<string> DockerIgnoredTopFolders() =>
        File.ReadAllLines(Path.Combine(Root, ".dockerignore"))
            .Select(l => l.Trim().TrimEnd('/'))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.Contains('/', StringComparison.Ordinal))
            .ToHashSet();

    private static IEnumerable<string> Instructions(string keyword) =>
        DockerfileInstructions().Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    private static List<(string Keyword, string Arguments)> RuntimeStage()
    {
        var all = DockerfileInstructions();
        return all.Skip(all.FindLastIndex(i => i.Keyword == "FROM")).ToList();
    }

    /// <summary>The Dockerfile's instructions, continuation lines joined and comments dropped.</summary>
    private static List<(string Keyword, string Arguments)> DockerfileInstructions()
    {
        var joined = ContinuedLine().Replace(File.ReadAllText(Path.Combine(Root, "Dockerfile")), " ");
        return joined.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => (Keyword: l.Split(' ')[0].ToUpperInvariant(), Arguments: l[(l.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim()))
            .Select(i => i.Keyword == "FROM" ? (i.Keyword, i.Arguments.Split(' ')[0].Replace("${DOTNET_VERSION}", "10.0", StringComparison.Ordinal)) : i)
            .ToList();
    }

    [GeneratedRegex(@"\\\r?\n(\s*#[^\n]*\n)*")]
    private static partial Regex ContinuedLine();

    private void Say(string text)
    {
        output.WriteLine(text);
        Console.WriteLine(text);
    }
}
