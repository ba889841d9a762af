using System.Net.Sockets;
using Npgsql;

namespace Passport.Core.Resilience;

/// <summary>
/// Tells a database outage (PostgreSQL stopped, restarting, unreachable, or too slow to answer)
/// from a fault in our own code. An outage is answered <c>503</c> with <c>Retry-After</c> and
/// <see cref="Code"/>, which a client knows to retry; a fault stays <c>INTERNAL_ERROR</c> (ADR 22).
/// </summary>
public static class DatabaseOutage
{
    /// <summary>The <c>errors[].extensions.code</c> (and FHIR issue detail) of an answer given during an outage.</summary>
    public const string Code = "SERVICE_UNAVAILABLE";

    /// <summary>
    /// Seconds a client is asked to wait (<c>Retry-After</c>). A restarted PostgreSQL usually
    /// accepts connections again within a few seconds; a failover takes longer, and clients retry.
    /// </summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>Connect timeout (seconds) when the connection string sets none: an unreachable server is reported quickly.</summary>
    public const int DefaultConnectTimeoutSeconds = 5;

    /// <summary>Command timeout (seconds) when the connection string sets none: below GraphQL's 30 s execution limit.</summary>
    public const int DefaultCommandTimeoutSeconds = 20;

    /// <summary>
    /// True when <paramref name="exception"/>, or any exception it wraps (Marten and Wolverine wrap
    /// Npgsql's), says the database cannot be reached or answer now: a failure Npgsql raises itself
    /// rather than one PostgreSQL reports (a broken or refused connection, a timeout, "No suitable
    /// host was found" while no server of a multi-host connection string is the primary), a
    /// PostgreSQL error of class 08 (connection exception), 57P01 to 57P03 (shutting down, crashed,
    /// starting up) or 53300 (too many connections), or a timeout. A statement PostgreSQL refuses
    /// (a constraint, a syntax error) is not an outage.
    /// </summary>
    public static bool Caused(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 16; depth++)
        {
            switch (exception)
            {
                case PostgresException postgres:
                    return IsOutageState(postgres.SqlState);
                case NpgsqlException:
                case TimeoutException:
                case SocketException:
                    return true;
                case AggregateException aggregate:
                    return aggregate.InnerExceptions.Any(Caused);
            }

            exception = exception.InnerException;
        }

        return false;
    }

    private static bool IsOutageState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow or PostgresErrorCodes.TooManyConnections;

    /// <summary>
    /// The connection string with the timeouts above where it sets none, so that no request waits
    /// long on a database that is down: a connection attempt (or a wait for a pooled connection)
    /// gives up after the connect timeout, a command after the command timeout.
    /// </summary>
    public static string WithTimeouts(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Keys.Cast<string>().Any(key => key.Equals("Timeout", StringComparison.OrdinalIgnoreCase)))
        {
            builder.Timeout = DefaultConnectTimeoutSeconds;
        }

        if (!given.Keys.Cast<string>().Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("CommandTimeout", StringComparison.OrdinalIgnoreCase)))
        {
            builder.CommandTimeout = DefaultCommandTimeoutSeconds;
        }

        return builder.ConnectionString;
    }
}
