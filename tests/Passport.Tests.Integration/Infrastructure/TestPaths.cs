using System.Reflection;

namespace Passport.Tests.Integration.Infrastructure;

internal static class TestPaths
{
    public static string HostAssembly => Metadata("HostAssembly");
    public static string PluginsPath => Metadata("PluginsPath");
    public static string RepoRoot => Metadata("RepoRoot");
    public static string BenchmarkAssembly => Metadata("BenchmarkAssembly");

    public static string NewTempFolder(string purpose)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"passport-{purpose}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string Metadata(string key) =>
        typeof(TestPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
