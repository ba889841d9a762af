namespace Passport.LocalPostgres;

/// <summary>Thrown when no PostgreSQL server binaries (initdb, pg_ctl) can be found on this machine.</summary>
public sealed class PostgresBinariesNotFoundException : Exception
{
    public PostgresBinariesNotFoundException()
        : base("PostgreSQL server binaries were not found.")
    {
    }

    public PostgresBinariesNotFoundException(string message)
        : base(message)
    {
    }

    public PostgresBinariesNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
