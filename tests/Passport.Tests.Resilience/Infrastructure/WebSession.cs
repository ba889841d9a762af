using System.Net;
using System.Text.RegularExpressions;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Resilience.Infrastructure;

/// <summary>A person signed in to the web app with its cookie session (the development persona picker), asking for pages.</summary>
public sealed partial class WebSession : IDisposable
{
    private readonly HttpClient _http;

    private WebSession(HttpClient http) => _http = http;

    /// <summary>Signs in as a demo persona through the sign-in form, as a browser would.</summary>
    public static async Task<WebSession> SignInAsync(HostProcess host, string persona)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = host.BaseAddress,
            Timeout = TimeSpan.FromSeconds(90),
        };
        var form = await http.GetStringAsync(new Uri("/sign-in", UriKind.Relative));
        var antiforgery = Antiforgery().Match(form).Groups[1].Value;
        using var signIn = await http.PostAsync(
            new Uri("/sign-in", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["persona"] = persona, ["__RequestVerificationToken"] = WebUtility.HtmlDecode(antiforgery) }));
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync());
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
