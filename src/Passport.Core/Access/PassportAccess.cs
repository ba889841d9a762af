using System.Collections.Concurrent;
using Marten;
using Marten.Linq.MatchesSql;
using Passport.Core.AccessLog;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.Access;

/// <summary>
/// The single entry point to passport data for a request: loads the core view, asks the access
/// decision, and registers the read with the access log. Modules reach it through
/// <see cref="IPassportReader"/>; writes take the one write path (<see cref="ChangePassportHandler"/>).
/// </summary>
public sealed class PassportAccess(
    IQuerySession session,
    AccessDecision decision,
    CurrentViewer viewer,
    AccessLogCollector accessLog) : IPassportReader
{
    private readonly ConcurrentDictionary<Guid, PassportView> _opened = new();

    public async Task<PassportNode> ReadAsync(Guid passportId, CancellationToken cancellationToken)
    {
        var view = await session.LoadAsync<PassportView>(passportId, cancellationToken).ConfigureAwait(false);
        return Open(view) ?? throw PassportException.NotFound();
    }

    /// <summary>
    /// A page of the open passports the viewer has a standing relationship with (closed ones are
    /// no longer shown), by family name, given name and id: the first <paramref name="first"/>
    /// after the passport whose cursor is <paramref name="after"/>. The order is read off the
    /// membership table's index (<see cref="PassportMembers"/>), so a page costs what it returns,
    /// however many passports the viewer has; each passport on it is then loaded and decided.
    /// </summary>
    public async Task<IReadOnlyList<PassportNode>> MyPassportsAsync(int first, string? after, CancellationToken cancellationToken)
    {
        var subject = viewer.Value.Subject;
        (string FamilyName, string GivenName, Guid Id)? position = null;
        if (Paging.PassportAfter(after) is { } afterId)
        {
            // The position is taken from the passport itself, so the cursor carries no name; it
            // must be one of the viewer's own, or its place in the order would say something.
            var found = await session.AdvancedSql.QueryAsync<string, string>(PassportMembers.PositionSql, cancellationToken, subject, afterId).ConfigureAwait(false);
            if (found.Count == 0)
            {
                throw Paging.NotACursor();
            }

            position = (found[0].Item1, found[0].Item2, afterId);
        }

        var nodes = new List<PassportNode>();
        while (nodes.Count < first)
        {
            var wanted = first - nodes.Count;
            var page = position is var (familyName, givenName, id)
                ? await session.AdvancedSql.QueryAsync<Guid, string, string>(PassportMembers.PageSql, cancellationToken, subject, familyName, givenName, id, wanted).ConfigureAwait(false)
                : await session.AdvancedSql.QueryAsync<Guid, string, string>(PassportMembers.FirstPageSql, cancellationToken, subject, wanted).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            var views = (await session.LoadManyAsync<PassportView>(cancellationToken, page.Select(p => p.Item1)).ConfigureAwait(false))
                .ToDictionary(v => v.Id);
            nodes.AddRange(page
                .Select(p => views.GetValueOrDefault(p.Item1))
                .Where(v => v is not null && !decision.IsClosed(v))
                .Select(Open)
                .OfType<PassportNode>());
            if (page.Count < wanted)
            {
                break;
            }

            position = (page[^1].Item2, page[^1].Item3, page[^1].Item1);
        }

        return nodes;
    }

    /// <summary>
    /// Who has read a passport, newest first, for its family or an auditor: the first
    /// <paramref name="first"/> entries older than the one whose cursor is <paramref name="after"/>.
    /// PostgreSQL walks the (passport, time) index from the cursor and stops after the page, so a
    /// long log costs what the page shows.
    /// </summary>
    public async Task<IReadOnlyList<AccessLogEntry>> AccessLogAsync(Guid passportId, int first, string? after, CancellationToken cancellationToken)
    {
        await AuthorizeAccessLogAsync(passportId, cancellationToken, allowAuditor: true).ConfigureAwait(false);
        var entries = session.Query<AccessLogEntry>().Where(e => e.PassportId == passportId);
        if (Paging.AccessLogAfter(after, passportId) is { } below)
        {
            // The cursor must name an entry of this passport's log.
            var boundary = await session.LoadAsync<AccessLogEntry>(below, cancellationToken).ConfigureAwait(false);
            if (boundary?.PassportId != passportId)
            {
                throw Paging.NotACursor();
            }

            entries = entries.Where(e => e.MatchesSql(AccessLogBelow, below));
        }

        return await entries
            .OrderByDescending(e => e.At)
            .ThenByDescending(e => e.Id)
            .Take(first)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Entries after the cursor's in (time, id) order.</summary>
    private static readonly string AccessLogBelow = Paging.BelowCursorSql($"{PassportCoreRegistration.AuditSchemaName}.mt_doc_accesslogentry");

    /// <summary>
    /// What changed on a passport, when and by whom, newest first: only changes to groups the
    /// viewer may see, never changes to items withheld from them, and changes to relationships and
    /// sharing for the family alone. Reading it is a read of the passport, and is audited as one.
    /// </summary>
    /// <remarks>
    /// Paged: the first <paramref name="first"/> entries older than the one whose cursor is
    /// <paramref name="after"/>. The stream is read newest first in batches, by version on
    /// PostgreSQL's (stream, version) index, only until the page is full, so a long history
    /// costs what the page shows.
    /// </remarks>
    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(Guid passportId, int first, string? after, CancellationToken cancellationToken)
    {
        var below = Paging.HistoryAfter(after, passportId) ?? long.MaxValue;
        var node = await ReadAsync(passportId, cancellationToken).ConfigureAwait(false);
        var grant = node.Access;
        var isFamily = grant.Basis is AccessBasis.Carer or AccessBasis.YoungPerson;
        if (isFamily && ViewOf(node).IsFamilyAccessFrozen)
        {
            throw PassportException.Forbidden("Family access to this passport is paused by children's social care.");
        }

        var entries = new List<HistoryEntry>();
        var batchSize = Math.Max(first, HistoryBatch);
        while (entries.Count < first)
        {
            var batch = await session.Events.QueryAllRawEvents()
                .Where(e => e.StreamId == passportId && e.Version < below)
                .OrderByDescending(e => e.Version)
                .Take(batchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var stored in batch.TakeWhile(_ => entries.Count < first))
            {
                if (stored.Data is not IPassportEvent change
                    || (change.FieldGroup is { } group ? !grant.MaySee(group) : !isFamily)
                    || (change is IPassportItemEvent itemChange && grant.IsWithheld(itemChange.ItemId)))
                {
                    continue;
                }

                entries.Add(new HistoryEntry(stored.Version, stored.Timestamp, HistoryEntry.Describe(stored.EventTypeName), change.FieldGroup, (change as IPassportItemEvent)?.ItemId, change.RecordedBy, Paging.HistoryCursor(passportId, stored.Version)));
                if (change.FieldGroup is { } shown)
                {
                    accessLog.Returned(node, shown);
                }
            }

            if (batch.Count < batchSize)
            {
                break;
            }

            below = batch[^1].Version;
        }

        return entries;
    }

    /// <summary>Events read per round trip while filling a history page (more when the page is larger).</summary>
    private const int HistoryBatch = 50;

    /// <summary>Whether an NHS number already has a passport (the answer is DUPLICATE, whoever asks).</summary>
    public Task<bool> IsNhsNumberTakenAsync(string nhsNumber, CancellationToken cancellationToken) =>
        session.Query<PassportView>().AnyAsync(p => p.NhsNumber == nhsNumber, cancellationToken);

    /// <summary>
    /// The family (carers, the young person) read their passport's access log; an auditor reads
    /// any passport's access log (never its content), also a purged passport's while the retention
    /// job keeps it, and that read is logged too. Anyone else gets NOT_FOUND.
    /// </summary>
    public async Task AuthorizeAccessLogAsync(Guid passportId, CancellationToken cancellationToken, bool allowAuditor = false)
    {
        var view = await session.LoadAsync<PassportView>(passportId, cancellationToken).ConfigureAwait(false);
        var who = viewer.Value;
        if (allowAuditor && who.Roles.Contains(Viewer.AuditorRole)
            && (view is not null || await session.LoadAsync<Retention.PassportPurged>(passportId, cancellationToken).ConfigureAwait(false) is { AccessLogDeletedAt: null }))
        {
            accessLog.Opened(passportId, new AccessGrant(who, AccessBasis.Auditor, new HashSet<string>()));
            return;
        }

        var grant = view is null ? null : decision.Decide(who, view);
        if (grant?.Basis is not (AccessBasis.Carer or AccessBasis.YoungPerson))
        {
            throw PassportException.NotFound();
        }

        // During a safeguarding enquiry the access log would show who is involved.
        if (view!.IsFamilyAccessFrozen)
        {
            throw PassportException.Forbidden("Family access to this passport is paused by children's social care.");
        }
    }

    /// <summary>The core view of a passport this request opened.</summary>
    public PassportView ViewOf(PassportNode node) => _opened[node.Id];

    private PassportNode? Open(PassportView? view)
    {
        if (view is null)
        {
            return null;
        }

        var grant = decision.Decide(viewer.Value, view);
        if (grant is null)
        {
            return null;
        }

        _opened[view.Id] = view;
        var node = new PassportNode(view.Id, checked((int)view.Version), view.LocalAuthority, grant);
        accessLog.Opened(node);
        return node;
    }
}
