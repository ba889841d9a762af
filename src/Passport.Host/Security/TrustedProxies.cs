using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Passport.Host.Security;

/// <summary>
/// The TLS-terminating proxies or load balancers in front of the host (ADR 25). Only requests that
/// arrive from one of them have their <c>X-Forwarded-For</c>, <c>X-Forwarded-Proto</c> and
/// <c>X-Forwarded-Host</c> believed, so behind the proxy <c>Request.IsHttps</c> is true (HSTS is
/// sent, cookies are Secure, sign-in redirects are https) and the client's address is the real one.
/// With none configured the headers are ignored: anyone could send them.
/// </summary>
internal static class TrustedProxies
{
    /// <summary>Configuration: lists of proxy addresses (<c>10.0.0.5</c>) and networks (<c>10.0.0.0/8</c>).</summary>
    public const string KnownProxiesKey = "Passport:ForwardedHeaders:KnownProxies";

    public const string KnownNetworksKey = "Passport:ForwardedHeaders:KnownNetworks";

    /// <summary>Reads the configured proxies; throws <see cref="InvalidOperationException"/> naming an entry that is not an address or network.</summary>
    public static ForwardedHeadersOptions? From(IConfiguration configuration)
    {
        var proxies = configuration.GetSection(KnownProxiesKey).Get<string[]>() ?? [];
        var networks = configuration.GetSection(KnownNetworksKey).Get<string[]>() ?? [];
        if (proxies.Length == 0 && networks.Length == 0)
        {
            return null;
        }

        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,

            // Every hop from a trusted proxy is taken, and the first hop from anywhere else ends it.
            ForwardLimit = null,
        };

        // ASP.NET Core trusts loopback by default; here only what the operator lists is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies)
        {
            options.KnownProxies.Add(IPAddress.TryParse(proxy.Trim(), out var address)
                ? address
                : throw new InvalidOperationException($"{KnownProxiesKey.Replace(":", "__", StringComparison.Ordinal)}: '{proxy}' is not an IP address."));
        }

        foreach (var network in networks)
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network.Trim(), out var parsed)
                ? parsed
                : throw new InvalidOperationException($"{KnownNetworksKey.Replace(":", "__", StringComparison.Ordinal)}: '{network}' is not a network in CIDR notation (e.g. 10.0.0.0/8)."));
        }

        return options;
    }
}
