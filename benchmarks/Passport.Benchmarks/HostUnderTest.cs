using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace Passport.Benchmarks;

/// <summary>
/// The real host, started as its own process from its build output (as the integration tests do),
/// in Production with offline JWKS validation of the benchmark's own RS256 key.
/// </summary>
internal sealed class HostUnderTest : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostUnderTest(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static string HostAssembly => Metadata("HostAssembly");

    public static string PluginsPath => Metadata("PluginsPath");

    public static async Task<HostUnderTest> StartAsync(string connectionString, string jwksFile, string issuer, string audience)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(HostAssembly)!,
        };
        start.ArgumentList.Add(HostAssembly);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
        start.Environment["ConnectionStrings__Passport"] = connectionString;
        start.Environment["Auth__JwksFile"] = jwksFile;
        start.Environment["Auth__Issuer"] = issuer;
        start.Environment["Auth__Audience"] = audience;
        start.Environment["Passport__PluginsPath"] = PluginsPath;
        // Request logging at Information would measure the console, not the service.
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__Console__FormatterName"] = "simple";

        var host = new HostUnderTest(Process.Start(start) ?? throw new InvalidOperationException("Could not start the host."), baseAddress);
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();

        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(180);
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
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet, or a slow first answer.
            }

            await Task.Delay(200);
        }

        await host.DisposeAsync();
        throw new TimeoutException($"The host was not ready in time:\n{host.Output}");
    }

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

    private static string Metadata(string key) =>
        typeof(HostUnderTest).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

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
