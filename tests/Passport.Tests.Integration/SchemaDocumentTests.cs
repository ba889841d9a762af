using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

public class SchemaDocumentTests
{
    [Fact]
    public async Task Docs_schema_graphql_is_the_schema_the_host_serves()
    {
        var printed = Path.Combine(TestPaths.NewTempFolder("schema"), "schema.graphql");
        var (exitCode, output) = await HostProcess.RunToExitAsync(
            new Dictionary<string, string?> { ["Passport__PluginsPath"] = TestPaths.PluginsPath },
            ["schema", printed]);
        exitCode.ShouldBe(0, output);
        var documented = await File.ReadAllTextAsync(Path.Combine(TestPaths.RepoRoot, "docs", "schema.graphql"));
        Normalise(documented).ShouldBe(
            Normalise(await File.ReadAllTextAsync(printed)),
            "docs/schema.graphql is stale: regenerate it with `dotnet run --project src/Passport.Host -- schema \"$PWD/docs/schema.graphql\"` from the repository root");
    }

    private static string Normalise(string sdl) => sdl.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
}
