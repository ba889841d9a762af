using System.Net;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class PluginLoadingTests(PassportFixture fixture)
{
    [Fact]
    public async Task Without_the_health_module_the_host_refuses_to_start_and_names_it()
    {
        var plugins = CopyPlugins(except: "Passport.Modules.Health");
        try
        {
            var environment = fixture.HostEnvironment(await fixture.NewDatabaseAsync());
            environment["Passport__PluginsPath"] = plugins;
            var (exitCode, output) = await HostProcess.RunToExitAsync(environment);
            exitCode.ShouldNotBe(0, output);
            output.ShouldContain("required module 'health'");
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
        }
    }

    [Fact]
    public async Task A_broken_plugin_folder_keeps_its_section_answering_MODULE_UNAVAILABLE_and_is_listed_as_failed()
    {
        // The Short Breaks folder as deployed, with an assembly that cannot load: only its manifest is readable.
        var plugins = CopyPlugins();
        var broken = Directory.CreateDirectory(Path.Combine(plugins, "Passport.Plugins.ShortBreaks")).FullName;
        await File.WriteAllTextAsync(Path.Combine(broken, "Passport.Plugins.ShortBreaks.dll"), "this is not an assembly");
        File.Copy(Path.Combine(TestPaths.RepoRoot, "plugins", "Passport.Plugins.ShortBreaks", "passport-plugin.json"), Path.Combine(broken, "passport-plugin.json"));
        try
        {
            var environment = fixture.HostEnvironment(await fixture.NewDatabaseAsync());
            environment["Passport__PluginsPath"] = plugins;
            await using var host = await HostProcess.StartAsync(environment);
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
            ready.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await ready.Content.ReadAsStringAsync()).ShouldBe("Degraded");
            host.Output.ShouldContain("Passport.Plugins.ShortBreaks failed to load and is skipped");

            // Its section stays in the schema and says the information is unavailable, never empty.
            var carer = fixture.Token(Persona.Carer());
            var id = (await PassportFixture.GraphQLAsync(http, carer, "mutation { createPassport(input: { givenName: \"Kai\", familyName: \"Rowe\", dateOfBirth: \"2015-02-02\", localAuthority: \"E06000052\" }) { id } }"))
                .Ok()["createPassport"]!["id"]!.GetValue<string>();
            var read = await PassportFixture.GraphQLAsync(http, carer, "query($id: ID!) { passport(id: $id) { child { givenName } shortBreaks { status } } }", new { id });
            read.Data!["passport"]!["shortBreaks"].ShouldBeNull();
            read.ErrorAt("passport", "shortBreaks")!["extensions"]!["code"]!.GetValue<string>().ShouldBe("MODULE_UNAVAILABLE");
            read.Data!["passport"]!["child"]!["givenName"]!.GetValue<string>().ShouldBe("Kai");

            // Listed by the name and sector its manifest gives, as failed; the region does not require it.
            var modules = (await PassportFixture.GraphQLAsync(http, carer, "{ modules { name sector required status } }")).Ok()["modules"]!.AsArray();
            var shortBreaks = modules.Single(m => m!["name"]!.GetValue<string>() == "short-breaks")!;
            shortBreaks["status"]!.GetValue<string>().ShouldBe("failed");
            shortBreaks["sector"]!.GetValue<string>().ShouldBe("social-care");
            shortBreaks["required"]!.GetValue<bool>().ShouldBeFalse();
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
        }
    }

    [Fact]
    public async Task A_manifest_with_a_bad_member_is_refused_with_a_message_naming_the_folder_and_the_member()
    {
        var plugins = CopyPlugins();
        var manifest = Path.Combine(plugins, "Passport.Modules.Leisure", "passport-plugin.json");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace("\"familyWrites\": true", "\"familyWrites\": \"yes\"", StringComparison.Ordinal));
        try
        {
            // Leisure is required by the region's policy, so its refusal stops the start.
            var (exitCode, output) = await HostProcess.RunToExitAsync(WithoutDatabase(plugins));
            exitCode.ShouldBe(3, output);
            output.ShouldContain("required module 'leisure'");
            output.ShouldContain($"The plugin folder '{Path.Combine(plugins, "Passport.Modules.Leisure")}' has an invalid passport-plugin.json: 'fieldGroups[0].familyWrites' must be true or false");
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
        }
    }

    [Fact]
    public async Task A_kit_module_adds_the_section_its_manifest_names_and_heads_it_with_the_manifest_s_title()
    {
        // The manifest file is the one place a module's section is named: a module on the
        // recorded-item kit takes its section field and title from it, so they cannot disagree.
        var plugins = CopyPlugins();
        var folder = Path.Combine(TestPaths.NewTempFolder("schema"));
        var manifest = Path.Combine(plugins, "Passport.Modules.Leisure", "passport-plugin.json");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace("\"section\": \"leisure\"", "\"section\": \"clubs\"", StringComparison.Ordinal));
        try
        {
            var schema = Path.Combine(folder, "schema.graphql");
            var (exitCode, output) = await HostProcess.RunToExitAsync(WithoutDatabase(plugins), ["schema", schema]);
            exitCode.ShouldBe(0, output);
            var text = await File.ReadAllTextAsync(schema);
            text.ShouldContain("clubs: Leisure");
            text.ShouldNotContain("leisure: Leisure");
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_field_group_the_code_uses_but_no_manifest_declares_stops_the_host_at_start()
    {
        var plugins = CopyPlugins();
        var manifest = Path.Combine(plugins, "Passport.Modules.Leisure", "passport-plugin.json");
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest)).Replace("\"leisure.activities\"", "\"leisure.clubs\"", StringComparison.Ordinal));
        try
        {
            var (exitCode, output) = await HostProcess.RunToExitAsync(WithoutDatabase(plugins));
            exitCode.ShouldBe(4, output);
            output.ShouldContain("Passport.leisure.activities (group 'leisure.activities')");
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
        }
    }

    [Fact]
    public async Task A_module_the_policy_requires_stops_the_start_when_its_folder_is_missing()
    {
        // The default plugins folder has no Short Breaks; a region that requires it must not start.
        var policy = await RegionPolicyWithAsync("\"requiredModules\": [ \"health\", \"social-care\", \"education\", \"leisure\" ]", "\"requiredModules\": [ \"health\", \"social-care\", \"education\", \"leisure\", \"short-breaks\" ]");
        try
        {
            var environment = WithoutDatabase(TestPaths.PluginsPath);
            environment["Passport__PolicyFile"] = policy;
            var (exitCode, output) = await HostProcess.RunToExitAsync(environment);
            exitCode.ShouldBe(3, output);
            output.ShouldContain("The required module 'short-breaks' (the policy file's requiredModules) is not available");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(policy)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_module_the_policy_does_not_require_may_be_absent()
    {
        var plugins = CopyPlugins(except: "Passport.Modules.Leisure");
        var policy = await RegionPolicyWithAsync("\"social-care\", \"education\", \"leisure\" ]", "\"social-care\", \"education\" ]");
        try
        {
            var environment = WithoutDatabase(plugins);
            environment["Passport__PolicyFile"] = policy;
            var schema = Path.Combine(Path.GetDirectoryName(policy)!, "schema.graphql");
            var (exitCode, output) = await HostProcess.RunToExitAsync(environment, ["schema", schema]);
            exitCode.ShouldBe(0, output);
            (await File.ReadAllTextAsync(schema)).ShouldNotContain("leisure: Leisure");
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
            Directory.Delete(Path.GetDirectoryName(policy)!, recursive: true);
        }
    }

    [Fact]
    public async Task A_plugin_built_against_another_version_of_a_shared_assembly_is_refused_with_a_clear_message()
    {
        // The health module, renamed on disk, still references Passport.Sdk at the host's version;
        // a copy whose recorded reference is altered stands for a plugin built against another SDK.
        var plugins = CopyPlugins();
        var health = Path.Combine(plugins, "Passport.Modules.Health", "Passport.Modules.Health.dll");
        var bytes = await File.ReadAllBytesAsync(health);
        PatchSdkReferenceVersion(bytes);
        await File.WriteAllBytesAsync(health, bytes);
        try
        {
            var environment = fixture.HostEnvironment(await fixture.NewDatabaseAsync());
            environment["Passport__PluginsPath"] = plugins;
            var (exitCode, output) = await HostProcess.RunToExitAsync(environment);
            exitCode.ShouldNotBe(0, output);
            output.ShouldContain("built against Passport.Sdk 9.");
            output.ShouldContain("but the host provides Passport.Sdk");
        }
        finally
        {
            Directory.Delete(plugins, recursive: true);
        }
    }

    /// <summary>Settings for a host that is expected to stop before it needs a database or an identity provider.</summary>
    private static Dictionary<string, string?> WithoutDatabase(string plugins) => new()
    {
        ["ConnectionStrings__Passport"] = "Host=127.0.0.1;Database=unused",
        ["Auth__Authority"] = "https://keycloak.test/realms/passport",
        ["Passport__PluginsPath"] = plugins,
    };

    /// <summary>The shipped region policy with one edit, in a folder of its own.</summary>
    internal static async Task<string> RegionPolicyWithAsync(string from, string to)
    {
        var region = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "src", "Passport.Host", "policy", "region-policy.json"));
        region.ShouldContain(from);
        var policy = Path.Combine(TestPaths.NewTempFolder("policy"), "region-policy.json");
        await File.WriteAllTextAsync(policy, region.Replace(from, to, StringComparison.Ordinal));
        return policy;
    }

    private static string CopyPlugins(string? except = null)
    {
        var target = TestPaths.NewTempFolder("plugins");
        foreach (var folder in Directory.GetDirectories(TestPaths.PluginsPath).Where(f => Path.GetFileName(f) != except))
        {
            var destination = Directory.CreateDirectory(Path.Combine(target, Path.GetFileName(folder))).FullName;
            foreach (var file in Directory.GetFiles(folder))
            {
                File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
            }
        }

        return target;
    }

    /// <summary>Rewrites the major version of the module's AssemblyRef row for Passport.Sdk to 9.</summary>
    private static void PatchSdkReferenceVersion(byte[] image)
    {
        using var stream = new MemoryStream(image, writable: false);
        using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
        var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
        foreach (var handle in metadata.AssemblyReferences)
        {
            var reference = metadata.GetAssemblyReference(handle);
            if (metadata.GetString(reference.Name) != "Passport.Sdk")
            {
                continue;
            }

            // AssemblyRef rows start with MajorVersion (2 bytes); find the row's file offset.
            var tableOffset = System.Reflection.Metadata.Ecma335.MetadataReaderExtensions.GetTableMetadataOffset(metadata, System.Reflection.Metadata.Ecma335.TableIndex.AssemblyRef);
            var rowSize = System.Reflection.Metadata.Ecma335.MetadataReaderExtensions.GetTableRowSize(metadata, System.Reflection.Metadata.Ecma335.TableIndex.AssemblyRef);
            var row = System.Reflection.Metadata.Ecma335.MetadataTokens.GetRowNumber(handle);
            var metadataStart = pe.PEHeaders.MetadataStartOffset;
            var offset = metadataStart + tableOffset + ((row - 1) * rowSize);
            image[offset] = 9;
            image[offset + 1] = 0;
            return;
        }

        throw new InvalidOperationException("The health module does not reference Passport.Sdk.");
    }
}

public class StartupSafetyTests
{
    [Fact]
    public async Task A_missing_JWKS_file_stops_the_host_at_start_naming_the_setting()
    {
        var (exitCode, output) = await HostProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Passport"] = "Host=127.0.0.1;Database=unused",
            ["Auth__JwksFile"] = "/nonexistent/jwks.json",
            ["Auth__Issuer"] = "https://keycloak.test/realms/passport",
            ["Passport__PluginsPath"] = TestPaths.PluginsPath,
        });
        exitCode.ShouldBe(2, output);
        output.ShouldContain("Auth__JwksFile");
    }

    [Fact]
    public async Task A_policy_file_with_an_unknown_level_stops_the_host_at_start()
    {
        var folder = TestPaths.NewTempFolder("policy");
        var policy = Path.Combine(folder, "policy.json");
        await File.WriteAllTextAsync(policy, "{ \"requiredModules\": [], \"breakGlass\": { \"groups\": [\"aboutMe\"] }, \"groups\": { \"aboutMe\": { \"health\": \"sometimes\" } } }");
        try
        {
            var (exitCode, output) = await HostProcess.RunToExitAsync(new Dictionary<string, string?>
            {
                ["ConnectionStrings__Passport"] = "Host=127.0.0.1;Database=unused",
                ["Auth__Authority"] = "https://keycloak.test/realms/passport",
                ["Passport__PolicyFile"] = policy,
                ["Passport__PluginsPath"] = TestPaths.PluginsPath,
            });
            exitCode.ShouldBe(2, output);
            output.ShouldContain("'sometimes' is not one of always, default, optIn, never");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_policy_file_that_shows_safeguarding_notes_to_the_family_stops_the_host_at_start()
    {
        var folder = TestPaths.NewTempFolder("policy");
        var policy = Path.Combine(folder, "policy.json");
        await File.WriteAllTextAsync(policy, "{ \"requiredModules\": [], \"breakGlass\": { \"groups\": [\"aboutMe\"] }, \"groups\": { \"aboutMe\": { \"health\": \"default\" }, \"socialCare.safeguarding\": { \"social-care\": \"always\", \"family\": \"always\" } } }");
        try
        {
            var (exitCode, output) = await HostProcess.RunToExitAsync(new Dictionary<string, string?>
            {
                ["ConnectionStrings__Passport"] = "Host=127.0.0.1;Database=unused",
                ["Auth__Authority"] = "https://keycloak.test/realms/passport",
                ["Passport__PolicyFile"] = policy,
                ["Passport__PluginsPath"] = TestPaths.PluginsPath,
            });
            exitCode.ShouldBe(2, output);
            output.ShouldContain("safeguarding notes are never shown to the family");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("\"breakGlass\": {", "\"breakGlas\": {", "unknown key 'breakGlas'")]
    [InlineData("\"health.emergency\", \"health.clinical\" ]", "\"health.emergency\", \"health.clinicl\" ]", "'breakGlass.groups' names 'health.clinicl', which is not a field group")]
    [InlineData("\"requiredModules\": [ \"health\", \"social-care\", \"education\", \"leisure\" ],", "", "'requiredModules' is missing")]
    public async Task A_policy_file_with_an_unknown_key_a_missing_key_or_an_unknown_break_glass_group_stops_the_host_at_start(string from, string to, string problem)
    {
        var policy = await PluginLoadingTests.RegionPolicyWithAsync(from, to);
        try
        {
            var (exitCode, output) = await HostProcess.RunToExitAsync(new Dictionary<string, string?>
            {
                ["ConnectionStrings__Passport"] = "Host=127.0.0.1;Database=unused",
                ["Auth__Authority"] = "https://keycloak.test/realms/passport",
                ["Passport__PolicyFile"] = policy,
                ["Passport__PluginsPath"] = TestPaths.PluginsPath,
            });
            exitCode.ShouldBe(2, output);
            output.ShouldContain($"The access policy file '{policy}' cannot be read: {problem}");
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(policy)!, recursive: true);
        }
    }

    [Fact]
    public async Task Required_modules_set_in_configuration_rather_than_the_policy_stop_the_host_at_start()
    {
        var (exitCode, output) = await HostProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Passport"] = "Host=127.0.0.1;Database=unused",
            ["Auth__Authority"] = "https://keycloak.test/realms/passport",
            ["Passport__RequiredModules__0"] = "health",
            ["Passport__PluginsPath"] = TestPaths.PluginsPath,
        });
        exitCode.ShouldBe(2, output);
        output.ShouldContain("the modules a region requires are the policy file's requiredModules");
    }

    [Fact]
    public async Task The_host_refuses_to_start_with_demo_tokens_enabled_outside_Development()
    {
        var (exitCode, output) = await HostProcess.RunToExitAsync(new Dictionary<string, string?>
        {
            ["Passport__DevTokens__Enabled"] = "true",
            ["ConnectionStrings__Passport"] = "Host=127.0.0.1;Database=unused",
            ["Passport__PluginsPath"] = TestPaths.PluginsPath,
        });
        exitCode.ShouldBe(2, output);
        output.ShouldContain("Demo tokens are for Development only");
    }
}
