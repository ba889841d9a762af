using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class HostileInputTests(PassportFixture fixture)
{
    [Fact]
    public async Task Malformed_JSON_is_a_400_with_a_clear_error()
    {
        var (status, body) = await PostRawAsync("{\"query\": \"{ me { subject } }\"", "application/json");
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("not a valid GraphQL request");
        ShouldNotLeakInternals(body);
    }

    [Fact]
    public async Task A_huge_body_sent_without_a_length_is_refused_as_too_large()
    {
        var huge = "{\"query\":\"{ me { subject } }\",\"variables\":{\"padding\":\"" + new string('x', 2 * 1024 * 1024) + "\"}}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new UnknownLengthContent(huge) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token(Persona.Carer()));
        using var response = await fixture.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    /// <summary>Sent chunked: no Content-Length for the server to check up front.</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly string text;

        public UnknownLengthContent(string text)
        {
            this.text = text;
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) =>
            stream.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    [Fact]
    public async Task Control_characters_are_refused_naming_the_field_and_never_reach_the_database()
    {
        var carer = Persona.Carer();
        var created = await fixture.GraphQLAsync(carer, "mutation($n: String!) { createPassport(input: { givenName: $n, familyName: \"Lee\", dateOfBirth: \"2016-01-01\", localAuthority: \"E06000052\" }) { id } }", new { n = "Sa\u0000m" });
        created.ErrorCodes.ShouldBe(["VALIDATION_FAILED"], created.Body);
        created.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("input.givenName");

        // A code is only ever letters and digits: a NUL in one is a code that does not work, not a failure.
        (await fixture.GraphQLAsync(Persona.YoungPerson(), "mutation($c: String!) { acceptYoungPersonInvitation(code: $c) { id } }", new { c = "nul\u0000byte" }))
            .ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await fixture.GraphQLAsync(Persona.Professional("health"), "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = "abcd\u0000efg" }))
            .ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    [Fact]
    public async Task The_empty_id_is_not_found_for_a_change_as_for_a_read()
    {
        var response = await fixture.GraphQLAsync(Persona.Carer(), "mutation { updateAboutMe(passportId: \"00000000-0000-0000-0000-000000000000\", expectedVersion: 1, input: { likes: \"x\" }) { id } }");
        response.ErrorCodes.ShouldBe(["NOT_FOUND"], response.Body);
    }

    [Fact]
    public async Task A_subscription_or_a_query_too_deep_to_parse_is_a_clear_400()
    {
        var (status, body) = await PostRawAsync("{\"query\":\"subscription { me { subject } }\"}", "application/json");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldNotLeakInternals(body);

        var deep = "{ " + string.Concat(Enumerable.Repeat("a { ", 130)) + "b" + string.Concat(Enumerable.Repeat(" }", 130)) + " }";
        (status, body) = await PostRawAsync(System.Text.Json.JsonSerializer.Serialize(new { query = deep }), "application/json");
        status.ShouldBe(HttpStatusCode.BadRequest);
        body.ShouldContain("QUERY_TOO_COMPLEX");

        (status, body) = await PostRawAsync("{\"query\":\"{ a\\r{} }\"}", "application/json");
        status.ShouldBe(HttpStatusCode.BadRequest);
        ShouldNotLeakInternals(body);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_is_refused()
    {
        var (status, _) = await PostRawAsync("query { me { subject } }", "text/plain");
        status.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task An_unknown_field_is_a_validation_error_not_a_500()
    {
        var response = await fixture.GraphQLAsync(Persona.Carer(), "{ me { subject password } }");
        response.Status.ShouldBe(200);
        response.Data.ShouldBeNull();
        response.Errors.ShouldNotBeEmpty();
        response.Errors[0]!["message"]!.GetValue<string>().ShouldContain("password");
        ShouldNotLeakInternals(response.Body);
    }

    [Fact]
    public async Task An_unknown_field_is_a_400_for_clients_that_accept_graphql_response_json()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("""{"query":"{ me { nope } }"}""", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token(Persona.Carer()));
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await fixture.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/graphql-response+json");
    }

    [Fact]
    public async Task A_50_level_nested_query_is_refused_as_too_complex()
    {
        var query = "{ myPassports { " + string.Concat(Enumerable.Repeat("health { ", 50)) + "__typename" + new string('}', 50) + " } }";
        var response = await fixture.GraphQLAsync(Persona.Carer(), query);
        response.Status.ShouldBe(400);
        response.Data.ShouldBeNull();
        response.ErrorCodes.ShouldBe(["QUERY_TOO_COMPLEX"], response.Body);
        ShouldNotLeakInternals(response.Body);
    }

    [Fact]
    public async Task A_wrongly_typed_variable_is_a_clear_error()
    {
        var response = await fixture.GraphQLAsync(Persona.Carer(), "query($id: ID!) { passport(id: $id) { id } }", new { id = new { nested = true } });
        response.Data.ShouldBeNull();
        response.Errors[0]!["message"]!.GetValue<string>().ShouldContain("$id");
        ShouldNotLeakInternals(response.Body);
    }

    [Fact]
    public async Task A_wrongly_typed_input_field_is_a_clear_error()
    {
        var response = await fixture.GraphQLAsync(Persona.Carer(), PassportTests.CreateMutation, new
        {
            input = new { givenName = "A", familyName = "B", dateOfBirth = "14/05/2016", localAuthority = "E06000052" },
        });
        response.Data.ShouldBeNull();
        response.Body.ShouldContain("dateOfBirth");
        ShouldNotLeakInternals(response.Body);
    }

    [Fact]
    public async Task Introspection_is_off_outside_Development()
    {
        var response = await fixture.GraphQLAsync(Persona.Carer(), "{ __schema { types { name } } }");
        response.Data.ShouldBeNull();
        response.Errors.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task A_mutation_cannot_be_sent_with_GET()
    {
        var query = Uri.EscapeDataString("mutation { createPassport(input: {givenName: \"A\", familyName: \"B\", dateOfBirth: \"2016-01-01\", localAuthority: \"E06000052\"}) { id } }");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/graphql?query={query}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token(Persona.Carer()));
        using var response = await fixture.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task A_query_can_be_sent_with_GET()
    {
        var carer = Persona.Carer();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ me { subject } }"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token(carer));
        using var response = await fixture.Http.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain(carer.Subject);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostRawAsync(string body, string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, contentType) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token(Persona.Carer()));
        using var response = await fixture.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static void ShouldNotLeakInternals(string body)
    {
        body.ShouldNotContain("   at ");
        body.ShouldNotContain("Exception");
        body.ShouldNotContain("Npgsql");
        body.ShouldNotContain("Passport.Core");
    }
}
