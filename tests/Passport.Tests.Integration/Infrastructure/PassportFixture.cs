using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Passport.Host.Identity;
using Passport.LocalPostgres;

namespace Passport.Tests.Integration.Infrastructure;

/// <summary>
/// Once per test run: a throwaway PostgreSQL cluster on a free port, an RS256 signing key whose
/// JWKS the host trusts (the same offline path Keycloak tokens take), and the real host process.
/// </summary>
public sealed class PassportFixture : IAsyncLifetime
{
    public const string Issuer = "https://keycloak.test/realms/passport";
    public const string Audience = "passport-api";

    private readonly string _folder = TestPaths.NewTempFolder("run");

    public LocalPostgresCluster Postgres { get; private set; } = null!;
    public SigningKey Key { get; private set; } = null!;
    public HostProcess Host { get; private set; } = null!;
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await LocalPostgresCluster.StartAsync(Path.Combine(_folder, "pg"), "passport", keepData: false, durable: false);
        Key = SigningKey.LoadOrCreate(Path.Combine(_folder, "keys"));
        Host = await HostProcess.StartAsync(HostEnvironment(Postgres.ConnectionString));
        Http = new HttpClient { BaseAddress = Host.BaseAddress };
    }

    /// <summary>The settings a host of this run needs; tests may change or add to them.</summary>
    public Dictionary<string, string?> HostEnvironment(string connectionString) => new()
    {
        ["ConnectionStrings__Passport"] = connectionString,
        ["Auth__JwksFile"] = SigningKey.JwksPath(Path.Combine(_folder, "keys")),
        ["Auth__Issuer"] = Issuer,
        ["Auth__Audience"] = Audience,
        ["Passport__PluginsPath"] = TestPaths.PluginsPath,
    };

    /// <summary>A fresh empty database on the run's cluster, for a host of its own.</summary>
    public async Task<string> NewDatabaseAsync()
    {
        var name = "passport_" + Guid.NewGuid().ToString("N")[..12];
        await Postgres.CreateDatabaseAsync(name);
        return new Npgsql.NpgsqlConnectionStringBuilder(Postgres.ConnectionString) { Database = name }.ConnectionString;
    }

    public string Token(Persona persona, TimeSpan? lifetime = null, DateTimeOffset? now = null) =>
        Key.Issue(persona.Claims, Issuer, Audience, now ?? DateTimeOffset.UtcNow, lifetime ?? TimeSpan.FromMinutes(30));

    public Task<GraphQLResponse> GraphQLAsync(Persona persona, string query, object? variables = null) =>
        GraphQLAsync(Token(persona), query, variables);

    public Task<GraphQLResponse> GraphQLAsync(string token, string query, object? variables = null) =>
        GraphQLAsync(Http, token, query, variables);

    /// <summary>A GraphQL request to any host of this run (tests that start a host of their own).</summary>
    public static async Task<GraphQLResponse> GraphQLAsync(HttpClient http, string token, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new GraphQLResponse((int)response.StatusCode, body, JsonNode.Parse(body));
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class PassportCollection : ICollectionFixture<PassportFixture>
{
    public const string Name = "passport host";
}

public sealed record GraphQLResponse(int Status, string Body, JsonNode? Json)
{
    public JsonNode? Data => Json?["data"];

    public JsonArray Errors => Json?["errors"] as JsonArray ?? [];

    public IEnumerable<string> ErrorCodes => Errors.Select(e => e?["extensions"]?["code"]?.GetValue<string>() ?? "");

    /// <summary>The data, failing the test with the body when the response has errors.</summary>
    public JsonNode Ok()
    {
        Errors.ShouldBeEmpty(Body);
        Status.ShouldBe(200, Body);
        return Data!;
    }

    public JsonNode? ErrorAt(params object[] path) => Errors.FirstOrDefault(e =>
        e?["path"] is JsonArray p && p.Select(x => x!.ToString()).SequenceEqual(path.Select(x => x.ToString()!)));
}
