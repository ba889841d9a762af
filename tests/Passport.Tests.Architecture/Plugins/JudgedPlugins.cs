using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace Passport.Tests.Architecture.Plugins;

/// <summary>
/// Every plugin the architecture rules judge, found by looking, not by a list: each project in a
/// folder of its own under <c>modules/</c> and <c>plugins/</c> (as the host's build finds them), and
/// a plugin generated from the template the way the plugin guide tells an author to.
/// </summary>
internal static class JudgedPlugins
{
    /// <summary>The name the template-generated plugin is given.</summary>
    public const string FromTemplate = "Passport.Plugins.ArchitectureProbe";

    private static readonly Lazy<IReadOnlyList<Assembly>> Assemblies = new(Load);

    public static string RepoRoot => Metadata("RepoRoot");

    public static IReadOnlyList<Assembly> All => Assemblies.Value;

    /// <summary>Each plugin project of the repository: <c>modules/*/*.csproj</c> and <c>plugins/*/*.csproj</c>.</summary>
    public static IReadOnlyList<string> ProjectsInRepository() =>
        new[] { "modules", "plugins" }
            .SelectMany(folder => Directory.GetDirectories(Path.Combine(RepoRoot, folder)))
            .SelectMany(project => Directory.GetFiles(project, "*.csproj"))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string AssemblyName(string project) =>
        XDocument.Load(project).Descendants("AssemblyName").Select(e => e.Value).LastOrDefault()
        ?? Path.GetFileNameWithoutExtension(project);

    /// <summary>
    /// The host's build builds every project under modules/ and plugins/ into the Development demo's
    /// plugins folder, each in a folder named after its assembly (src/Passport.Host/Passport.Host.csproj).
    /// </summary>
    public static string BuiltAssembly(string project)
    {
        var name = AssemblyName(project);
        var path = Path.Combine(Metadata("DemoPluginsPath"), name, name + ".dll");
        return File.Exists(path)
            ? path
            : throw new FileNotFoundException($"{Path.GetRelativePath(RepoRoot, project)} has no build at {path}: the host's build builds every plugin project under modules/ and plugins/.");
    }

    public static string SdkFeed => Metadata("PassportSdkFeed");

    /// <summary>The version of Passport.Sdk the build last packed into the feed (the host's build packs it).</summary>
    public static string SdkVersion => File.ReadAllText(Path.Combine(SdkFeed, "Passport.Sdk.version")).Trim();

    private static List<Assembly> Load()
    {
        var paths = ProjectsInRepository().Select(BuiltAssembly).ToList();
        paths.Add(GenerateFromTemplate());
        return paths.Select(Assembly.LoadFrom).ToList();
    }

    /// <summary>
    /// A plugin generated from templates/passport-plugin outside the repository and built against the
    /// packaged SDK, as docs/plugin-guide.md does: what a new plugin starts as must keep the rules too.
    /// </summary>
    private static string GenerateFromTemplate()
    {
        var work = ScratchFolder("from-template");
        var project = Path.Combine(work, "src", FromTemplate);
        DotnetCommand.Run(work, "new", "install", Path.Combine(RepoRoot, "templates", "passport-plugin"), "--debug:custom-hive", Path.Combine(work, "hive"));
        DotnetCommand.Run(
            work, "new", "passport-plugin", "--debug:custom-hive", Path.Combine(work, "hive"),
            "-n", FromTemplate, "-o", project,
            "--module-name", "architecture-probe", "--sector", "architecture-probe", "--group", "architectureProbe.notes", "--section", "architectureProbe",
            "--sdk-feed", SdkFeed, "--sdk-version", SdkVersion);
        var output = Path.Combine(work, "build");
        DotnetCommand.Run(work, "build", Path.Combine(project, FromTemplate + ".csproj"), "-o", output);
        return Path.Combine(output, FromTemplate + ".dll");
    }

    /// <summary>
    /// An empty folder outside the repository, one per clone and purpose, emptied when a run first
    /// needs it rather than at its end: the assemblies built there are read until the run ends.
    /// </summary>
    public static string ScratchFolder(string purpose)
    {
        var clone = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(RepoRoot)))[..12].ToLowerInvariant();
        var folder = Path.Combine(Path.GetTempPath(), $"passport-architecture-{clone}", purpose);
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.CreateDirectory(folder);
        return folder;
    }

    public static string Metadata(string key) =>
        typeof(JudgedPlugins).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
