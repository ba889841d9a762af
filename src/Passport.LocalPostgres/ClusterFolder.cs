using System.Security.Cryptography;
using System.Text;

namespace Passport.LocalPostgres;

/// <summary>Where one cluster lives: the folder, its PostgreSQL data directory, the server log and the unix socket directory.</summary>
internal sealed class ClusterFolder
{
    // sun_path is 108 bytes including the terminating NUL; PostgreSQL refuses longer socket paths.
    private const int MaxSocketPathBytes = 107;
    private const string SocketFileNameForLongestPort = ".s.PGSQL.65535";
    private const string TemporaryRoot = "/tmp";

    private const UnixFileMode Traversable =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private ClusterFolder(string path, string socketDirectory)
    {
        FolderPath = path;
        SocketDirectory = socketDirectory;
    }

    public string FolderPath { get; }

    public string DataDirectory => Path.Combine(FolderPath, "data");

    public string LogFile => Path.Combine(FolderPath, "postgres.log");

    public string PidFile => Path.Combine(DataDirectory, "postmaster.pid");

    public string SocketDirectory { get; }

    public bool HasCluster => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    private bool SocketDirectoryIsOutside =>
        !SocketDirectory.StartsWith(FolderPath + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    public static async Task<ClusterFolder> PrepareAsync(
        string requestedFolder, bool asRoot, Action<string> log, CancellationToken cancellationToken)
    {
        var folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(requestedFolder));
        if (asRoot)
        {
            await PostgresAccount.EnsureExistsAsync(cancellationToken).ConfigureAwait(false);
            var reachableFrom = NearestExistingAncestor(folder);
            if (!await PostgresAccount.CanTraverseAsync(reachableFrom, cancellationToken).ConfigureAwait(false))
            {
                // A stable name keeps a kept cluster's data across runs even though it cannot live where it was asked to.
                var fallback = Path.Combine(TemporaryRoot, "passport-pg-" + ShortHash(folder));
                log($"The postgres user cannot traverse {reachableFrom}, so the cluster for {folder} is placed in {fallback} instead.");
                folder = fallback;
            }
        }

        var created = CreateDirectoryChain(folder);
        var socketDirectory = ChooseSocketDirectory(folder);
        created.AddRange(CreateDirectoryChain(socketDirectory));

        if (asRoot)
        {
            foreach (var directory in created)
            {
                // Only root gets here, and root means Unix; the check satisfies the platform analyzer.
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(directory, Traversable);
                }

                await PostgresAccount.GiveOwnershipAsync(directory, recursive: false, cancellationToken).ConfigureAwait(false);
            }

            // An existing folder may hold files a previous root run created before chown, or a log root wrote to.
            await PostgresAccount.GiveOwnershipAsync(folder, recursive: true, cancellationToken).ConfigureAwait(false);
        }

        return new ClusterFolder(folder, socketDirectory);
    }

    /// <summary>Clears a data directory that initdb left behind half-written, so that initdb can run again.</summary>
    public bool RemoveIncompleteDataDirectory()
    {
        if (HasCluster || !Directory.Exists(DataDirectory))
        {
            return false;
        }

        Directory.Delete(DataDirectory, recursive: true);
        return true;
    }

    public void Delete()
    {
        DeleteSocketDirectoryIfOutside();
        if (Directory.Exists(FolderPath))
        {
            Directory.Delete(FolderPath, recursive: true);
        }
    }

    public void DeleteSocketDirectoryIfOutside()
    {
        if (SocketDirectoryIsOutside && Directory.Exists(SocketDirectory))
        {
            Directory.Delete(SocketDirectory, recursive: true);
        }
    }

    public string ReadLogSince(long offset, int maxLines)
    {
        if (!File.Exists(LogFile))
        {
            return "(no server log was written)";
        }

        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (offset > 0 && offset <= stream.Length)
        {
            stream.Seek(offset, SeekOrigin.Begin);
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return lines.Length == 0 ? "(the server log is empty)" : string.Join(Environment.NewLine, lines.TakeLast(maxLines));
    }

    public long LogLength() => File.Exists(LogFile) ? new FileInfo(LogFile).Length : 0;

    private static string ChooseSocketDirectory(string folder)
    {
        var inside = Path.Combine(folder, "socket");
        var socketPath = Path.Combine(inside, SocketFileNameForLongestPort);

        // -k takes a comma-separated list, so a comma in the path cannot be passed through.
        if (Encoding.UTF8.GetByteCount(socketPath) <= MaxSocketPathBytes && !inside.Contains(',', StringComparison.Ordinal))
        {
            return inside;
        }

        return Path.Combine(TemporaryRoot, "passport-pg-socket-" + ShortHash(folder));
    }

    private static string NearestExistingAncestor(string folder)
    {
        var current = Path.GetDirectoryName(folder);
        while (current is not null && !Directory.Exists(current))
        {
            current = Path.GetDirectoryName(current);
        }

        return current ?? Path.GetPathRoot(folder) ?? "/";
    }

    /// <summary>Creates <paramref name="path"/> and any missing ancestors, returning the ones created, outermost first.</summary>
    private static List<string> CreateDirectoryChain(string path)
    {
        var missing = new List<string>();
        for (var current = path; current is not null && !Directory.Exists(current); current = Path.GetDirectoryName(current))
        {
            missing.Add(current);
        }

        missing.Reverse();
        foreach (var directory in missing)
        {
            Directory.CreateDirectory(directory);
        }

        return missing;
    }

    private static string ShortHash(string value) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..12];
}
