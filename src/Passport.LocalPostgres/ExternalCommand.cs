using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Passport.LocalPostgres;

/// <summary>The outcome of one external command; <see cref="Output"/> interleaves stdout and stderr.</summary>
internal sealed record CommandResult(string Command, int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;

    public string Describe() =>
        $"`{Command}` exited with code {ExitCode}:{Environment.NewLine}{(Output.Length == 0 ? "(no output)" : Output.TrimEnd())}";

    public CommandResult EnsureSuccess() =>
        Succeeded ? this : throw new InvalidOperationException(Describe());
}

internal static class ExternalCommand
{
    // Containers often run with a PATH that lacks the sbin directories where runuser, useradd and chown live.
    private static readonly string[] WellKnownDirectories =
        ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    public static async Task<CommandResult> RunAsync(
        string fileName, IReadOnlyList<string> arguments, string? workingDirectory, CancellationToken cancellationToken)
    {
        var command = Format(fileName, arguments);
        using var process = new Process { StartInfo = CreateStartInfo(fileName, arguments, workingDirectory) };
        var output = new StringBuilder();
        Capture(process, output);
        Start(process, command);
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill(process);
            throw;
        }

        return new CommandResult(command, process.ExitCode, Snapshot(output));
    }

    public static CommandResult Run(string fileName, IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var command = Format(fileName, arguments);
        using var process = new Process { StartInfo = CreateStartInfo(fileName, arguments, workingDirectory: null) };
        var output = new StringBuilder();
        Capture(process, output);
        Start(process, command);
        if (!process.WaitForExit(timeout))
        {
            Kill(process);
            throw new InvalidOperationException($"`{command}` did not finish within {timeout.TotalSeconds:0} seconds.");
        }

        // The parameterless overload is the one that waits for the redirected streams to drain.
        process.WaitForExit();
        return new CommandResult(command, process.ExitCode, Snapshot(output));
    }

    public static string Locate(string name)
    {
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return name;
        }

        var searchPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(WellKnownDirectories);
        foreach (var directory in searchPath)
        {
            var candidate = Path.Combine(directory, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return name;
    }

    private static ProcessStartInfo CreateStartInfo(string fileName, IReadOnlyList<string> arguments, string? workingDirectory)
    {
        var startInfo = new ProcessStartInfo(Locate(fileName))
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            CreateNoWindow = true,
        };
        if (workingDirectory is not null)
        {
            startInfo.WorkingDirectory = workingDirectory;
        }

        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }

    private static void Capture(Process process, StringBuilder output)
    {
        void Append(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
    }

    private static void Start(Process process, string command)
    {
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"Could not run `{command}`: {ex.Message}", ex);
        }

        // Nothing we run reads stdin; closing it stops a tool that unexpectedly prompts from hanging forever.
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static string Format(string fileName, IReadOnlyList<string> arguments) =>
        string.Join(' ', new[] { fileName }.Concat(arguments).Select(Quote));

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'')
            ? argument
            : "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
