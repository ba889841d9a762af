using System.Net;
using System.Text.RegularExpressions;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// The security headers of pages and API, HSTS only outside Development, forwarded headers believed
/// only from a configured proxy, and cookies Secure behind that proxy and always outside
/// Development (ADR 25). A "proxy" here is the test itself, sending what a TLS-terminating proxy
/// sends (<c>X-Forwarded-Proto: https</c>, the public host name) from 127.0.0.1, which the hosts of
/// <see cref="ProxiedHosts"/> are told to trust; the run's shared host trusts no proxy.
/// </summary>
[Collection(PassportCollection.Name)]
public sealed partial class SecurityHeadersTests(PassportFixture fixture, SecurityHeadersTests.ProxiedHosts hosts) : IClassFixture<SecurityHeadersTests.ProxiedHosts>
{
    private const string PublicHost = "passport.example.nhs.uk";

    /// <summary>A page, a static file, the service worker, and the API's endpoints (each answering without a token).</summary>
    public static TheoryData<string, string, bool> Paths => new()
    {
        { "GET", "/sign-in", false },
        { "GET", "/_content/Passport.Web/passport.css", false },
        { "GET", "/sw.js", false },
        { "POST", "/graphql", true },
        { "GET", "/fhir/Patient/00000000-0000-0000-0000-000000000001/$summary", true },
        { "GET", "/health/ready", true },
        { "GET", "/health/live", true },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Behind_the_proxy_in_Production_pages_and_API_carry_the_security_headers_and_HSTS(string method, string path, bool isApi)
    {
        var host = await hosts.StartAsync(fixture);
        using var response = await SendAsync(host.Production, method, path, viaProxy: true);

        SecurityHeadersOf(response, isApi);
        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldBe("max-age=31536000; includeSubDomains");
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task In_Development_the_same_headers_are_sent_without_HSTS(string method, string path, bool isApi)
    {
        var host = await hosts.StartAsync(fixture);
        using var response = await SendAsync(host.Development, method, path, viaProxy: true);

        SecurityHeadersOf(response, isApi);
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("no HSTS in Development");
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_not_configured_as_a_proxy_are_ignored()
    {
        // The run's shared host (Production) trusts no proxy: whoever claims to be one is not believed.
        using var http = PlainClient(fixture.Host.BaseAddress);
        using var response = await SendAsync(http, "GET", "/sign-in", viaProxy: true);

        SecurityHeadersOf(response, isApi: false);
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse("the request did not come over HTTPS");
    }

    [Fact]
    public async Task Outside_Development_every_cookie_is_Secure_HttpOnly_and_SameSite_even_over_plain_HTTP()
    {
        using var http = PlainClient(fixture.Host.BaseAddress);
        using var response = await SendAsync(http, "GET", "/sign-in", viaProxy: false);

        var antiforgery = SetCookie(response, "passport.antiforgery").ToLowerInvariant();
        antiforgery.ShouldContain("secure");
        antiforgery.ShouldContain("httponly");
        antiforgery.ShouldContain("samesite=strict", customMessage: "antiforgery's own SameSite, stricter than the policy's Lax");
    }

    [Fact]
    public async Task In_Development_the_session_cookie_is_Secure_behind_the_proxy_and_only_there()
    {
        var host = await hosts.StartAsync(fixture);

        var direct = (await SignInAsPersonaAsync(host.Development, viaProxy: false)).ToLowerInvariant();
        direct.ShouldNotContain("secure", customMessage: "plain HTTP straight to the host in Development");

        var proxied = (await SignInAsPersonaAsync(host.Development, viaProxy: true)).ToLowerInvariant();
        proxied.ShouldContain("secure");
        proxied.ShouldContain("httponly");
        proxied.ShouldContain("samesite=lax");
    }

    [Theory]
    [InlineData("Passport__ForwardedHeaders__KnownProxies__0", "proxy.example", "is not an IP address")]
    [InlineData("Passport__ForwardedHeaders__KnownNetworks__0", "10.0.0.0", "is not a network in CIDR notation")]
    [InlineData("Auth__WebSessionRevalidation", "00:30:00", "at most 00:15:00")]
    public async Task A_proxy_or_revalidation_setting_the_host_cannot_use_stops_it_at_start(string key, string value, string message)
    {
        var environment = fixture.HostEnvironment(fixture.Postgres.ConnectionString);
        environment[key] = value;
        var (exitCode, output) = await HostProcess.RunToExitAsync(environment);
        exitCode.ShouldBe(2, output);
        output.ShouldContain(message);
    }

    /// <summary>The headers every answer carries; the pages' policy allows scripts from the host only, the API's nothing.</summary>
    private static void SecurityHeadersOf(HttpResponseMessage response, bool isApi)
    {
        string Header(string name) => response.Headers.TryGetValues(name, out var values) ? values.Single() : response.Content.Headers.TryGetValues(name, out var more) ? more.Single()
            : throw new ShouldAssertException($"{response.RequestMessage!.RequestUri} ({(int)response.StatusCode}) has no {name} header: {response.Headers}");

        Header("X-Frame-Options").ShouldBe("DENY");
        Header("X-Content-Type-Options").ShouldBe("nosniff");
        Header("Referrer-Policy").ShouldBe("no-referrer");
        response.Headers.Contains("Server").ShouldBeFalse();
        var csp = Header("Content-Security-Policy");
        csp.ShouldContain("frame-ancestors 'none'");
        csp.ShouldNotContain("unsafe-inline");
        csp.ShouldNotContain("unsafe-eval");
        if (isApi)
        {
            csp.ShouldContain("default-src 'none'");
        }
        else
        {
            csp.ShouldContain("script-src 'self'");
            csp.ShouldContain("style-src 'self'");
            csp.ShouldContain("object-src 'none'");
            csp.ShouldContain("base-uri 'none'");
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string method, string path, bool viaProxy, HttpContent? content = null, string? cookie = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)) { Content = content };
        if (method == "POST" && content is null)
        {
            request.Content = new StringContent("{\"query\":\"{ me { subject } }\"}", System.Text.Encoding.UTF8, "application/json");
        }

        if (viaProxy)
        {
            // What nginx or a load balancer adds when it terminates TLS for a browser at 203.0.113.7.
            request.Headers.Host = PublicHost;
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await http.SendAsync(request);
    }

    /// <summary>A client that neither keeps cookies nor follows redirects, so each answer is seen as sent.</summary>
    private static HttpClient PlainClient(Uri host) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host };

    /// <summary>Signs in with the Development persona picker; returns the session cookie's Set-Cookie.</summary>
    private static async Task<string> SignInAsPersonaAsync(HttpClient http, bool viaProxy)
    {
        using var form = await SendAsync(http, "GET", "/sign-in", viaProxy);
        var html = await form.Content.ReadAsStringAsync();
        var token = AntiforgeryToken().Match(html).Groups["token"].Value;
        token.ShouldNotBeEmpty(html);
        var antiforgery = SetCookie(form, "passport.antiforgery").Split(';')[0];
        using var signedIn = await SendAsync(http, "POST", "/sign-in", viaProxy, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["persona"] = "carer",
            ["__RequestVerificationToken"] = token,
        }), cookie: antiforgery);
        signedIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signedIn.Content.ReadAsStringAsync());
        return SetCookie(signedIn, "passport.session");
    }

    private static string SetCookie(HttpResponseMessage response, string name) =>
        (response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : []).SingleOrDefault(c => c.StartsWith(name + "=", StringComparison.Ordinal))
        ?? throw new ShouldAssertException($"{response.RequestMessage!.RequestUri} set no {name} cookie");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"(?<token>[^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>A Production host and a Development host (persona sign-in), each trusting 127.0.0.1 as its proxy; started once for the class.</summary>
    public sealed class ProxiedHosts : IAsyncLifetime
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private readonly string _folder = TestPaths.NewTempFolder("proxied");
        private readonly List<HostProcess> _processes = [];
        private Started? _started;

        public sealed record Started(HttpClient Production, HttpClient Development);

        public async Task<Started> StartAsync(PassportFixture fixture)
        {
            await _gate.WaitAsync();
            try
            {
                return _started ??= await StartBothAsync(fixture);
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task<Started> StartBothAsync(PassportFixture fixture)
        {
            var production = fixture.HostEnvironment(await fixture.NewDatabaseAsync());
            production["Passport__ForwardedHeaders__KnownProxies__0"] = "127.0.0.1";

            var development = new Dictionary<string, string?>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Development",
                ["DOTNET_ENVIRONMENT"] = "Development",
                ["ConnectionStrings__Passport"] = await fixture.NewDatabaseAsync(),
                ["Passport__DataFolder"] = _folder,
                ["Passport__PluginsPath"] = TestPaths.PluginsPath,
                ["Passport__ForwardedHeaders__KnownNetworks__0"] = "127.0.0.0/8",
            };
            // One after the other, each kept for disposal as soon as it runs, so a failed start leaves nothing behind.
            var productionHost = await HostProcess.StartAsync(production);
            _processes.Add(productionHost);
            var developmentHost = await HostProcess.StartAsync(development);
            _processes.Add(developmentHost);
            return new Started(PlainClient(productionHost.BaseAddress), PlainClient(developmentHost.BaseAddress));
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync()
        {
            _started?.Production.Dispose();
            _started?.Development.Dispose();
            foreach (var process in _processes)
            {
                await process.DisposeAsync();
            }

            Directory.Delete(_folder, recursive: true);
        }
    }
}
