using System.Reflection;
using System.Runtime.Loader;

namespace Passport.Tests.Architecture.Plugins;

/// <summary>
/// A copy of Short Breaks, built in a folder of its own exactly as the repository builds it (its
/// plugins/ build files, the packaged SDK), with one change: it references the health module's
/// assembly and uses its module type. What a careless "just call Health from here" would look like.
/// </summary>
internal static class ShortBreaksReachingIntoHealth
{
    private const string ShortBreaks = "Passport.Plugins.ShortBreaks";
    private const string Health = "Passport.Modules.Health";

    private static readonly Lazy<Assembly> Built = new(Build);

    public static Assembly Assembly => Built.Value;

    private static Assembly Build()
    {
        var repo = JudgedPlugins.RepoRoot;
        var work = JudgedPlugins.ScratchFolder("short-breaks-reaching-into-health");
        var project = Path.Combine(work, "plugins", ShortBreaks);
        CopySources(Path.Combine(repo, "plugins", ShortBreaks), project);

        // The copy keeps the repository's build files for plugins and its package versions.
        File.WriteAllText(Path.Combine(work, "plugins", "Directory.Build.props"), $"""<Project><Import Project="{Path.Combine(repo, "plugins", "Directory.Build.props")}" /></Project>""");
        File.WriteAllText(Path.Combine(work, "plugins", "Directory.Build.targets"), $"""<Project><Import Project="{Path.Combine(repo, "plugins", "Directory.Build.targets")}" /></Project>""");
        File.WriteAllText(Path.Combine(work, "Directory.Packages.props"), $"""<Project><Import Project="{Path.Combine(repo, "Directory.Packages.props")}" /></Project>""");
        File.WriteAllText(Path.Combine(work, "plugins", "nuget.config"), $"""
            <configuration>
              <packageSources>
                <add key="passport-sdk" value="{JudgedPlugins.SdkFeed}" />
              </packageSources>
            </configuration>
            """);

        var healthProject = JudgedPlugins.ProjectsInRepository().Single(p => JudgedPlugins.AssemblyName(p) == Health);
        var csproj = Path.Combine(project, ShortBreaks + ".csproj");
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("</Project>", $"""
              <ItemGroup>
                <Reference Include="{Health}" HintPath="{JudgedPlugins.BuiltAssembly(healthProject)}" Private="false" />
              </ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(project, "ReachIntoHealth.cs"), $$"""
            namespace {{ShortBreaks}};

            /// <summary>Short Breaks asking the health module directly, instead of through the SDK's integration events.</summary>
            public static class ReachIntoHealth
            {
                public static string ModuleName({{Health}}.HealthModule health)
                {
                    ArgumentNullException.ThrowIfNull(health);
                    return health.Manifest.Name;
                }
            }
            """);

        // Built against the SDK version the repository's build packed; this build packs nothing itself.
        var output = Path.Combine(work, "build");
        DotnetCommand.Run(work, "build", csproj, "-o", output, $"-p:PassportSdkVersion={JudgedPlugins.SdkVersion}");

        // Its own load context: the real Short Breaks, with the same name, is loaded already.
        return new AssemblyLoadContext("short-breaks-reaching-into-health", isCollectible: true)
            .LoadFromAssemblyPath(Path.Combine(output, ShortBreaks + ".dll"));
    }

    private static void CopySources(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
            File.Copy(file, Path.Combine(to, relative));
        }
    }
}
