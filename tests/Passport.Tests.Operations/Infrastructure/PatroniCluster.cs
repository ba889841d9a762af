using System.Diagnostics;
using System.Globalization;
using System.Net;
using Npgsql;
using Passport.LocalPostgres;

namespace Passport.Tests.Operations.Infrastructure;

/// <summary>
/// Highly available PostgreSQL from Debian's packages, on loopback: one etcd member as the
/// distributed configuration store and two Patroni nodes, each running a PostgreSQL server from
/// the machine's binaries in a temporary folder. Patroni bootstraps the first node as primary,
/// clones the second from it as a synchronous standby (<c>synchronous_mode</c>), and promotes the
/// standby when the primary's leader key in etcd expires.
/// </summary>
public sealed class PatroniCluster : IAsyncDisposable
{
    public const string Database = "passport";
    public const string User = "passport";
    public const string Password = "passport-ha-test";
    private const string SuperUserPassword = "superuser-ha-test";
    private const string ReplicationPassword = "replicator-ha-test";

    /// <summary>Leader key lifetime in etcd: how long a lost primary keeps the lock before the standby may take it.</summary>
    public const int LeaderTtlSeconds = 10;

    private static readonly HttpClient Rest = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly string _folder;
    private readonly ServerProcess _etcd;

    private PatroniCluster(string folder, ServerProcess etcd, PatroniNode first, PatroniNode second)
    {
        _folder = folder;
        _etcd = etcd;
        Nodes = [first, second];
    }

    public IReadOnlyList<PatroniNode> Nodes { get; }

    /// <summary>
    /// The host's connection string: both nodes, and Npgsql picks whichever is primary. Host
    /// Recheck Seconds is short so that a promoted standby is noticed within a second or two.
    /// </summary>
    public string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = string.Join(',', Nodes.Select(n => $"127.0.0.1:{n.PostgresPort}")),
        Database = Database,
        Username = User,
        Password = Password,
        TargetSessionAttributes = "primary",
        HostRecheckSeconds = 1,
        Timeout = 5,
    }.ConnectionString;

    /// <summary>Why a cluster cannot be built on this machine, or null when it can.</summary>
    public static string? WhyUnavailable()
    {
        string[] needed = ["/usr/bin/patroni", "/usr/bin/etcd"];
        var missing = needed.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0)
        {
            return $"Patroni and etcd are not installed ({string.Join(", ", missing)} missing): apt-get install patroni etcd-server python3-etcd";
        }

        try
        {
            LocalPostgresCluster.FindBinaries();
        }
        catch (PostgresBinariesNotFoundException e)
        {
            return "No PostgreSQL server binaries: " + e.Message;
        }

        // Patroni's etcd3 support imports the python-etcd client too (Debian: python3-etcd).
        return File.Exists("/usr/lib/python3/dist-packages/etcd/__init__.py")
            ? null
            : "Patroni's etcd client is not installed: apt-get install python3-etcd";
    }

    /// <summary>Starts etcd, the primary, then the synchronous standby, and creates the passport database and its owner.</summary>
    public static async Task<PatroniCluster> StartAsync(Action<string> log)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"passport-ha-{Guid.NewGuid():N}"[..28]);
        Directory.CreateDirectory(folder);
        var clock = Stopwatch.StartNew();
        var etcdClient = ServerProcess.FreePort();
        var etcdPeer = ServerProcess.FreePort();
        Directory.CreateDirectory(Path.Combine(folder, "etcd"));
        var first = PatroniNode.Prepare(folder, "node1", etcdClient);
        var second = PatroniNode.Prepare(folder, "node2", etcdClient);
        ServerProcess.GiveToPostgres(folder);

        var etcd = ServerProcess.Start("etcd", "/usr/bin/etcd",
        [
            "--name", "passport-ha", "--data-dir", Path.Combine(folder, "etcd"),
            "--listen-client-urls", $"http://127.0.0.1:{etcdClient}", "--advertise-client-urls", $"http://127.0.0.1:{etcdClient}",
            "--listen-peer-urls", $"http://127.0.0.1:{etcdPeer}", "--initial-advertise-peer-urls", $"http://127.0.0.1:{etcdPeer}",
            "--initial-cluster", $"passport-ha=http://127.0.0.1:{etcdPeer}",
        ], folder);
        var cluster = new PatroniCluster(folder, etcd, first, second);
        try
        {
            await Until(() => IsHealthyAsync(new Uri($"http://127.0.0.1:{etcdClient}/health")), TimeSpan.FromSeconds(30), () => "etcd did not become healthy:\n" + etcd.OutputTail());
            log($"etcd 3.4 answering on 127.0.0.1:{etcdClient} after {clock.Elapsed.TotalSeconds:0.0} s.");

            first.Start();
            await Until(() => first.IsPrimaryAsync(), TimeSpan.FromSeconds(90), () => "node1 did not become primary:\n" + first.OutputTail());
            log($"Patroni node1 primary on 127.0.0.1:{first.PostgresPort} (REST {first.RestPort}) after {clock.Elapsed.TotalSeconds:0.0} s.");

            second.Start();
            await Until(() => second.IsSynchronousStandbyAsync(), TimeSpan.FromSeconds(120), () => "node2 did not become the synchronous standby:\n" + second.OutputTail());
            log($"Patroni node2 synchronous standby on 127.0.0.1:{second.PostgresPort} (REST {second.RestPort}) after {clock.Elapsed.TotalSeconds:0.0} s.");

            await using (var admin = new NpgsqlConnection(first.SuperUserConnectionString))
            {
                await admin.OpenAsync();
                await using var role = new NpgsqlCommand($"create role {User} login password '{Password}'", admin);
                await role.ExecuteNonQueryAsync();
                await using var database = new NpgsqlCommand($"create database {Database} owner {User}", admin);
                await database.ExecuteNonQueryAsync();
            }

            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until a node reports itself primary through Patroni's REST API (<c>GET /primary</c> answers 200).</summary>
    public async Task<PatroniNode> WaitForPrimaryAsync(TimeSpan timeout, PatroniNode? not = null)
    {
        PatroniNode? primary = null;
        await Until(
            async () =>
            {
                foreach (var node in Nodes.Where(n => n != not && !n.IsLost))
                {
                    if (await node.IsPrimaryAsync())
                    {
                        primary = node;
                        return true;
                    }
                }

                return false;
            },
            timeout,
            () => "No node became primary:\n" + string.Join("\n", Nodes.Select(n => $"--- {n.Name} ---\n{n.OutputTail()}")));
        return primary!;
    }

    /// <summary>Polls <paramref name="condition"/> every 100 ms until it holds, failing after <paramref name="timeout"/>.</summary>
    public static async Task Until(Func<Task<bool>> condition, TimeSpan timeout, Func<string> failure)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"After {timeout.TotalSeconds:0} s: {failure()}");
            }

            await Task.Delay(100);
        }
    }

    internal static async Task<bool> IsHealthyAsync(Uri endpoint)
    {
        try
        {
            using var response = await Rest.GetAsync(endpoint);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        foreach (var node in Nodes)
        {
            await node.DisposeAsync();
        }

        await _etcd.StopAsync(TimeSpan.FromSeconds(10));
        await _etcd.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One Patroni node: its PostgreSQL server's port and data folder, and Patroni's REST API.</summary>
    public sealed class PatroniNode : IAsyncDisposable
    {
        private readonly string _folder;
        private ServerProcess? _patroni;

        private PatroniNode(string name, string folder, int postgresPort, int restPort)
        {
            Name = name;
            _folder = folder;
            PostgresPort = postgresPort;
            RestPort = restPort;
        }

        public string Name { get; }

        public int PostgresPort { get; }

        public int RestPort { get; }

        /// <summary>True once <see cref="KillAsLostMachine"/> has run.</summary>
        public bool IsLost { get; private set; }

        private string DataDirectory => Path.Combine(_folder, "data");

        internal string SuperUserConnectionString => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = PostgresPort,
            Database = "postgres",
            Username = "postgres",
            Password = SuperUserPassword,
            Pooling = false,
        }.ConnectionString;

        internal static PatroniNode Prepare(string clusterFolder, string name, int etcdPort)
        {
            var folder = Path.Combine(clusterFolder, name);
            Directory.CreateDirectory(folder);
            var node = new PatroniNode(name, folder, ServerProcess.FreePort(), ServerProcess.FreePort());
            File.WriteAllText(Path.Combine(folder, "patroni.yml"), node.Configuration(etcdPort));
            return node;
        }

        internal void Start() =>
            _patroni = ServerProcess.Start($"patroni {Name}", "/usr/bin/patroni", [Path.Combine(_folder, "patroni.yml")], _folder);

        public Task<bool> IsPrimaryAsync() => IsHealthyAsync(new Uri($"http://127.0.0.1:{RestPort}/primary"));

        public Task<bool> IsSynchronousStandbyAsync() => IsHealthyAsync(new Uri($"http://127.0.0.1:{RestPort}/sync"));

        public string OutputTail() => _patroni?.OutputTail() ?? "(not started)";

        /// <summary>
        /// The node's machine is lost: Patroni, the postmaster and every backend get SIGKILL at once,
        /// so nothing is shut down cleanly and the leader key in etcd is left to expire.
        /// </summary>
        public void KillAsLostMachine()
        {
            // Patroni runs its postmaster as a daemon (not its child), so each is killed by its own id.
            if (PostmasterId() is { } postmaster && IsPostmasterOfThisNode(postmaster))
            {
                ServerProcess.KillTree(postmaster);
            }

            _patroni?.Kill();

            IsLost = true;
        }

        /// <summary>Guards against a stale pid file whose number now belongs to another process.</summary>
        private bool IsPostmasterOfThisNode(int processId)
        {
            try
            {
                return File.ReadAllText($"/proc/{processId}/cmdline").Contains(DataDirectory, StringComparison.Ordinal);
            }
            catch (IOException)
            {
                return false;
            }
        }

        private int? PostmasterId()
        {
            var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
            return File.Exists(pidFile) && int.TryParse(File.ReadLines(pidFile).First(), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? id
                : null;
        }

        private string Configuration(int etcdPort) => $"""
            scope: passport-ha
            namespace: /service/
            name: {Name}
            restapi:
              listen: 127.0.0.1:{RestPort}
              connect_address: 127.0.0.1:{RestPort}
            etcd3:
              host: 127.0.0.1:{etcdPort}
            bootstrap:
              dcs:
                ttl: {LeaderTtlSeconds}
                loop_wait: 2
                retry_timeout: 3
                maximum_lag_on_failover: 1048576
                synchronous_mode: true
                postgresql:
                  use_pg_rewind: false
                  parameters:
                    max_connections: 300
              initdb:
              - encoding: UTF8
              - locale: C.UTF-8
              pg_hba:
              - local all all trust
              - host replication replicator 127.0.0.1/32 scram-sha-256
              - host all all 127.0.0.1/32 scram-sha-256
            postgresql:
              listen: 127.0.0.1:{PostgresPort}
              connect_address: 127.0.0.1:{PostgresPort}
              data_dir: {DataDirectory}
              bin_dir: {LocalPostgresCluster.FindBinaries()}
              pgpass: {Path.Combine(_folder, "pgpass")}
              authentication:
                replication:
                  username: replicator
                  password: {ReplicationPassword}
                superuser:
                  username: postgres
                  password: {SuperUserPassword}
              parameters:
                unix_socket_directories: {_folder}
            """;

        public async ValueTask DisposeAsync()
        {
            if (_patroni is not null)
            {
                // Patroni stops its PostgreSQL on SIGTERM.
                await _patroni.StopAsync(TimeSpan.FromSeconds(30));
                await _patroni.DisposeAsync();
            }

            if (PostmasterId() is { } postmaster && IsPostmasterOfThisNode(postmaster))
            {
                ServerProcess.KillTree(postmaster);
            }
        }
    }
}
