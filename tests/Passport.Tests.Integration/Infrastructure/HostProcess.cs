using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Passport.Tests.Integration.Infrastructure;

/// <summary>The real host, started as its own process from its build output, listening on a free port.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The host's operating-system process id (the benchmark reads its memory from /proc).</summary>
    public int ProcessId => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the host and waits until /health/ready answers 200, or the process exits.</summary>
    public static async Task<HostProcess> StartAsync(IDictionary<string, string?> environment, TimeSpan? timeout = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var env = new Dictionary<string, string?>(environment) { ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/') };
        var host = new HostProcess(Launch(env), baseAddress);
        host.Capture();

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (DateTime.UtcNow < deadline)
        {
            if (host._process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {host._process.ExitCode} before it was ready:\n{host.Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow first answer while it warms up.
            }

            await Task.Delay(100);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"The host was not ready in time:\n{host.Output}");
    }

    /// <summary>Runs the host expecting it to stop by itself (e.g. refusing to start); returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunToExitAsync(IDictionary<string, string?> environment, string[]? arguments = null, TimeSpan? timeout = null)
    {
        var env = new Dictionary<string, string?>(environment) { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{FreePort()}" };
        var host = new HostProcess(Launch(env, arguments), new Uri("http://127.0.0.1"));
        host.Capture();
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(120));
        try
        {
            await host._process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            await host.DisposeAsync();
            throw new TimeoutException($"The host did not exit:\n{host.Output}");
        }

        host._process.WaitForExit();
        return (host._process.ExitCode, host.Output);
    }

    private static Process Launch(IDictionary<string, string?> environment, string[]? arguments = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(TestPaths.HostAssembly)!,
        };
        start.ArgumentList.Add(TestPaths.HostAssembly);
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("ConnectionStrings__Passport");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start the host.");
    }

    private void Capture()
    {
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
