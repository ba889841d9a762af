using Npgsql;
using NpgsqlTypes;

namespace Passport.Benchmarks;

/// <summary>
/// The baseline: what the same PostgreSQL cluster does through plain Npgsql, with no host in
/// between, for the least work each passport operation needs. Tables live in the schema
/// <c>bench_raw</c>, shaped like Marten's (a JSONB document keyed by id; an append-only audit
/// table indexed like the access log; an event table with a sequence and a unique stream version).
/// </summary>
internal sealed class RawPostgres(NpgsqlDataSource dataSource, SeededRegion region) : IAsyncDisposable
{
    private const string AuditJson = """
        {"Subject":"bench-health-0001","DisplayName":"Bench Clinician 1","Sector":"health","Organisation":"Benchmark Community Health Trust","Basis":"CareTeam","Groups":["aboutMe","health.emergency","identity.basic","identity.nhsNumber"]}
        """;

    private const string EventJson = """
        {"AllergyId":"0193a5c4-0000-7000-8000-000000000000","Substance":"Latex","Reaction":"Hives","Severity":0,"RecordedBy":{"Subject":"bench-health-0001","DisplayName":"Bench Clinician 1","Role":"professional","Sector":"health","Organisation":"Benchmark Community Health Trust","RecordedAt":"2026-01-01T00:00:00+00:00","IsVerified":true},"Status":0}
        """;

    private long _version;

    public static async Task<RawPostgres> CreateAsync(string connectionString, int maxConnections, SeededRegion region)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = maxConnections };
        var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var command = dataSource.CreateCommand("""
            create schema if not exists bench_raw;
            create table if not exists bench_raw.passport (id uuid primary key, data jsonb not null);
            create table if not exists bench_raw.access_log (id uuid primary key, passport_id uuid not null, at timestamptz not null, data jsonb not null);
            create index if not exists access_log_passport on bench_raw.access_log (passport_id);
            create index if not exists access_log_at on bench_raw.access_log (at);
            create table if not exists bench_raw.event (seq_id bigint generated always as identity primary key, id uuid not null, stream_id uuid not null,
              version bigint not null, type text not null, data jsonb not null, timestamp timestamptz not null default now(), unique (stream_id, version));
            """);
        await command.ExecuteNonQueryAsync();
        return new RawPostgres(dataSource, region);
    }

    /// <summary>Copies the passport documents Marten projected, so the raw table holds as many rows of the same size.</summary>
    public async Task CopyPassportDocumentsAsync()
    {
        await using var command = dataSource.CreateCommand("""
            insert into bench_raw.passport (id, data) select id, data from passport.mt_doc_passportview on conflict (id) do nothing;
            analyze bench_raw.passport;
            """);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The minimum of an audited read: in one transaction, a primary-key SELECT of a JSONB document and an INSERT of an audit row, then commit.</summary>
    public async Task<string?> AuditedReadAsync(Random random, CancellationToken cancellationToken)
    {
        var id = region.Passports[random.Next(region.Passports.Count)];
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var select = new NpgsqlCommand("select data from bench_raw.passport where id = $1", connection, transaction))
        {
            select.Parameters.Add(new NpgsqlParameter { Value = id });
            if (await select.ExecuteScalarAsync(cancellationToken) is not string)
            {
                return $"passport {id} not found";
            }
        }

        await using (var insert = new NpgsqlCommand("insert into bench_raw.access_log (id, passport_id, at, data) values ($1, $2, now(), $3)", connection, transaction))
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
            insert.Parameters.Add(new NpgsqlParameter { Value = id });
            insert.Parameters.Add(new NpgsqlParameter { Value = AuditJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The minimum of a write: one INSERT of an event-like row, committed.</summary>
    public async Task<string?> AppendEventAsync(Random random, CancellationToken cancellationToken)
    {
        var id = region.Passports[random.Next(region.Passports.Count)];
        await using var insert = dataSource.CreateCommand("insert into bench_raw.event (id, stream_id, version, type, data) values ($1, $2, $3, 'allergy_recorded', $4)");
        insert.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
        insert.Parameters.Add(new NpgsqlParameter { Value = id });
        insert.Parameters.Add(new NpgsqlParameter { Value = Interlocked.Increment(ref _version) });
        insert.Parameters.Add(new NpgsqlParameter { Value = EventJson, NpgsqlDbType = NpgsqlDbType.Jsonb });
        await insert.ExecuteNonQueryAsync(cancellationToken);
        return null;
    }

    public async Task<string> ServerVersionAsync()
    {
        await using var command = dataSource.CreateCommand("select version()");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();
}
