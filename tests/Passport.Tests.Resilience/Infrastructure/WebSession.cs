using System.Net;
using System.Text.RegularExpressions;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Resilience.Infrastructure;

/// <summary>A person signed in to the web app with its cookie session (the development persona picker), asking for pages and following redirects as a browser does.</summary>
public sealed partial class WebSession : IDisposable
{
    private readonly HttpClient _http;

    private WebSession(HttpClient http) => _http = http;

    /// <summary>Signs in as a demo persona through the sign-in form, as a browser would.</summary>
    public static async Task<WebSession> SignInAsync(HostProcess host, string persona)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(90),
        };
        var form = await http.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        var antiforgery = Antiforgery().Match(form).Groups[1].Value;
        using var signIn = await http.PostAsync(
            new Uri("/sign-in", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["persona"] = persona, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery) }));
        // Signed in: the form leads on to the person's first page, not back to itself.
        signIn.StatusCode.ShouldBe(HttpStatusCode.OK, await signIn.Content.ReadAsStringAsync());
        signIn.RequestMessage!.RequestUri!.AbsolutePath.ShouldNotBe("/sign-in");
        return new WebSession(http);
    }

    public async Task<(HttpStatusCode Status, string Body, TimeSpan? RetryAfter)> GetAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.RetryAfter?.Delta);
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();
}
