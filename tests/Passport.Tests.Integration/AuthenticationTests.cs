using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Passport.Host.Identity;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class AuthenticationTests(PassportFixture fixture)
{
    private const string MeQuery = """{"query":"{ me { subject } }"}""";

    [Fact]
    public async Task No_token_is_refused_before_any_GraphQL_runs() =>
        await ShouldBeUnauthenticated(null);

    [Fact]
    public async Task A_malformed_token_is_refused() =>
        await ShouldBeUnauthenticated("not-a-jwt");

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused()
    {
        var folder = TestPaths.NewTempFolder("otherkey");
        try
        {
            var forged = SigningKey.LoadOrCreate(folder).Issue(Persona.Carer().Claims, PassportFixture.Issuer, PassportFixture.Audience, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5));
            await ShouldBeUnauthenticated(forged);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task An_expired_token_is_refused() =>
        await ShouldBeUnauthenticated(fixture.Token(Persona.Carer(), TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-1)));

    [Fact]
    public async Task A_token_for_another_audience_is_refused() =>
        await ShouldBeUnauthenticated(fixture.Key.Issue(Persona.Carer().Claims, PassportFixture.Issuer, "another-api", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

    [Fact]
    public async Task A_token_from_another_issuer_is_refused() =>
        await ShouldBeUnauthenticated(fixture.Key.Issue(Persona.Carer().Claims, "https://elsewhere/realms/x", PassportFixture.Audience, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)));

    [Fact]
    public async Task A_valid_token_is_mapped_to_the_viewer_with_Keycloak_roles_and_claims()
    {
        var nurse = Persona.Professional("health", "Royal Cornwall Hospitals NHS Trust");
        var me = (await fixture.GraphQLAsync(nurse, "{ me { subject displayName roles sector organisation localAuthority } }")).Ok()["me"]!;
        me["subject"]!.GetValue<string>().ShouldBe(nurse.Subject);
        me["displayName"]!.GetValue<string>().ShouldBe(nurse.Claims.Name);
        me["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["professional"]);
        me["sector"]!.GetValue<string>().ShouldBe("health");
        me["organisation"]!.GetValue<string>().ShouldBe("Royal Cornwall Hospitals NHS Trust");
    }

    [Fact]
    public async Task Roles_of_another_Keycloak_client_give_nothing_and_this_APIs_client_roles_count()
    {
        var claims = Persona.Professional("health").Claims with { Roles = [] };
        const string roles = "{ me { roles } }";

        var otherClient = claims with { ClientRoles = new Dictionary<string, IReadOnlyList<string>> { ["other-app"] = ["professional"] } };
        var me = (await fixture.GraphQLAsync(fixture.Key.Issue(otherClient, PassportFixture.Issuer, PassportFixture.Audience, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)), roles)).Ok()["me"]!;
        me["roles"]!.AsArray().ShouldBeEmpty();

        var ownClient = claims with { ClientRoles = new Dictionary<string, IReadOnlyList<string>> { ["other-app"] = ["auditor"], [PassportFixture.Audience] = ["professional"] } };
        me = (await fixture.GraphQLAsync(fixture.Key.Issue(ownClient, PassportFixture.Issuer, PassportFixture.Audience, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)), roles)).Ok()["me"]!;
        me["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["professional"]);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_a_token()
    {
        (await fixture.Http.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await fixture.Http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task ShouldBeUnauthenticated(string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(MeQuery, Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await fixture.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldContain("UNAUTHENTICATED");
        body.ShouldNotContain("\"data\"");
    }
}
