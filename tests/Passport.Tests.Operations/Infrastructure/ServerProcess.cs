using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Passport.Tests.Operations.Infrastructure;

/// <summary>
/// A server the tests start (etcd, Patroni), its output kept for failure messages. PostgreSQL and
/// Patroni refuse to run as root, and CI runs as root: then the server runs as the <c>postgres</c>
/// user through <c>setpriv</c>, which replaces itself with the server, so the process id is the
/// server's own and <c>kill -9</c> reaches it.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server wrote (stdout and stderr).</summary>
    public string OutputTail(int lines = 40)
    {
        lock (_output)
        {
            return string.Join('\n', _output.ToString().Split('\n').TakeLast(lines));
        }
    }

    public static ServerProcess Start(string name, string executable, IEnumerable<string> arguments, string workingDirectory)
    {
        var start = new ProcessStartInfo(RunsAsPostgres ? "setpriv" : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        if (RunsAsPostgres)
        {
            foreach (var argument in new[] { "--reuid=postgres", "--regid=postgres", "--init-groups", "--", executable })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["HOME"] = workingDirectory;
        var server = new ServerProcess(name, Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}."));
        server._process.OutputDataReceived += (_, e) => server.Append(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary>True when this test run is root, so servers run as the postgres user.</summary>
    public static bool RunsAsPostgres { get; } = string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    /// <summary>Gives a folder (and everything in it) to the postgres user when running as root, creating the user if missing.</summary>
    public static void GiveToPostgres(string folder)
    {
        if (!RunsAsPostgres)
        {
            return;
        }

        try
        {
            Run("id", "-u", "postgres");
        }
        catch (InvalidOperationException)
        {
            // Debian's postgresql package creates the account; a machine with the binaries alone may lack it.
            Run("useradd", "--system", "--no-create-home", "postgres");
        }

        Run("chown", "-R", "postgres:", folder);
    }

    /// <summary>Asks the server to stop (SIGTERM) and waits for it, up to <paramref name="timeout"/>; then kills it.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        Run("kill", "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture));
        var deadline = Stopwatch.StartNew();
        while (!_process.HasExited && deadline.Elapsed < timeout)
        {
            await Task.Delay(100);
        }

        Kill();
    }

    /// <summary>SIGKILL, as a crash or a lost machine would end it.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);

            // The timed wait does not wait for the output pipes to close: a daemon the server started
            // (Patroni's postmaster) may still hold them.
            _process.WaitForExit(TimeSpan.FromSeconds(10));
        }
    }

    /// <summary>SIGKILL to a process and every process below it (a postmaster and its backends).</summary>
    public static void KillTree(int processId)
    {
        var doomed = new List<int> { processId };
        for (var i = 0; i < doomed.Count; i++)
        {
            doomed.AddRange(ChildrenOf(doomed[i]));
        }

        foreach (var id in doomed)
        {
            try
            {
                using var process = Process.GetProcessById(id);
                process.Kill();
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string Run(string executable, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not run {executable}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', arguments)} did not finish in 5 minutes.");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{executable} {string.Join(' ', arguments)} exited with {process.ExitCode}: {stdout.Result}{stderr.Result}");
        }

        return stdout.Result;
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")))
        {
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.Parse(fields[1], CultureInfo.InvariantCulture) == parent)
            {
                yield return int.Parse(text[..text.IndexOf(' ', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            }
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }
}
