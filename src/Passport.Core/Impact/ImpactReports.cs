using System.Globalization;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Passport.Core.Access;
using Passport.Core.AccessLog;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.Impact;

/// <summary>One published figure: a measure for one month, authority (null: the whole region) and sector.</summary>
/// <param name="Measure">One of <see cref="ImpactMeasures"/>.</param>
/// <param name="Month">The first day of its month.</param>
/// <param name="LocalAuthority">The authority's ONS code; null for the whole region.</param>
/// <param name="Sector">For measures counted per sector; null otherwise.</param>
/// <param name="Value">Null when it is suppressed ("fewer than 5").</param>
public sealed record ImpactFigure(string Measure, DateOnly Month, string? LocalAuthority, string? Sector, int? Value)
{
    public bool IsSuppressed => Value is null;
}

/// <summary>The figures a person may see for the months asked for.</summary>
/// <param name="LocalAuthority">The authority they were asked for; null for the region (with every authority).</param>
/// <param name="From">The first month.</param>
/// <param name="To">The last month.</param>
/// <param name="Latest">The latest month figures are published for.</param>
/// <param name="Figures">Every figure, after disclosure control.</param>
/// <param name="Satisfaction">How each journey went, region-wide.</param>
public sealed record ImpactReport(string? LocalAuthority, DateOnly From, DateOnly To, DateOnly Latest, IReadOnlyList<ImpactFigure> Figures, IReadOnlyList<SatisfactionFigure> Satisfaction);

/// <summary>Someone read the impact measures: kept in the audit schema like every other read.</summary>
public sealed class ImpactReportRead
{
    public Guid Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string Subject { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Role { get; set; } = "";
    public string? LocalAuthority { get; set; }
    public DateOnly From { get; set; }
    public DateOnly To { get; set; }
}

/// <summary>
/// Computes the impact measures from <see cref="PassportImpact"/> documents and the access log,
/// applies disclosure control to the whole region's table at once, and gives each person only
/// the part their role allows: a commissioner the region and every authority, a local-authority
/// administrator their own authority, anyone else nothing (FORBIDDEN). Because every figure is a
/// cell of that one table, suppressed the same way whatever was asked, two requests with
/// different filters can never be subtracted to reveal a suppressed cell.
/// </summary>
public sealed class ImpactReports(IDocumentStore store, CurrentViewer viewer, AccessDecision decision, TimeProvider clock, IConfiguration configuration, IHostEnvironment environment)
{
    /// <summary>The longest span of months one request may ask for.</summary>
    public const int MaxMonths = 36;

    public async Task<ImpactReport> ReadAsync(string? localAuthority, string? from, string? to, CancellationToken cancellationToken)
    {
        var who = viewer.Value;
        var scope = Scope(who, localAuthority);
        var latest = LatestMonth();
        var last = to is null ? latest : Month("to", to);
        if (last > latest)
        {
            throw PassportException.Invalid("to", $"to must not be after {ImpactFields.MonthText(latest)}: figures are published for complete months only.");
        }

        var first = from is null ? last.AddMonths(-11) : Month("from", from);
        if (first > last)
        {
            throw PassportException.Invalid("from", "from must not be after to.");
        }

        if (((last.Year - first.Year) * 12) + last.Month - first.Month >= MaxMonths)
        {
            throw PassportException.Invalid("from", $"Ask for at most {MaxMonths} months at a time.");
        }

        var months = Enumerable.Range(0, ((last.Year - first.Year) * 12) + last.Month - first.Month + 1).Select(first.AddMonths).ToList();
        var counts = await CountAsync(first, last, cancellationToken).ConfigureAwait(false);
        var figures = Publish(counts, months).Where(f => scope is null || f.LocalAuthority == scope).ToList();
        var satisfaction = await SatisfactionFigures.ReadAsync(store, first, last, cancellationToken).ConfigureAwait(false);

        // Audited before the figures leave, like a passport read.
        await using var session = store.LightweightSession();
        session.Store(new ImpactReportRead
        {
            Id = Guid.CreateVersion7(),
            At = clock.GetUtcNow(),
            Subject = who.Subject,
            DisplayName = who.DisplayName,
            Role = who.Roles.Contains(Viewer.CommissionerRole) ? Viewer.CommissionerRole : Viewer.LocalAuthorityAdminRole,
            LocalAuthority = scope,
            From = first,
            To = last,
        });
        await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return new ImpactReport(scope, first, last, latest, figures, satisfaction);
    }

    /// <summary>
    /// The latest month published: the last complete one, since this month's figures change as
    /// things happen, and reading one twice would tell what happened in between (docs/impact.md).
    /// <c>Passport:Impact:IncludeCurrentMonth</c> publishes this month too (the default in
    /// Development, so the demo and the tests see what they just did).
    /// </summary>
    private DateOnly LatestMonth()
    {
        var thisMonth = PassportImpactProjection.MonthOf(clock.GetUtcNow());
        return configuration.GetValue<bool?>("Passport:Impact:IncludeCurrentMonth") ?? environment.IsDevelopment() ? thisMonth : thisMonth.AddMonths(-1);
    }

    /// <summary>The authority the person may see (null: the region and every authority), or FORBIDDEN.</summary>
    private static string? Scope(Viewer who, string? localAuthority)
    {
        if (localAuthority is not null && !LocalAuthorities.IsKnown(localAuthority))
        {
            throw PassportException.Invalid("localAuthority", "localAuthority must be the ONS code of one of the region's local authorities.");
        }

        if (who.Roles.Contains(Viewer.CommissionerRole))
        {
            return localAuthority;
        }

        if (who.Roles.Contains(Viewer.LocalAuthorityAdminRole) && LocalAuthorities.IsKnown(who.LocalAuthority))
        {
            return localAuthority is null || localAuthority == who.LocalAuthority
                ? who.LocalAuthority
                : throw PassportException.Forbidden("A local-authority administrator sees the measures of their own authority only.");
        }

        throw PassportException.Forbidden("Only commissioners and local-authority administrators read the impact measures.");
    }

    private static DateOnly Month(string argument, string text) =>
        DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year >= 2000
            ? month
            : throw PassportException.Invalid(argument, $"{argument} must be a month written as 2026-03.");

    /// <summary>Every cell of the region's table before disclosure control, and the verification times behind the medians.</summary>
    private sealed record RawCounts(Dictionary<(string Measure, DateOnly Month, string? Sector, string LocalAuthority), int> Counts, Dictionary<(DateOnly Month, string LocalAuthority), List<int>> DaysToVerification);

    private async Task<RawCounts> CountAsync(DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        var impact = store.Options.FindOrResolveDocumentType(typeof(PassportImpact)).TableName.QualifiedName;
        var log = store.Options.FindOrResolveDocumentType(typeof(AccessLogEntry)).TableName.QualifiedName;
        var counts = new Dictionary<(string, DateOnly, string?, string), int>();
        var days = new Dictionary<(DateOnly, string), List<int>>();
        await using var session = store.QuerySession();
        var connection = session.Connection ?? throw new InvalidOperationException("The query session has no connection.");
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        // Things that happened, from each passport's facts.
        var facts = $"""
            select f.measure, f.la, f.month, f.sector, count(*)::int, array_remove(array_agg(f.days), null)
            from (select x->>'Measure' as measure, x->>'LocalAuthority' as la, (x->>'Month')::date as month, x->>'Sector' as sector, (x->>'Days')::int as days
                  from {impact} d cross join lateral jsonb_array_elements(d.data->'Facts') x) f
            where f.month between @first and @last and f.measure <> @changed
            group by 1, 2, 3, 4
            """;
        await using (var command = Command(connection, facts, first, last))
        {
            command.Parameters.AddWithValue("changed", PassportImpactProjection.Changed);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var measure = reader.GetString(0);
                var key = (measure, DateOnly.FromDateTime(reader.GetDateTime(2)), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetString(1));
                counts[key] = reader.GetInt32(4);
                if (measure == ImpactMeasures.FamilyItemsVerified)
                {
                    days[(key.Item2, key.Item4)] = [.. reader.GetFieldValue<int[]>(5)];
                }
            }
        }

        // Active: changed (facts) or read (access log, not by an auditor) in the month, each passport once.
        var active = $"""
            select la, month, count(distinct id)::int from (
              select d.id, x->>'LocalAuthority' as la, (x->>'Month')::date as month
              from {impact} d cross join lateral jsonb_array_elements(d.data->'Facts') x where x->>'Measure' = @changed
              union
              select d.id, d.data->>'LocalAuthority', date_trunc('month', ((e.data->>'At')::timestamptz at time zone 'Europe/London'))::date
              from {log} e join {impact} d on d.id = (e.data->>'PassportId')::uuid
              where e.data->>'Basis' not in (@auditorNumber, @auditorName)
            ) a
            where month between @first and @last
            group by 1, 2
            """;
        await using (var command = Command(connection, active, first, last))
        {
            command.Parameters.AddWithValue("changed", PassportImpactProjection.Changed);
            command.Parameters.AddWithValue("auditorNumber", ((int)AccessBasis.Auditor).ToString(CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("auditorName", nameof(AccessBasis.Auditor));
            await ReadCountsAsync(command, counts, r => (ImpactMeasures.PassportsActive, DateOnly.FromDateTime(r.GetDateTime(1)), null, r.GetString(0)), 2, cancellationToken).ConfigureAwait(false);
        }

        // Professionals' reads: once per passport, professional and UK day.
        var reads = $"""
            select la, month, sector, count(*)::int from (
              select distinct d.data->>'LocalAuthority' as la, e.data->>'Sector' as sector, e.data->>'PassportId' as passport, e.data->>'Subject' as subject,
                     ((e.data->>'At')::timestamptz at time zone 'Europe/London')::date as day,
                     date_trunc('month', ((e.data->>'At')::timestamptz at time zone 'Europe/London'))::date as month
              from {log} e join {impact} d on d.id = (e.data->>'PassportId')::uuid
              where e.data->>'Sector' is not null
            ) r
            where month between @first and @last
            group by 1, 2, 3
            """;
        await using (var command = Command(connection, reads, first, last))
        {
            await ReadCountsAsync(command, counts, r => (ImpactMeasures.ProfessionalReads, DateOnly.FromDateTime(r.GetDateTime(1)), r.GetString(2), r.GetString(0)), 3, cancellationToken).ConfigureAwait(false);
        }

        // States at each month's end (or now, for this month): passports held, and those whose About me is current.
        var states = $"""
            select d.data->>'LocalAuthority', m.month::date, count(*)::int,
                   count(*) filter (where exists (
                     select 1 from jsonb_array_elements_text(d.data->'AboutMeReviewedAt') r
                     where r::timestamptz <= m.ends and r::timestamptz > m.ends - make_interval(days => @reviewDays)))::int
            from (select g.month, least((g.month + interval '1 month') at time zone 'Europe/London', @now) as ends
                  from generate_series(@first::timestamp, @last::timestamp, interval '1 month') g(month)) m
            join {impact} d on (d.data->>'CreatedAt')::timestamptz < m.ends
            group by 1, 2
            """;
        await using (var command = Command(connection, states, first, last))
        {
            command.Parameters.AddWithValue("now", clock.GetUtcNow());
            command.Parameters.AddWithValue("reviewDays", (int)ReviewPolicy.PeriodFor(CoreFieldGroups.AboutMe).TotalDays);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var month = DateOnly.FromDateTime(reader.GetDateTime(1));
                counts[(ImpactMeasures.PassportsHeld, month, null, reader.GetString(0))] = reader.GetInt32(2);
                counts[(ImpactMeasures.AboutMeCurrent, month, null, reader.GetString(0))] = reader.GetInt32(3);
            }
        }

        return new RawCounts(counts, days);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, DateOnly first, DateOnly last)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("first", first);
        command.Parameters.AddWithValue("last", last);
        return command;
    }

    private static async Task ReadCountsAsync(
        NpgsqlCommand command,
        Dictionary<(string, DateOnly, string?, string), int> counts,
        Func<NpgsqlDataReader, (string, DateOnly, string?, string)> key,
        int countColumn,
        CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            counts[key(reader)] = reader.GetInt32(countColumn);
        }
    }

    /// <summary>The region's whole table for the months, after disclosure control.</summary>
    private List<ImpactFigure> Publish(RawCounts raw, IReadOnlyList<DateOnly> months)
    {
        var authorities = LocalAuthorities.All.Keys.Order(StringComparer.Ordinal).ToList();
        var figures = new List<ImpactFigure>();
        var hiddenVerifications = new Dictionary<DateOnly, (bool Region, IReadOnlySet<string> Authorities)>();
        foreach (var measure in ImpactMeasures.All.Where(m => m != ImpactMeasures.MedianDaysToVerification))
        {
            IReadOnlyList<string?> sectors = ImpactMeasures.PerSector.Contains(measure) ? [.. decision.PolicySectors] : [null];
            foreach (var month in months)
            {
                foreach (var sector in sectors)
                {
                    var group = authorities.ToDictionary(a => a, a => raw.Counts.GetValueOrDefault((measure, month, sector, a)), StringComparer.Ordinal);
                    var hidden = DisclosureControl.Suppressed(group);
                    var total = group.Values.Sum();
                    figures.Add(new ImpactFigure(measure, month, null, sector, DisclosureControl.IsSmall(total) ? null : Shown(measure, total)));
                    figures.AddRange(authorities.Select(a => new ImpactFigure(measure, month, a, sector, hidden.Contains(a) ? null : Shown(measure, group[a]))));
                    if (measure == ImpactMeasures.FamilyItemsVerified)
                    {
                        hiddenVerifications[month] = (DisclosureControl.IsSmall(total), hidden);
                    }
                }
            }
        }

        // A median is shown only where the count of verifications it is the median of is shown.
        foreach (var month in months)
        {
            var hidden = hiddenVerifications[month];
            var all = authorities.SelectMany(a => raw.DaysToVerification.GetValueOrDefault((month, a)) ?? []).ToList();
            figures.Add(new ImpactFigure(ImpactMeasures.MedianDaysToVerification, month, null, null, hidden.Region ? null : Median(all)));
            figures.AddRange(authorities.Select(a => new ImpactFigure(
                ImpactMeasures.MedianDaysToVerification, month, a, null, hidden.Authorities.Contains(a) ? null : Median(raw.DaysToVerification.GetValueOrDefault((month, a)) ?? []))));
        }

        return figures;
    }

    private static int Shown(string measure, int count) => ImpactMeasures.States.Contains(measure) ? DisclosureControl.Rounded(count) : count;

    /// <summary>The median of whole days, rounded half up; null for none.</summary>
    public static int? Median(IReadOnlyList<int> days)
    {
        if (days.Count == 0)
        {
            return null;
        }

        var sorted = days.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (int)Math.Round((sorted[middle - 1] + sorted[middle]) / 2.0, MidpointRounding.AwayFromZero);
    }
}
