using System.Globalization;

namespace Passport.LocalPostgres;

/// <summary>
/// The operating-system side of running PostgreSQL: initdb and the server refuse to run as root,
/// so a root process (CI, containers) runs them as the <c>postgres</c> user instead.
/// </summary>
internal static class PostgresAccount
{
    public const string UserName = "postgres";

    private static readonly Lazy<Task<bool>> IsRoot = new(DetectRootAsync);
    private static readonly SemaphoreSlim AccountCreation = new(1, 1);

    public static Task<bool> IsRunningAsRootAsync() => IsRoot.Value;

    public static async Task EnsureExistsAsync(CancellationToken cancellationToken)
    {
        await AccountCreation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var lookup = await ExternalCommand.RunAsync("id", ["-u", UserName], null, cancellationToken).ConfigureAwait(false);
            if (lookup.Succeeded)
            {
                return;
            }

            var creation = await ExternalCommand
                .RunAsync("useradd", ["--system", "--no-create-home", UserName], null, cancellationToken)
                .ConfigureAwait(false);
            if (creation.Succeeded)
            {
                return;
            }

            // Another process (a parallel test run) may have created the account between our lookup and useradd.
            var recheck = await ExternalCommand.RunAsync("id", ["-u", UserName], null, cancellationToken).ConfigureAwait(false);
            if (!recheck.Succeeded)
            {
                creation.EnsureSuccess();
            }
        }
        finally
        {
            AccountCreation.Release();
        }
    }

    /// <summary>Whether the postgres user can reach <paramref name="directory"/> (search permission on it and every ancestor).</summary>
    public static async Task<bool> CanTraverseAsync(string directory, CancellationToken cancellationToken)
    {
        // Asking the kernel as that user covers ACLs, group membership and mount options that mode bits alone would miss.
        var result = await ExternalCommand
            .RunAsync("runuser", ["-u", UserName, "--", "test", "-x", directory], "/", cancellationToken)
            .ConfigureAwait(false);
        return result.Succeeded;
    }

    public static async Task GiveOwnershipAsync(string path, bool recursive, CancellationToken cancellationToken)
    {
        string[] arguments = recursive ? ["-R", UserName + ":", path] : [UserName + ":", path];
        (await ExternalCommand.RunAsync("chown", arguments, null, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
    }

    private static async Task<bool> DetectRootAsync()
    {
        if (string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
        {
            return true;
        }

        try
        {
            var result = await ExternalCommand.RunAsync("id", ["-u"], null, CancellationToken.None).ConfigureAwait(false);
            return result.Succeeded
                && int.TryParse(result.Output.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                && uid == 0;
        }
        catch (InvalidOperationException)
        {
            // No `id` on this machine: without it we cannot be root in any way that matters to initdb.
            return false;
        }
    }
}
