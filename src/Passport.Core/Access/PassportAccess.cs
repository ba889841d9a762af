using System.Collections.Concurrent;
using Marten;
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

    /// <summary>Every open passport the viewer has a standing relationship with (closed ones are no longer shown).</summary>
    public async Task<IReadOnlyList<PassportNode>> MyPassportsAsync(CancellationToken cancellationToken)
    {
        var subject = viewer.Value.Subject;
        var views = await session.Query<PassportView>()
            .Where(p => p.MemberSubjects.Contains(subject))
            .OrderBy(p => p.FamilyName).ThenBy(p => p.GivenName)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return views.Where(v => !decision.IsClosed(v)).Select(Open).OfType<PassportNode>().ToList();
    }

    /// <summary>A passport's access log, newest first, for its family or an auditor.</summary>
    public async Task<IReadOnlyList<AccessLogEntry>> AccessLogAsync(Guid passportId, int first, CancellationToken cancellationToken)
    {
        await AuthorizeAccessLogAsync(passportId, cancellationToken, allowAuditor: true).ConfigureAwait(false);
        return await session.Query<AccessLogEntry>()
            .Where(e => e.PassportId == passportId)
            .OrderByDescending(e => e.At)
            .Take(first)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What changed on a passport, when and by whom, newest first: only changes to groups the
    /// viewer may see, never changes to items withheld from them, and changes to relationships and
    /// sharing for the family alone. Reading it is a read of the passport, and is audited as one.
    /// </summary>
    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(Guid passportId, int first, CancellationToken cancellationToken)
    {
        var node = await ReadAsync(passportId, cancellationToken).ConfigureAwait(false);
        var grant = node.Access;
        var isFamily = grant.Basis is AccessBasis.Carer or AccessBasis.YoungPerson;
        if (isFamily && ViewOf(node).IsFamilyAccessFrozen)
        {
            throw PassportException.Forbidden("Family access to this passport is paused by children's social care.");
        }

        var events = await session.Events.FetchStreamAsync(passportId, token: cancellationToken).ConfigureAwait(false);
        var entries = new List<HistoryEntry>();
        foreach (var stored in events.Reverse())
        {
            if (stored.Data is not IPassportEvent change
                || (change.FieldGroup is { } group ? !grant.MaySee(group) : !isFamily)
                || (change is IPassportItemEvent itemChange && grant.IsWithheld(itemChange.ItemId)))
            {
                continue;
            }

            entries.Add(new HistoryEntry(stored.Version, stored.Timestamp, HistoryEntry.Describe(stored.Data.GetType()), change.FieldGroup, (change as IPassportItemEvent)?.ItemId, change.RecordedBy));
            if (change.FieldGroup is { } shown)
            {
                accessLog.Returned(node, shown);
            }

            if (entries.Count == first)
            {
                break;
            }
        }

        return entries;
    }

    /// <summary>Whether an NHS number already has a passport (the answer is DUPLICATE, whoever asks).</summary>
    public Task<bool> IsNhsNumberTakenAsync(string nhsNumber, CancellationToken cancellationToken) =>
        session.Query<PassportView>().AnyAsync(p => p.NhsNumber == nhsNumber, cancellationToken);

    /// <summary>
    /// The family (carers, the young person) read their passport's access log and notifications;
    /// an auditor reads any passport's access log (never its content), and that read is logged too.
    /// Anyone else gets NOT_FOUND.
    /// </summary>
    public async Task AuthorizeAccessLogAsync(Guid passportId, CancellationToken cancellationToken, bool allowAuditor = false)
    {
        var view = await session.LoadAsync<PassportView>(passportId, cancellationToken).ConfigureAwait(false);
        var who = viewer.Value;
        if (view is not null && allowAuditor && who.Roles.Contains(Viewer.AuditorRole))
        {
            accessLog.Opened(new PassportNode(view.Id, checked((int)view.Version), view.LocalAuthority, new AccessGrant(who, AccessBasis.Auditor, new HashSet<string>())));
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
