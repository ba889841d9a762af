using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using JasperFx;
using Marten;
using Npgsql;
using Passport.Core;
using Passport.Core.AboutMe;
using Passport.Core.CareTeam;
using Passport.Core.EmergencyContacts;
using Passport.Core.Passports;
using Passport.Core.Sharing;
using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Benchmarks;

/// <summary>
/// A region of passports in the host's database, seeded in two steps.
/// <list type="number">
/// <item><b>Templates</b> (up to 2,000) go through Marten exactly as the host writes them: a
/// <c>DocumentStore</c> configured as the host configures it (the core's Marten configuration, then
/// each plugin's, the plugins loaded from the plugins folder), so every inline projection (the core
/// view, each module's view, the impact record) is written by the product's own code. Each template
/// is one stream of 13 to 17 events a family and the professionals around a child would cause:
/// created, About me, an emergency contact, an allergy, a condition, a school, an activity,
/// health, education and leisure professionals joining, and for one child in
/// ten a social worker with a legal status and an involvement; one in three shares clinical health
/// information with education.</item>
/// <item><b>Clones</b>: every further passport is a copy of template <c>i mod T</c>, made inside
/// PostgreSQL in bulk (<c>INSERT … SELECT</c>, 20,000 passports a statement, two at a time): its stream
/// row, its events and every document keyed by the passport's id, with the passport id, the NHS number
/// (a distinct valid one per passport) and the carer's subject substituted in the JSON. Events and
/// documents get the same substitution, so each clone is exactly what the projections would have
/// written for its events. Marten's own bulk paths (<c>BulkInsertEventsAsync</c>, <c>BulkInsertAsync</c>)
/// do not run inline projections, so the views would have to be built some other way; a copy in the
/// database keeps them identical to the product's and is what makes 1.2 million passports take
/// minutes on two cores. Item ids repeat across clones of one template (they are unique within a
/// passport, which is all the product relies on).</item>
/// </list>
/// Passport <c>i</c>'s health, education and leisure professionals are number <c>i mod 50</c> of their
/// sector; one passport in ten has social worker <c>i mod 20</c>; its carer is <c>bench-carer-i</c>. Two
/// more health professionals have caseloads of exactly 20 and 2,000 passports, for <c>myPassports</c>.
/// </summary>
internal sealed class SeededRegion : IAsyncDisposable
{
    public const string Organisation = "Benchmark Community Health Trust";
    public const int ProfessionalsPerSector = 50;
    public const int SocialWorkers = 20;
    public const int MaxTemplates = 2_000;
    public const string SmallCaseload = "bench-caseload-20";
    public const string LargeCaseload = "bench-caseload-2000";
    private const int TemplateBatch = 250;
    private const int CloneChunk = 20_000;

    private static readonly string[] LocalAuthorityCodes =
    [
        "E06000052", "E06000053", "E10000008", "E06000026", "E06000027", "E06000066", "E06000024", "E06000022",
        "E06000023", "E06000025", "E10000013", "E06000030", "E06000054", "E06000059", "E06000058",
    ];

    private static readonly string[] GivenNames = ["Ellie", "Ava", "Noah", "Oliver", "Amelia", "Isla", "Leo", "Freya", "Arlo", "Mia", "Jack", "Rosie", "Theo", "Poppy", "Alfie", "Maya", "Finley", "Ivy", "Harry", "Lily"];
    private static readonly string[] FamilyNames = ["Morgan", "Penrose", "Trelawny", "Hughes", "Carter", "Nance", "Pascoe", "Williams", "Jago", "Rowe", "Tremayne", "Kessell", "Bolitho", "Angove", "Polglase", "Hocking", "Chenoweth", "Trevithick", "Uren", "Vosper"];

    private readonly DocumentStore _store;
    private readonly NpgsqlDataSource _dataSource;
    private readonly IReadOnlyList<Assembly> _modules;
    private readonly List<Guid> _passports = [];
    private readonly List<Guid> _templates = [];

    private SeededRegion(DocumentStore store, NpgsqlDataSource dataSource, IReadOnlyList<Assembly> modules)
    {
        _store = store;
        _dataSource = dataSource;
        _modules = modules;
    }

    public IReadOnlyList<Guid> Passports => _passports;

    public static string Professional(string sector, int index) => $"bench-{sector}-{index:D4}";

    public static string Carer(int passport) => $"bench-carer-{passport:D7}";

    /// <summary>The subject of the professional of <paramref name="sector"/> on passport <paramref name="passport"/>'s care team (social care: one passport in ten, else null).</summary>
    public static string? ProfessionalOf(string sector, int passport) => sector switch
    {
        Sectors.SocialCare => passport % 10 == 0 ? Professional(sector, passport % SocialWorkers) : null,
        _ => Professional(sector, passport % ProfessionalsPerSector),
    };

    public static SeededRegion Open(string connectionString, string pluginsPath)
    {
        var modules = LoadModules(pluginsPath);
        var store = DocumentStore.For(options =>
        {
            options.Connection(connectionString);
            options.DatabaseSchemaName = PassportCoreRegistration.PassportSchemaName;
            // The host created the schema at its start; the benchmark only writes rows.
            options.AutoCreateSchemaObjects = AutoCreate.None;
            PassportCoreRegistration.ConfigureCoreMarten(options);
            foreach (var module in modules)
            {
                module.ConfigureMarten(options);
            }
        });
        var dataSource = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(connectionString) { CommandTimeout = 0, MaxPoolSize = 4 }.ConnectionString).Build();
        return new SeededRegion(store, dataSource, modules.Select(m => m.GetType().Assembly).ToArray());
    }

    /// <summary>Seeds until there are <paramref name="target"/> passports: templates first, then clones.</summary>
    public async Task SeedUpToAsync(int target, Action<string> log)
    {
        if (target <= _passports.Count)
        {
            return;
        }

        if (_templates.Count == 0)
        {
            // A multiple of 100, so every sector's professional number (i mod 50, i mod 20) is the same in a clone as in its template.
            var templates = Math.Max(100, Math.Min(MaxTemplates, target) / 100 * 100);
            await SeedTemplatesAsync(templates, log);
        }

        await CloneUpToAsync(target, log);
    }

    private async Task SeedTemplatesAsync(int count, Action<string> log)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Guid.CreateVersion7()).ToArray();
        foreach (var batch in ids.Chunk(TemplateBatch).Select((chunk, b) => (chunk, b)))
        {
            await using var session = _store.LightweightSession();
            for (var k = 0; k < batch.chunk.Length; k++)
            {
                var index = (batch.b * TemplateBatch) + k;
                session.Events.StartStream<PassportView>(ids[index], EventsOfTemplate(ids[index], index));
            }

            await session.SaveChangesAsync();
        }

        _templates.AddRange(ids);
        _passports.AddRange(ids);

        await using var setup = _dataSource.CreateCommand("""
            create schema if not exists bench_seed;
            create table bench_seed.template (t int primary key, id uuid not null, nhs text not null);
            create or replace function bench_seed.nhs(i int) returns text language plpgsql immutable as $$
            declare c bigint := 500000000 + i::bigint * 11; d text; s int; k int; chk int;
            begin
              loop
                d := lpad(c::text, 9, '0'); s := 0;
                for k in 1..9 loop s := s + substr(d, k, 1)::int * (11 - k); end loop;
                chk := 11 - (s % 11);
                if chk <> 10 then return d || (case when chk = 11 then 0 else chk end)::text; end if;
                c := c + 1;
              end loop;
            end $$;
            """);
        await setup.ExecuteNonQueryAsync();
        await using (var import = await _dataSource.OpenConnectionAsync())
        await using (var writer = await import.BeginBinaryImportAsync("copy bench_seed.template (t, id, nhs) from stdin (format binary)"))
        {
            for (var t = 0; t < ids.Length; t++)
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(t);
                await writer.WriteAsync(ids[t]);
                await writer.WriteAsync(NhsNumberFor(t));
            }

            await writer.CompleteAsync();
        }

        log($"  {count:N0} template passports through Marten (inline projections)");
    }

    private async Task CloneUpToAsync(int target, Action<string> log)
    {
        var first = _passports.Count;
        var templates = _templates.Count;
        for (var i = first; i < target; i++)
        {
            _passports.Add(CloneId(_templates[i % templates], i));
        }

        if (target <= first)
        {
            return;
        }

        var statements = await CloneStatementsAsync();
        var chunks = Enumerable.Range(0, (target - first + CloneChunk - 1) / CloneChunk)
            .Select(c => (From: first + (c * CloneChunk), To: Math.Min(target, first + ((c + 1) * CloneChunk))))
            .ToArray();
        var done = 0;
        var lastReport = DateTime.UtcNow;
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (chunk, cancellationToken) =>
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var batch = new NpgsqlBatch(connection, transaction);
            // Seed data, not an acknowledged change: no need to wait for the WAL flush of each chunk.
            batch.BatchCommands.Add(new NpgsqlBatchCommand("set local synchronous_commit = off"));
            batch.BatchCommands.Add(new NpgsqlBatchCommand($"""
                create temp table m on commit drop as
                select g.i, t.id as old_id, md5(t.id::text || ':' || g.i)::uuid as new_id,
                       '"' || t.nhs || '"' as old_nhs, '"' || bench_seed.nhs(g.i) || '"' as new_nhs,
                       '"bench-carer-' || lpad(t.t::text, 7, '0') || '"' as old_carer, '"bench-carer-' || lpad(g.i::text, 7, '0') || '"' as new_carer
                from generate_series({chunk.From}, {chunk.To - 1}) g(i) join bench_seed.template t on t.t = g.i % {templates}
                """));
            foreach (var statement in statements)
            {
                batch.BatchCommands.Add(new NpgsqlBatchCommand(statement));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            var total = Interlocked.Add(ref done, chunk.To - chunk.From);
            if (DateTime.UtcNow - lastReport > TimeSpan.FromSeconds(15))
            {
                lastReport = DateTime.UtcNow;
                log($"  cloned to {first + total:N0} of {target:N0}");
            }
        });
    }

    /// <summary>
    /// One INSERT … SELECT per table holding a passport's rows: the stream, its events, and every
    /// document table (any schema) whose ids are passports. Columns come from the catalogue, so a
    /// module's view is cloned without the benchmark naming it.
    /// </summary>
    private async Task<List<string>> CloneStatementsAsync()
    {
        const string Rewrite = "replace(replace(replace(replace({0}::text, m.old_id::text, m.new_id::text), m.old_nhs, m.new_nhs), m.old_carer, m.new_carer), 'bench-caseload-', 'bench-caseload-x-')";
        var schema = PassportCoreRegistration.PassportSchemaName;
        var tables = new List<(string Schema, string Table, List<(string Name, string Type)> Columns)>();
        await using (var command = _dataSource.CreateCommand("""
            select c.table_schema, c.table_name, c.column_name, c.data_type
            from information_schema.columns c
            where c.table_schema not in ('pg_catalog', 'information_schema', 'bench_seed', 'bench_raw')
              and (c.table_name like 'mt_doc_%' or (c.table_schema = $1 and c.table_name in ('mt_streams', 'mt_events')))
            order by c.table_schema, c.table_name, c.ordinal_position
            """))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = schema });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var (tableSchema, table) = (reader.GetString(0), reader.GetString(1));
                if (tables.Count == 0 || tables[^1].Schema != tableSchema || tables[^1].Table != table)
                {
                    tables.Add((tableSchema, table, []));
                }

                tables[^1].Columns.Add((reader.GetString(2), reader.GetString(3)));
            }
        }

        // The templates' rows are copied aside once, so each chunk reads a small table however large the real ones have grown.
        var statements = new List<string>();
        var setup = new List<string>();
        string Aside((string Schema, string Table, List<(string Name, string Type)> Columns) table, string where)
        {
            var copy = $"bench_seed.{Quote(table.Schema + "_" + table.Table)}";
            setup.Add($"create table if not exists {copy} as select * from {Quote(table.Schema)}.{Quote(table.Table)} s where {where}");
            setup.Add($"create index if not exists {Quote(table.Schema + "_" + table.Table + "_key")} on {copy} ({(table.Table == "mt_events" ? "stream_id" : "id")})");
            return copy;
        }

        var streams = tables.Single(t => t.Schema == schema && t.Table == "mt_streams");
        statements.Add(Insert(streams, Aside(streams, "s.id in (select id from bench_seed.template)"), "s.id = m.old_id", c => c.Name == "id" ? "m.new_id" : "s." + Quote(c.Name)));
        var events = tables.Single(t => t.Schema == schema && t.Table == "mt_events");
        var eventsAside = Aside(events, "s.stream_id in (select id from bench_seed.template)");
        // Most events name neither the passport, its NHS number nor its carer: those are copied as they are, not re-parsed.
        setup.Add($"""
            alter table {eventsAside} add column if not exists substitute boolean;
            update {eventsAside} s set substitute = strpos(s.data::text, t.id::text) > 0 or strpos(s.data::text, t.nhs) > 0
              or strpos(s.data::text, 'bench-carer-') > 0 or strpos(s.data::text, 'bench-caseload-') > 0
            from bench_seed.template t where t.id = s.stream_id and s.substitute is null
            """);
        statements.Add(Insert(events, eventsAside, "s.stream_id = m.old_id", c => c.Name switch
        {
            "seq_id" => $"nextval('{schema}.mt_events_sequence')",
            "id" => "gen_random_uuid()",
            "stream_id" => "m.new_id",
            "data" => "case when s.substitute then " + string.Format(System.Globalization.CultureInfo.InvariantCulture, Rewrite, "s.data") + "::jsonb else s.data end",
            _ => "s." + Quote(c.Name),
        }));
        foreach (var documents in tables.Where(t => t.Table.StartsWith("mt_doc_", StringComparison.Ordinal)))
        {
            if (!documents.Columns.Any(c => c is { Name: "id", Type: "uuid" }) || !await HoldsTemplatesAsync(documents.Schema, documents.Table))
            {
                continue;
            }

            statements.Add(Insert(documents, Aside(documents, "s.id in (select id from bench_seed.template)"), "s.id = m.old_id", c => c switch
            {
                { Name: "id" } => "m.new_id",
                { Type: "jsonb" } => string.Format(System.Globalization.CultureInfo.InvariantCulture, Rewrite, "s." + Quote(c.Name)) + "::jsonb",
                { Type: "text" or "character varying" } => string.Format(System.Globalization.CultureInfo.InvariantCulture, Rewrite, "s." + Quote(c.Name)),
                _ => "s." + Quote(c.Name),
            }));
        }

        foreach (var statement in setup)
        {
            await using var command = _dataSource.CreateCommand(statement);
            await command.ExecuteNonQueryAsync();
        }

        return statements;

        static string Insert((string Schema, string Table, List<(string Name, string Type)> Columns) table, string source, string join, Func<(string Name, string Type), string> value) =>
            $"insert into {Quote(table.Schema)}.{Quote(table.Table)} ({string.Join(", ", table.Columns.Select(c => Quote(c.Name)))}) " +
            $"select {string.Join(", ", table.Columns.Select(value))} from m join {source} s on {join}";
    }

    private async Task<bool> HoldsTemplatesAsync(string schema, string table)
    {
        await using var command = _dataSource.CreateCommand($"select exists (select 1 from {Quote(schema)}.{Quote(table)} d join bench_seed.template t on t.id = d.id)");
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    private static string Quote(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>The id PostgreSQL gives clone <paramref name="index"/> of a template: <c>md5(template || ':' || index)::uuid</c>.</summary>
    private static Guid CloneId(Guid template, int index) =>
        Guid.ParseExact(Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{template:D}:{index}"))), "N");

    private object[] EventsOfTemplate(Guid id, int index)
    {
        var at = DateTimeOffset.UtcNow;
        var carer = new Provenance(Carer(index), $"Carer {index}", Viewer.CarerRole, null, null, at, IsVerified: false);
        Provenance Professional(string sector, string subject) => new(subject, $"Bench {sector} {subject[^4..]}", Viewer.ProfessionalRole, sector, Organisation, at, IsVerified: true);
        var health = Professional(Sectors.Health, ProfessionalOf(Sectors.Health, index)!);
        var education = Professional(Sectors.Education, ProfessionalOf(Sectors.Education, index)!);
        var leisure = Professional(Sectors.Leisure, ProfessionalOf(Sectors.Leisure, index)!);
        CareTeamMemberJoined Joined(Provenance who) => new(who.Subject, who.DisplayName, who.Sector!, who.Organisation, "share code", who);

        var events = new List<object>
        {
            new PassportCreated(
                id,
                GivenNames[index % GivenNames.Length],
                FamilyNames[index / GivenNames.Length % FamilyNames.Length],
                null,
                new DateOnly(2008, 1, 1).AddDays(index * 7 % 6000),
                NhsNumberFor(index),
                LocalAuthorityCodes[index % LocalAuthorityCodes.Length],
                carer),
            new AboutMeUpdated(
                "I use some Makaton signs and short sentences. Give me time to answer.",
                "My dog Biscuit, my big sister, swimming on Saturdays.",
                "Trains, the colour yellow, singing.",
                "Loud hand dryers, being rushed.",
                "Sudden noises and changes to plans without warning.",
                "Tell me what is going to happen next, speak calmly, let me hold my sensory toy.",
                "I go quiet and rub my ear. I may not say that it hurts.",
                "Severe peanut allergy: adrenaline pen is in my bag.",
                carer),
            new EmergencyContactAdded(Guid.CreateVersion7(), "Sam Morgan", "Mother", true, "07700 900123", 1, carer),
            Item("health.emergency", carer, "Passport.Modules.Health.Allergies.Allergy", "Peanuts", "Anaphylaxis", 2, 0),
            Joined(health),
            Item("health.clinical", health, "Passport.Modules.Health.Conditions.Condition", "Autism spectrum disorder", "408856003", new DateOnly(2016, 5, 1)),
            Joined(education),
            Item("education.setting", carer, "Passport.Modules.Education.Setting.EducationSetting", "Penrose Primary School", "Year 4", "112233", "Mrs Angove, SENCo, 01872 000000"),
            Joined(leisure),
            Item("leisure.activities", carer, "Passport.Modules.Leisure.Activities.Activity", "Saturday swimming club", "Needs a quiet changing space and a visual timetable", false, true, "Swims 10 m with armbands", null),
        };

        if (ProfessionalOf(Sectors.SocialCare, index) is { } socialWorker)
        {
            var social = Professional(Sectors.SocialCare, socialWorker);
            events.Add(Joined(social));
            events.Add(Item("socialCare.legalStatus", social, "Passport.Modules.SocialCare.LegalStatuses.LegalStatusRecord", 1, new DateOnly(2024, 9, 1), "Cornwall Council"));
            events.Add(Item("socialCare.involvement", social, "Passport.Modules.SocialCare.Involvements.Involvement", "Alex Pascoe", "01872 000001", new[] { "Early help", "Short breaks" }));
        }

        if (index % 3 == 0)
        {
            events.Add(new SharingChanged(Sectors.Education, "health.clinical", true, carer));
        }

        if (index < 2_000)
        {
            events.Add(Joined(Professional(Sectors.Health, LargeCaseload)));
        }

        if (index < 20)
        {
            events.Add(Joined(Professional(Sectors.Health, SmallCaseload)));
        }

        return [.. events];
    }

    /// <summary>The kit's <c>ItemRecorded&lt;T&gt;</c> of a module's item, built by reflection (the benchmark knows modules only as the host does: loaded from the plugins folder).</summary>
    private object Item(string group, Provenance recordedBy, string typeName, params object?[] arguments)
    {
        var type = _modules.Select(a => a.GetType(typeName)).SingleOrDefault(t => t is not null)
            ?? throw new InvalidOperationException($"{typeName} is not in any loaded module; build the solution first.");
        var constructor = type.GetConstructors().Single(c => c.GetParameters().Length == arguments.Length);
        var parameters = constructor.GetParameters();
        var values = arguments.Select((a, i) => a is int n && parameters[i].ParameterType.IsEnum ? Enum.ToObject(parameters[i].ParameterType, n) : a).ToArray();
        var item = (RecordedItem)constructor.Invoke(values);
        return Activator.CreateInstance(typeof(ItemRecorded<>).MakeGenericType(type), group, item with { Id = Guid.CreateVersion7(), RecordedBy = recordedBy })!;
    }

    /// <summary>A distinct valid NHS number per passport: candidates 11 apart per index, so at most one of each block fails Modulus 11 (as <c>bench_seed.nhs</c>).</summary>
    internal static string NhsNumberFor(int index)
    {
        for (var candidate = 500_000_000L + (index * 11L); ; candidate++)
        {
            var digits = candidate.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
            var sum = 0;
            for (var i = 0; i < 9; i++)
            {
                sum += (digits[i] - '0') * (10 - i);
            }

            var check = 11 - (sum % 11);
            if (check == 10)
            {
                continue;
            }

            return digits + (check == 11 ? 0 : check).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static List<PassportModule> LoadModules(string pluginsPath)
    {
        var modules = new List<PassportModule>();
        foreach (var folder in Directory.GetDirectories(pluginsPath).Order(StringComparer.Ordinal))
        {
            var assemblyPath = Path.Combine(folder, Path.GetFileName(folder) + ".dll");
            if (!File.Exists(assemblyPath))
            {
                continue;
            }

            // As the host does (ADR 1): the default context, so Marten and the SDK unify; private dependencies from the plugin's folder.
            var resolver = new AssemblyDependencyResolver(assemblyPath);
            AssemblyLoadContext.Default.Resolving += (context, name) =>
                resolver.ResolveAssemblyToPath(name) is { } path ? context.LoadFromAssemblyPath(path) : null;
            var assembly = AssemblyLoadContext.Default.LoadFromAssemblyPath(assemblyPath);
            var moduleType = assembly.GetExportedTypes().Single(t => t.IsSubclassOf(typeof(PassportModule)) && !t.IsAbstract);
            modules.Add((PassportModule)Activator.CreateInstance(moduleType)!);
        }

        return modules;
    }

    public async ValueTask DisposeAsync()
    {
        await _store.DisposeAsync();
        await _dataSource.DisposeAsync();
    }
}
