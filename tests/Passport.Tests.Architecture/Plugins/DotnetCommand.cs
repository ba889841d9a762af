using System.Diagnostics;

namespace Passport.Tests.Architecture.Plugins;

/// <summary>
/// Runs the dotnet CLI as a plugin author would. Output goes to a file rather than a pipe: build
/// servers a command starts can outlive it and would hold a pipe open.
/// </summary>
internal static class DotnetCommand
{
    public static void Run(string workingDirectory, params string[] arguments)
    {
        var log = Path.Combine(workingDirectory, $"dotnet-{Guid.NewGuid():N}.log");
        var start = new ProcessStartInfo("bash") { UseShellExecute = false, RedirectStandardInput = true, WorkingDirectory = workingDirectory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$@\" >\"$LOG\" 2>&1");
        start.ArgumentList.Add("dotnet");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LOG"] = log;
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} did not finish:\n{File.ReadAllText(log)}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}):\n{File.ReadAllText(log)}");
        }
    }
}
