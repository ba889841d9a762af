using Npgsql;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// A host started again on a database it has already set up finds the schema as it left it. An
/// index dropped and built again (a new object id) blocks writes to its table while it is built:
/// on a region's access log, tens of millions of rows at every start.
/// </summary>
[Collection(PassportCollection.Name)]
public class RestartTests(PassportFixture fixture)
{
    [Fact]
    public async Task A_second_start_on_the_same_database_drops_and_creates_no_index()
    {
        var connectionString = await fixture.NewDatabaseAsync();
        var environment = fixture.HostEnvironment(connectionString);
        await using (await HostProcess.StartAsync(environment))
        {
        }

        var before = await IndexesAsync(connectionString);

        // The indexes that were built again at every start, on tables outside the passport schema.
        before.Keys.ShouldContain("audit.mt_doc_accesslogentry_idx_at");
        before.Keys.ShouldContain("audit.mt_doc_accesslogentry_idx_passport_idat");
        before.Keys.ShouldContain("impact.mt_doc_satisfactionanswer_idx_month");

        await using (await HostProcess.StartAsync(environment))
        {
            var after = await IndexesAsync(connectionString);
            var rebuilt = before.Keys.Union(after.Keys)
                .Where(name => !before.TryGetValue(name, out var was) || !after.TryGetValue(name, out var now) || was != now);
            rebuilt.ShouldBeEmpty("indexes dropped, created or built again by the second start");
            after.Count.ShouldBe(before.Count);
        }
    }

    /// <summary>Every index in the product's schemas, by qualified name, with its object id.</summary>
    private static async Task<SortedDictionary<string, uint>> IndexesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            select n.nspname || '.' || c.relname, c.oid
            from pg_class c join pg_namespace n on n.oid = c.relnamespace
            where c.relkind in ('i', 'I') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var indexes = new SortedDictionary<string, uint>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            indexes[reader.GetString(0)] = reader.GetFieldValue<uint>(1);
        }

        return indexes;
    }
}
