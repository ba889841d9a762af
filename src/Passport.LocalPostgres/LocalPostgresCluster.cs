using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Passport.LocalPostgres;

/// <summary>
/// A PostgreSQL cluster run from the machine's installed server binaries in a folder of its own,
/// listening on 127.0.0.1 only: the host's embedded default in Development and the test run's
/// throwaway database server.
/// </summary>
public sealed class LocalPostgresCluster : IAsyncDisposable
{
    private const string SuperUser = "passport";
    private const string AddressInUse = "Address already in use";
    private const int PortPickAttempts = 3;
    private const int LogTailLines = 40;
    private static readonly TimeSpan ConnectDeadline = TimeSpan.FromSeconds(30);

    private readonly ClusterFolder _folder;
    private readonly PostgresTools _tools;
    private readonly bool _keepData;
    private readonly Action<string> _log;
    private readonly Lock _stopGate = new();
    private Task? _stopping;

    private LocalPostgresCluster(ClusterFolder folder, PostgresTools tools, int port, string database, bool keepData, Action<string> log)
    {
        _folder = folder;
        _tools = tools;
        _keepData = keepData;
        _log = log;
        Port = port;
        ConnectionString = BuildConnectionString(port, database, pooled: true);
    }

    /// <summary><c>Host=127.0.0.1;Port=…;Database=…;Username=passport;Pooling=true;Maximum Pool Size=100</c>.</summary>
    public string ConnectionString { get; }

    public int Port { get; }

    /// <summary>The folder actually used, which differs from the one asked for when running as root and the postgres user cannot reach it.</summary>
    public string DataFolder => _folder.FolderPath;

    /// <summary>
    /// The bin directory holding initdb and pg_ctl: <c>PASSPORT_PG_BIN</c> if set, else <c>pg_config --bindir</c>
    /// if it holds initdb, else the highest <c>/usr/lib/postgresql/*/bin</c> holding initdb.
    /// </summary>
    /// <exception cref="PostgresBinariesNotFoundException">None of those places has initdb.</exception>
    public static string FindBinaries()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("PASSPORT_PG_BIN");
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            // An explicit setting that is wrong should fail loudly rather than quietly pick some other server version.
            return HasInitdb(fromEnvironment)
                ? Path.GetFullPath(fromEnvironment)
                : throw NotFound($"PASSPORT_PG_BIN is set to '{fromEnvironment}', which has no initdb");
        }

        var searched = new List<string> { "PASSPORT_PG_BIN (not set)" };
        var fromPgConfig = BinDirectoryFromPgConfig(out var pgConfigOutcome);
        if (fromPgConfig is not null && HasInitdb(fromPgConfig))
        {
            return fromPgConfig;
        }

        searched.Add($"`pg_config --bindir` ({pgConfigOutcome})");

        const string packagedRoot = "/usr/lib/postgresql";
        var packaged = Directory.Exists(packagedRoot)
            ? Directory.EnumerateDirectories(packagedRoot)
                .Select(version => Path.Combine(version, "bin"))
                .Where(HasInitdb)
                .OrderByDescending(bin => VersionKey(Path.GetFileName(Path.GetDirectoryName(bin)!)))
                .FirstOrDefault()
            : null;
        if (packaged is not null)
        {
            return packaged;
        }

        searched.Add($"{packagedRoot}/*/bin (no version with initdb)");
        throw NotFound("searched " + string.Join("; ", searched));
    }

    /// <summary>
    /// Starts the cluster in <paramref name="dataFolder"/> (running initdb first if it has none, or reusing one
    /// already running there) and creates <paramref name="database"/> if missing.
    /// </summary>
    /// <param name="dataFolder">The cluster's folder; deleted on dispose unless <paramref name="keepData"/>.</param>
    /// <param name="database">The database the connection string points at.</param>
    /// <param name="keepData">Keep the folder on dispose (the embedded default) or delete it (tests).</param>
    /// <param name="durable">False turns off fsync, synchronous commit and full page writes, for tests.</param>
    /// <param name="port">The TCP port on 127.0.0.1; 0 picks a free one.</param>
    /// <param name="log">Receives progress and fallback decisions.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    public static async Task<LocalPostgresCluster> StartAsync(
        string dataFolder,
        string database,
        bool keepData,
        bool durable,
        int port = 0,
        Action<string>? log = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(database);
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("A local PostgreSQL cluster needs Linux or macOS; set ConnectionStrings__Passport to use an existing server.");
        }

        var write = log ?? (static _ => { });
        var binaries = FindBinaries();
        var asRoot = await PostgresAccount.IsRunningAsRootAsync().ConfigureAwait(false);
        var tools = new PostgresTools(binaries, runAsPostgres: asRoot);
        var folder = await ClusterFolder.PrepareAsync(dataFolder, asRoot, write, cancellationToken).ConfigureAwait(false);
        write($"PostgreSQL binaries in {binaries}; cluster folder {folder.FolderPath}{(asRoot ? " (running them as the postgres user)" : string.Empty)}.");

        int actualPort;
        try
        {
            actualPort = await EnsureRunningAsync(folder, tools, durable, port, write, cancellationToken).ConfigureAwait(false);
        }
        catch when (!keepData)
        {
            // A throwaway folder that failed to start is of no further use; the exception carries initdb's output and the log tail.
            TryDelete(folder, write);
            throw;
        }

        var cluster = new LocalPostgresCluster(folder, tools, actualPort, database, keepData, write);
        try
        {
            await cluster.EnsureDatabaseAsync(database, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await cluster.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return cluster;
    }

    /// <summary>Creates an empty database (for tests that want one of their own); does nothing if it exists.</summary>
    public Task CreateDatabaseAsync(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return EnsureDatabaseAsync(name, CancellationToken.None);
    }

    /// <summary>Stops the server (<c>pg_ctl stop -m fast</c>); later calls return the same task.</summary>
    public Task StopAsync()
    {
        lock (_stopGate)
        {
            return _stopping ??= StopCoreAsync();
        }
    }

    /// <summary>Stops the server, then deletes the folder unless the cluster was started with keepData.</summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        if (_keepData)
        {
            _folder.DeleteSocketDirectoryIfOutside();
        }
        else
        {
            _folder.Delete();
        }
    }

    private static async Task<int> EnsureRunningAsync(
        ClusterFolder folder, PostgresTools tools, bool durable, int requestedPort, Action<string> log, CancellationToken cancellationToken)
    {
        if (folder.HasCluster)
        {
            var status = await tools.RunAsync("pg_ctl", ["status", "-D", folder.DataDirectory], folder.FolderPath, cancellationToken).ConfigureAwait(false);
            if (status.Succeeded && await WaitIfDeadButUnreapedAsync(folder, log, cancellationToken).ConfigureAwait(false))
            {
                status = await tools.RunAsync("pg_ctl", ["status", "-D", folder.DataDirectory], folder.FolderPath, cancellationToken).ConfigureAwait(false);
            }

            if (status.Succeeded)
            {
                var runningPort = ReadRunningPort(folder);
                if (requestedPort != 0 && requestedPort != runningPort)
                {
                    log($"Port {requestedPort} was asked for, but the cluster already running in {folder.DataDirectory} listens on {runningPort}; using that.");
                }

                log($"Reusing the PostgreSQL cluster already running in {folder.DataDirectory} on port {runningPort}.");
                return runningPort;
            }
        }
        else
        {
            await InitialiseAsync(folder, tools, log, cancellationToken).ConfigureAwait(false);
        }

        for (var attempt = 1; ; attempt++)
        {
            var port = requestedPort != 0 ? requestedPort : PickFreePort();
            var logOffset = folder.LogLength();
            var options = string.Join(
                ' ',
                $"-p {port.ToString(CultureInfo.InvariantCulture)}",
                $"-k {ShellQuote(folder.SocketDirectory)}",
                "-c listen_addresses=127.0.0.1",
                "-c max_connections=300",
                durable ? string.Empty : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off").TrimEnd();
            var start = await tools.RunAsync(
                "pg_ctl",
                ["-D", folder.DataDirectory, "-l", folder.LogFile, "-w", "-t", "60", "-o", options, "start"],
                folder.FolderPath,
                cancellationToken).ConfigureAwait(false);
            if (start.Succeeded)
            {
                log($"PostgreSQL started on 127.0.0.1:{port} from {folder.DataDirectory}{(durable ? string.Empty : " (non-durable)")}.");
                return port;
            }

            var logTail = folder.ReadLogSince(logOffset, LogTailLines);

            // The free port we picked can be taken by someone else before the server binds it.
            if (requestedPort == 0 && attempt < PortPickAttempts && logTail.Contains(AddressInUse, StringComparison.Ordinal))
            {
                log($"Port {port} was taken before PostgreSQL could bind it; trying another.");
                continue;
            }

            throw new InvalidOperationException(
                $"{start.Describe()}{Environment.NewLine}--- tail of {folder.LogFile} ---{Environment.NewLine}{logTail}");
        }
    }

    private static async Task InitialiseAsync(ClusterFolder folder, PostgresTools tools, Action<string> log, CancellationToken cancellationToken)
    {
        if (folder.RemoveIncompleteDataDirectory())
        {
            log($"Removed {folder.DataDirectory}: it held no cluster (no PG_VERSION), so an earlier initdb must have been interrupted.");
        }

        log($"Creating a PostgreSQL cluster in {folder.DataDirectory}.");
        string[] common = ["-D", folder.DataDirectory, "-A", "trust", "-U", SuperUser, "--no-sync", "-E", "UTF8"];
        var withLocale = await tools.RunAsync("initdb", [.. common, "--locale=C.UTF-8"], folder.FolderPath, cancellationToken).ConfigureAwait(false);
        if (withLocale.Succeeded)
        {
            return;
        }

        // C.UTF-8 is missing from some minimal images and from older macOS; the C locale always exists.
        log($"initdb with --locale=C.UTF-8 failed (exit code {withLocale.ExitCode}); retrying with --no-locale.");
        folder.RemoveIncompleteDataDirectory();
        var withoutLocale = await tools.RunAsync("initdb", [.. common, "--no-locale"], folder.FolderPath, cancellationToken).ConfigureAwait(false);
        if (!withoutLocale.Succeeded)
        {
            throw new InvalidOperationException(
                $"{withLocale.Describe()}{Environment.NewLine}{Environment.NewLine}Retrying without a locale also failed:{Environment.NewLine}{withoutLocale.Describe()}");
        }
    }

    private async Task StopCoreAsync()
    {
        // Pooled connections would be dead after the stop; a restarted cluster on the same port would hand them out.
        using (var pooled = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        var status = await _tools.RunAsync("pg_ctl", ["status", "-D", _folder.DataDirectory], _folder.FolderPath, CancellationToken.None).ConfigureAwait(false);
        if (!status.Succeeded)
        {
            return;
        }

        var stop = await _tools.RunAsync(
            "pg_ctl",
            ["-D", _folder.DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"],
            _folder.FolderPath,
            CancellationToken.None).ConfigureAwait(false);
        if (!stop.Succeeded)
        {
            // Someone else may have stopped it between our status check and the stop.
            var after = await _tools.RunAsync("pg_ctl", ["status", "-D", _folder.DataDirectory], _folder.FolderPath, CancellationToken.None).ConfigureAwait(false);
            if (after.Succeeded)
            {
                stop.EnsureSuccess();
            }
        }

        _log($"PostgreSQL on port {Port} stopped.");
    }

    private async Task EnsureDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAdminConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (var exists = new NpgsqlCommand("select 1 from pg_database where datname = $1", connection))
        {
            exists.Parameters.Add(new NpgsqlParameter { Value = name });
            if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        try
        {
            await using var create = new NpgsqlCommand($"create database {QuoteIdentifier(name)}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _log($"Created database {name}.");
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateDatabase)
        {
            // A parallel caller created it between our check and our create.
        }
    }

    private async Task<NpgsqlConnection> OpenAdminConnectionAsync(CancellationToken cancellationToken)
    {
        var connectionString = BuildConnectionString(Port, "postgres", pooled: false);
        var deadline = DateTime.UtcNow + ConnectDeadline;
        while (true)
        {
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                return connection;
            }
            catch (NpgsqlException ex) when (IsStillStarting(ex) && DateTime.UtcNow < deadline)
            {
                // A reused cluster may still be starting up (or recovering) when pg_ctl status already calls it running.
                await connection.DisposeAsync().ConfigureAwait(false);
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await connection.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private static bool IsStillStarting(NpgsqlException ex) =>
        ex is PostgresException postgres
            ? postgres.SqlState == PostgresErrorCodes.CannotConnectNow
            : ex.InnerException is SocketException or IOException or TimeoutException;

    private static string BuildConnectionString(int port, string database, bool pooled)
    {
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Database = database,
            Username = SuperUser,
            Pooling = pooled,
        };
        if (pooled)
        {
            builder.MaxPoolSize = 100;
        }

        return builder.ConnectionString;
    }

    private static int ReadRunningPort(ClusterFolder folder)
    {
        // postmaster.pid: pid, data directory, start time, port, socket directory, listen address, ...
        var lines = File.Exists(folder.PidFile) ? File.ReadAllLines(folder.PidFile) : [];
        return lines.Length >= 4 && int.TryParse(lines[3].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? port
            : throw new InvalidOperationException($"pg_ctl says a server is running in {folder.DataDirectory}, but {folder.PidFile} has no port on its fourth line.");
    }

    /// <summary>
    /// Waits for a crashed postmaster that is still a zombie to be reaped; returns whether there was one.
    /// </summary>
    private static async Task<bool> WaitIfDeadButUnreapedAsync(ClusterFolder folder, Action<string> log, CancellationToken cancellationToken)
    {
        // pg_ctl status and the server's own lock-file check both count a zombie as alive, and containers whose
        // init reaps lazily (or not at all) keep a killed postmaster as one for a while.
        var pid = File.Exists(folder.PidFile) ? File.ReadLines(folder.PidFile).FirstOrDefault()?.Trim() : null;
        if (pid is null || !IsZombie(pid))
        {
            return false;
        }

        log($"The postmaster (PID {pid}) that last ran {folder.DataDirectory} has died but is not yet reaped; waiting for it to go.");
        var deadline = DateTime.UtcNow + ConnectDeadline;
        while (IsZombie(pid))
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new InvalidOperationException(
                    $"The postmaster (PID {pid}) that last ran {folder.DataDirectory} is a zombie that nothing reaps, so PostgreSQL still counts it as running. Run the container with an init process (e.g. docker run --init).");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    private static bool IsZombie(string pid)
    {
        try
        {
            // /proc/<pid>/stat is "pid (comm) state ...", and comm may itself contain spaces or parentheses.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var afterComm = stat.LastIndexOf(')');
            return afterComm >= 0 && afterComm + 2 < stat.Length && stat[afterComm + 2] == 'Z';
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int PickFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static void TryDelete(ClusterFolder folder, Action<string> log)
    {
        try
        {
            folder.Delete();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log($"Could not delete {folder.FolderPath} after a failed start: {ex.Message}");
        }
    }

    private static bool HasInitdb(string directory) => File.Exists(Path.Combine(directory, "initdb"));

    private static string? BinDirectoryFromPgConfig(out string outcome)
    {
        try
        {
            var result = ExternalCommand.Run("pg_config", ["--bindir"], TimeSpan.FromSeconds(10));
            if (!result.Succeeded)
            {
                outcome = $"exit code {result.ExitCode}";
                return null;
            }

            var directory = result.Output.Trim();
            outcome = $"{directory} has no initdb";
            return directory.Length == 0 ? null : directory;
        }
        catch (InvalidOperationException ex)
        {
            outcome = ex.Message;
            return null;
        }
    }

    private static (int Major, int Minor) VersionKey(string name)
    {
        var parts = name.Split('.');
        var major = int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var m) ? m : -1;
        var minor = parts.Length > 1 && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
        return (major, minor);
    }

    private static PostgresBinariesNotFoundException NotFound(string detail) =>
        new($"PostgreSQL server binaries (initdb, pg_ctl) were not found: {detail}. "
            + "Install the PostgreSQL server (e.g. `apt-get install postgresql`), set PASSPORT_PG_BIN to its bin directory, "
            + "or point the host at an existing server with ConnectionStrings__Passport.");

    // pg_ctl hands -o to /bin/sh, so a path with spaces or quotes must be shell-quoted.
    private static string ShellQuote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string QuoteIdentifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
