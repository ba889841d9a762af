namespace Passport.LocalPostgres;

/// <summary>Runs the server binaries (initdb, pg_ctl) from one bin directory, as the postgres user when we are root.</summary>
internal sealed class PostgresTools(string binDirectory, bool runAsPostgres)
{
    public string BinDirectory { get; } = binDirectory;

    public Task<CommandResult> RunAsync(string tool, IReadOnlyList<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var executable = Path.Combine(BinDirectory, tool);
        return runAsPostgres
            ? ExternalCommand.RunAsync("runuser", ["-u", PostgresAccount.UserName, "--", executable, .. arguments], workingDirectory, cancellationToken)
            : ExternalCommand.RunAsync(executable, arguments, workingDirectory, cancellationToken);
    }
}
