using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Passport.Tests.Integration.Infrastructure;

/// <summary>
/// A stand-in for an OpenTelemetry Collector: no collector runs on these machines, so this tiny
/// Kestrel endpoint accepts OTLP/HTTP (protobuf) on /v1/traces, /v1/metrics and /v1/logs and keeps
/// every payload. The OTLP protobuf types are not available here; tests look for names as UTF-8
/// bytes, which protobuf stores verbatim for every string field (span names, attribute keys and
/// values, metric names).
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<(string Signal, byte[] Body)> _payloads = new();

    private OtlpReceiver(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    public static async Task<OtlpReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver._payloads.Enqueue((signal, body.ToArray()));
            // An empty Export*ServiceResponse: full success.
            return Results.Bytes([], "application/x-protobuf");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Endpoint = new Uri(address);
        return receiver;
    }

    public IReadOnlyList<(string Signal, byte[] Body)> Payloads => [.. _payloads];

    /// <summary>Whether any payload of the signal ("traces", "metrics", "logs") holds the text.</summary>
    public bool Received(string signal, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return _payloads.Any(p => p.Signal == signal && p.Body.AsSpan().IndexOf(bytes) >= 0);
    }

    /// <summary>Every text of <paramref name="texts"/> found in any payload of any signal, with where.</summary>
    public IReadOnlyList<string> Find(IEnumerable<string> texts) =>
        [.. texts.SelectMany(text =>
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            return _payloads.Where(p => p.Body.AsSpan().IndexOf(bytes) >= 0).Select(p => $"'{text}' in {p.Signal}").Distinct();
        })];

    /// <summary>Waits until every expectation holds, polling; fails with what is still missing.</summary>
    public async Task WaitForAsync(IReadOnlyList<(string Signal, string Text)> expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var missing = expected.Where(e => !Received(e.Signal, e.Text)).ToList();
            if (missing.Count == 0)
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Not exported within {timeout}: {string.Join(", ", missing.Select(m => $"{m.Signal}: {m.Text}"))}. Received {_payloads.Count} payloads ({string.Join(", ", _payloads.GroupBy(p => p.Signal).Select(g => $"{g.Key} {g.Count()}"))}).");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
