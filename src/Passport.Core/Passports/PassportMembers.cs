using System.Data.Common;
using Marten;
using Weasel.Core;
using Weasel.Core.Migrations;
using Weasel.Postgresql;
using Weasel.Postgresql.Functions;
using Weasel.Postgresql.Tables;
using Weasel.Postgresql.Triggers;

namespace Passport.Core.Passports;

/// <summary>
/// Who has a standing relationship with which passport, in "my passports" order: one row per member
/// subject of each <see cref="PassportView"/> (subject, family name, given name, passport id), with a
/// primary key in that order, so a page of a viewer's passports is read straight off the index,
/// however many passports the viewer has (ADR 0026).
/// </summary>
/// <remarks>
/// PostgreSQL keeps it in step: triggers on the view's table rewrite a passport's rows whenever its
/// <see cref="PassportView.MemberSubjects"/> or names change, and delete them with the view, so
/// every write path (the inline projection, bulk inserts, the retention job's purge) changes both
/// in the same transaction. Marten's schema management creates the table, function and triggers
/// with the rest of the schema, after the view's table; when the triggers are first created the
/// same migration fills the table from the views already stored.
/// </remarks>
public sealed class PassportMembers(StoreOptions options) : FeatureSchemaBase("PassportMembers", options.Advanced.Migrator)
{
    public const string TableName = PassportCoreRegistration.PassportSchemaName + ".passport_member";

    private const string ViewTable = PassportCoreRegistration.PassportSchemaName + ".mt_doc_passportview";
    private const string FollowFunction = PassportCoreRegistration.PassportSchemaName + ".passport_member_follow_view";

    /// <summary>A page of a subject's passport ids in order, after a position; parameters subject, family, given, id, limit.</summary>
    public const string PageSql =
        $"select row(passport_id), row(family_name), row(given_name) from {TableName} " +
        "where subject = ? and (family_name, given_name, passport_id) > (?, ?, ?) " +
        "order by family_name, given_name, passport_id limit ?";

    /// <summary>A subject's first page; parameters subject, limit.</summary>
    public const string FirstPageSql =
        $"select row(passport_id), row(family_name), row(given_name) from {TableName} " +
        "where subject = ? order by family_name, given_name, passport_id limit ?";

    /// <summary>A passport's place in a subject's order, if the subject is one of its members; parameters subject, passport id.</summary>
    public const string PositionSql =
        $"select row(family_name), row(given_name) from {TableName} where subject = ? and passport_id = ?";

    private const string FillSql =
        $"insert into {TableName} (subject, family_name, given_name, passport_id) " +
        $"select distinct m.subject, v.data ->> 'FamilyName', v.data ->> 'GivenName', v.id from {ViewTable} v " +
        "cross join lateral jsonb_array_elements_text(v.data -> 'MemberSubjects') as m(subject) on conflict do nothing;";

    public override IEnumerable<Type> DependentTypes() => [typeof(PassportView)];

    protected override IEnumerable<ISchemaObject> schemaObjects()
    {
        var table = new Table(TableName);
        table.AddColumn("subject", "text").NotNull().AsPrimaryKey();
        table.AddColumn("family_name", "text").NotNull().AsPrimaryKey();
        table.AddColumn("given_name", "text").NotNull().AsPrimaryKey();
        table.AddColumn("passport_id", "uuid").NotNull().AsPrimaryKey();
        yield return table;

        yield return new Function(PostgresqlProvider.Instance.Parse(FollowFunction), $$"""
            CREATE OR REPLACE FUNCTION {{FollowFunction}}() RETURNS trigger LANGUAGE plpgsql AS $function$
            BEGIN
                IF TG_OP = 'TRUNCATE' THEN
                    TRUNCATE {{TableName}};
                    RETURN NULL;
                END IF;
                IF TG_OP <> 'INSERT' THEN
                    -- Each old row by its whole key: no second index on passport id is needed.
                    DELETE FROM {{TableName}}
                    WHERE subject IN (SELECT jsonb_array_elements_text(OLD.data -> 'MemberSubjects'))
                      AND family_name = OLD.data ->> 'FamilyName' AND given_name = OLD.data ->> 'GivenName' AND passport_id = OLD.id;
                END IF;
                IF TG_OP <> 'DELETE' THEN
                    INSERT INTO {{TableName}} (subject, family_name, given_name, passport_id)
                    SELECT DISTINCT m.subject, NEW.data ->> 'FamilyName', NEW.data ->> 'GivenName', NEW.id
                    FROM jsonb_array_elements_text(NEW.data -> 'MemberSubjects') AS m(subject);
                END IF;
                RETURN NULL;
            END;
            $function$;
            """);

        yield return new MemberTrigger("passport_member_follows_view", $"{FollowFunction}()", fillsOnCreate: true)
        {
            Timing = TriggerTiming.After,
            Events = TriggerEvents.Insert | TriggerEvents.Delete,
        };

        // Most changes to a passport (every recorded item moves its last change) leave its members
        // and names alone: those skip the trigger.
        yield return new MemberTrigger("passport_member_follows_view_update", $"{FollowFunction}()")
        {
            Timing = TriggerTiming.After,
            Events = TriggerEvents.Update,
            Condition = "OLD.data -> 'MemberSubjects' IS DISTINCT FROM NEW.data -> 'MemberSubjects' " +
                "OR OLD.data ->> 'FamilyName' IS DISTINCT FROM NEW.data ->> 'FamilyName' " +
                "OR OLD.data ->> 'GivenName' IS DISTINCT FROM NEW.data ->> 'GivenName'",
        };

        yield return new MemberTrigger("passport_member_follows_view_truncate", $"{FollowFunction}()")
        {
            Timing = TriggerTiming.After,
            Events = TriggerEvents.Truncate,
            ForEachRow = false,
        };
    }

    /// <summary>
    /// A trigger on the view's table, created when missing. Weasel would compare its definition with
    /// PostgreSQL's rendering of it, which spells a WHEN condition differently, and so drop and
    /// create the triggers (and fill the table again) at every start: a trigger that must change
    /// takes a new name instead. The insert/delete trigger's creation (a new database, or one stored
    /// before this table existed) also fills the table from the views already there, in the same
    /// migration.
    /// </summary>
    private sealed class MemberTrigger(string name, string functionCall, bool fillsOnCreate = false) : Trigger(name, ViewTable, functionCall)
    {
        public override async Task<ISchemaObjectDelta> CreateDeltaAsync(DbDataReader reader, CancellationToken ct = default) =>
            new SchemaObjectDelta(this, await reader.ReadAsync(ct).ConfigureAwait(false) ? SchemaPatchDifference.None : SchemaPatchDifference.Create);

        public override void WriteCreateStatement(Migrator migrator, TextWriter writer)
        {
            base.WriteCreateStatement(migrator, writer);
            if (fillsOnCreate)
            {
                writer.WriteLine(FillSql);
            }
        }
    }
}
