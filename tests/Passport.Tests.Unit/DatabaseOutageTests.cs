using System.Net.Sockets;
using Npgsql;
using Passport.Core.Resilience;

namespace Passport.Tests.Unit;

public class DatabaseOutageTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.AdminShutdown)]
    [InlineData(PostgresErrorCodes.CrashShutdown)]
    [InlineData(PostgresErrorCodes.CannotConnectNow)]
    [InlineData(PostgresErrorCodes.ConnectionFailure)]
    [InlineData(PostgresErrorCodes.TooManyConnections)]
    public void PostgreSQL_shutting_down_starting_up_or_dropping_the_connection_is_an_outage(string sqlState) =>
        DatabaseOutage.Caused(Postgres(sqlState)).ShouldBeTrue();

    [Theory]
    [InlineData(PostgresErrorCodes.UniqueViolation)]
    [InlineData(PostgresErrorCodes.SyntaxError)]
    [InlineData(PostgresErrorCodes.SerializationFailure)]
    [InlineData(PostgresErrorCodes.CharacterNotInRepertoire)]
    public void A_refused_statement_is_a_fault_not_an_outage(string sqlState) =>
        DatabaseOutage.Caused(Postgres(sqlState)).ShouldBeFalse();

    [Fact]
    public void A_broken_or_refused_connection_is_an_outage_also_inside_a_library_wrapper()
    {
        var broken = new NpgsqlException("Exception while reading from stream", new IOException("Connection reset"));
        DatabaseOutage.Caused(broken).ShouldBeTrue();
        DatabaseOutage.Caused(new InvalidOperationException("Marten command failed", new InvalidOperationException("handler failed", broken))).ShouldBeTrue();
        DatabaseOutage.Caused(new AggregateException(new ArgumentException("other"), new SocketException((int)SocketError.ConnectionRefused))).ShouldBeTrue();
        DatabaseOutage.Caused(new TimeoutException()).ShouldBeTrue();

        // A multi-host connection string while no server is the primary (a failover in progress).
        DatabaseOutage.Caused(new NpgsqlException("No suitable host was found.")).ShouldBeTrue();
    }

    [Fact]
    public void Our_own_bugs_stay_bugs()
    {
        DatabaseOutage.Caused(new InvalidOperationException("Cannot use an empty Guid as the stream id")).ShouldBeFalse();
        DatabaseOutage.Caused(new NullReferenceException()).ShouldBeFalse();
        DatabaseOutage.Caused(null).ShouldBeFalse();
    }

    [Fact]
    public void Timeouts_are_added_only_where_the_connection_string_sets_none()
    {
        var added = new NpgsqlConnectionStringBuilder(DatabaseOutage.WithTimeouts("Host=db;Database=passport"));
        added.Timeout.ShouldBe(DatabaseOutage.DefaultConnectTimeoutSeconds);
        added.CommandTimeout.ShouldBe(DatabaseOutage.DefaultCommandTimeoutSeconds);

        var kept = new NpgsqlConnectionStringBuilder(DatabaseOutage.WithTimeouts("Host=db;Database=passport;Timeout=15;Command Timeout=60"));
        kept.Timeout.ShouldBe(15);
        kept.CommandTimeout.ShouldBe(60);
    }

    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);
}
