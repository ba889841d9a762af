using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using Passport.Host.Identity;
using Passport.LocalPostgres;
using Passport.Tests.Integration.Infrastructure;
using Xunit.Abstractions;

namespace Passport.Tests.Resilience.Infrastructure;

/// <summary>
/// One fault test's world: a durable PostgreSQL cluster that the test may crash and restart, the
/// RS256 key the hosts trust (the offline path Keycloak tokens take), and the host processes the
/// test starts on it, each killed at the end if still running.
/// </summary>
public sealed class FaultRig : IAsyncDisposable
{
    private readonly string _folder;
    private readonly SigningKey _key;
    private readonly ITestOutputHelper _output;
    private readonly List<HostProcess> _hosts = [];
    private LocalPostgresCluster _postgres;

    private FaultRig(string folder, LocalPostgresCluster postgres, SigningKey key, ITestOutputHelper output)
    {
        _folder = folder;
        _postgres = postgres;
        _key = key;
        _output = output;
    }

    /// <summary>
    /// A dead host's unfinished messages are taken over after 5 s of missed heartbeats rather than
    /// Wolverine's default, so the tests wait seconds, not minutes (docs/operations.md).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> QuickTakeover = new Dictionary<string, string?>
    {
        ["Passport__Durability__StaleNodeTimeout"] = "00:00:05",
    };

    /// <summary>A client for every host of the test: requests name their host; a hang shows as a timeout, never as a stuck test.</summary>
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(90) };

    /// <summary>Starts a fresh cluster. Durable (fsync and synchronous commit on): an acknowledged write must survive PostgreSQL crashing.</summary>
    public static async Task<FaultRig> StartAsync(ITestOutputHelper output)
    {
        var folder = TestPaths.NewTempFolder("faults");
        var postgres = await LocalPostgresCluster.StartAsync(Path.Combine(folder, "pg"), "passport", keepData: true, durable: true);
        return new FaultRig(folder, postgres, SigningKey.LoadOrCreate(Path.Combine(folder, "keys")), output);
    }

    /// <summary>Starts a host on the cluster and waits until it is ready.</summary>
    public async Task<HostProcess> StartHostAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Passport"] = _postgres.ConnectionString,
            ["Auth__JwksFile"] = SigningKey.JwksPath(Path.Combine(_folder, "keys")),
            ["Auth__Issuer"] = PassportFixture.Issuer,
            ["Auth__Audience"] = PassportFixture.Audience,
            ["Passport__PluginsPath"] = TestPaths.PluginsPath,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            // A null setting leaves the variable out.
            if (value is null)
            {
                environment.Remove(key);
            }
            else
            {
                environment[key] = value;
            }
        }

        var host = await HostProcess.StartAsync(environment, TimeSpan.FromSeconds(180));
        lock (_hosts)
        {
            _hosts.Add(host);
        }

        return host;
    }

    /// <summary>
    /// A host in Development on the cluster, with no <c>Auth__*</c> settings: the web app's persona
    /// picker signs people in (the pages offer no sign-in with only a JWKS file).
    /// </summary>
    public Task<HostProcess> StartDevelopmentHostAsync() => StartHostAsync(new Dictionary<string, string?>
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["Auth__JwksFile"] = null,
        ["Auth__Issuer"] = null,
        ["Auth__Audience"] = null,
        ["Passport__DataFolder"] = Path.Combine(_folder, "development"),
    });

    /// <summary>
    /// A new host compiles each Wolverine handler on its first use (runtime compilation, which plugins
    /// need); on a busy machine that first change can pass GraphQL's 30-second limit and answer
    /// <c>TIMEOUT</c>. Not a fault under test: a host's first changes are made once, before anything is measured.
    /// </summary>
    public async Task WarmAsync(HostProcess host)
    {
        var someone = Persona.Carer();
        var token = Token(someone);
        string? id = null;
        await Load.UntilAsync(
            async () => (id = (await GraphQLAsync(host, token, "mutation { createPassport(input: { givenName: \"Warm\", familyName: \"Up\", dateOfBirth: \"2016-05-04\", localAuthority: \"E06000052\" }) { id } }")).Data?["createPassport"]?["id"]?.GetValue<string>()) is not null,
            TimeSpan.FromSeconds(120),
            "a host's first passport");
        await Load.UntilAsync(
            async () => (await GraphQLAsync(host, token, "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id })).IsAcknowledged,
            TimeSpan.FromSeconds(120),
            "a host's first change to a passport");
    }

    /// <summary>
    /// <c>kill -9</c>: the host gets no chance to finish anything (HostProcess's kill is SIGKILL on Linux).
    /// </summary>
    public async Task KillAsync(HostProcess host)
    {
        lock (_hosts)
        {
            _hosts.Remove(host);
        }

        await host.DisposeAsync();
    }

    /// <summary>Waits (up to 10 s) until a message in Wolverine's durable inbox is not yet handled; returns whether one was.</summary>
    public async Task<bool> UntilMessageWaitingAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (await UnhandledMessagesAsync() > 0)
            {
                return true;
            }

            await Task.Delay(5);
        }

        return false;
    }

    /// <summary>Messages in Wolverine's durable inbox not yet handled (a killed host's unfinished work among them).</summary>
    public async Task<long> UnhandledMessagesAsync()
    {
        await using var connection = await OpenConnectionAsync();
        await using var command = new NpgsqlCommand("select count(*) from wolverine.wolverine_incoming_envelopes where status <> 'Handled'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary><c>pg_ctl stop -m immediate</c>: the server quits without a checkpoint, as in a crash; the next start recovers from the WAL.</summary>
    public async Task CrashPostgresAsync()
    {
        var pgCtl = Path.Combine(LocalPostgresCluster.FindBinaries(), "pg_ctl");
        string[] arguments = ["-D", Path.Combine(_postgres.DataFolder, "data"), "-m", "immediate", "-w", "stop"];

        // PostgreSQL refuses to run as root; the cluster then belongs to the postgres user (LocalPostgresCluster).
        var start = Environment.UserName == "root" ? new ProcessStartInfo("runuser") : new ProcessStartInfo(pgCtl);
        if (Environment.UserName == "root")
        {
            foreach (var argument in new[] { "-u", "postgres", "--", pgCtl })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardOutput = start.RedirectStandardError = true;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, output);
    }

    /// <summary>Starts the crashed cluster again, on the same port and data.</summary>
    public async Task RestartPostgresAsync() =>
        _postgres = await LocalPostgresCluster.StartAsync(_postgres.DataFolder, "passport", keepData: true, durable: true, port: _postgres.Port);

    public string Token(Persona persona) =>
        _key.Issue(persona.Claims, PassportFixture.Issuer, PassportFixture.Audience, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(30));

    /// <summary>POST /graphql to one host; never throws for an HTTP answer, only for no answer at all.</summary>
    public async Task<Answer> GraphQLAsync(HostProcess host, string token, string query, object? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(host.BaseAddress, "/graphql"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var clock = Stopwatch.StartNew();
        using var response = await Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        return new Answer((int)response.StatusCode, body, response.Headers.RetryAfter?.Delta, clock.Elapsed);
    }

    /// <summary>A GraphQL call that must succeed.</summary>
    public async Task<JsonNode> OkAsync(HostProcess host, Persona persona, string query, object? variables = null)
    {
        var answer = await GraphQLAsync(host, Token(persona), query, variables);
        answer.IsAcknowledged.ShouldBeTrue(answer.Body);
        return answer.Data!;
    }

    /// <summary>A connection of the test's own, outside any pool (pooled connections die with a crashed server).</summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync()
    {
        var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_postgres.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Prints a figure both to the test's output and to the console, so it shows in <c>dotnet test</c>.</summary>
    public void Report(string line)
    {
        _output.WriteLine(line);
        Console.WriteLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        await _postgres.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}

/// <summary>One HTTP answer to a GraphQL request, with how long it took.</summary>
public sealed record Answer(int Status, string Body, TimeSpan? RetryAfter, TimeSpan Took)
{
    public JsonNode? Json { get; } = TryParse(Body);

    public JsonNode? Data => Json?["data"];

    public IReadOnlyList<string> Codes => (Json?["errors"] as JsonArray ?? []).Select(e => e?["extensions"]?["code"]?.GetValue<string>() ?? "").ToList();

    /// <summary>200 with data and no errors: the client was told the change was made (or shown what it read).</summary>
    public bool IsAcknowledged => Status == 200 && Codes.Count == 0 && Data is not null;

    /// <summary>The answer an outage must get: 503, Retry-After, and a code a client knows to retry.</summary>
    public bool IsRetryableUnavailable => Status == 503 && RetryAfter is not null && Codes.Count == 1 && Codes[0] is "SERVICE_UNAVAILABLE" or "AUDIT_UNAVAILABLE";

    public override string ToString() => $"{Status} after {Took.TotalMilliseconds:F0} ms: {Body[..Math.Min(Body.Length, 300)]}";

    private static JsonNode? TryParse(string body)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
