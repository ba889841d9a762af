using Marten;
using Marten.Linq.MatchesSql;
using Passport.Core.Access;
using Passport.Core.AccessLog;
using Passport.Core.Passports;
using Passport.Sdk;
using Passport.Sdk.IntegrationEvents;

namespace Passport.Core.Notifications;

/// <summary>
/// <c>notifications(passportId)</c> for the family and <c>myNotifications</c> for a professional.
/// Whether a notification is shown is decided for its reader when they read it, not when it was
/// sent: they must still have a relationship with the passport and may see every group the
/// notification tells of (see <see cref="Notification.Groups"/>). A professional removed from the
/// care team, or whose sector no longer sees the group, is shown nothing more about that passport.
/// Reading notifications is a read of each passport they come from, audited as one.
/// </summary>
public sealed class NotificationsQuery(IQuerySession session, AccessDecision decision, CurrentViewer viewer, AccessLogCollector accessLog)
{
    /// <summary>How many of the newest notifications a request looks at (notifications); the page size of myNotifications unless asked.</summary>
    public const int Newest = 100;

    /// <summary>What an emergency-information notification stored before notifications carried their groups tells of.</summary>
    private static readonly List<string> EarlierEmergencyInformation = [EmergencyInformationChanged.EmergencyGroup, CoreFieldGroups.IdentityBasic];

    /// <summary>Notifications for the family of a passport, newest first: carers and the young person only.</summary>
    public async Task<IReadOnlyList<Notification>> ForFamilyAsync(string passportId, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        var view = await session.LoadAsync<PassportView>(id, cancellationToken).ConfigureAwait(false);
        var grant = view is null ? null : decision.Decide(viewer.Value, view);
        if (grant?.Basis is not (AccessBasis.Carer or AccessBasis.YoungPerson))
        {
            throw PassportException.NotFound();
        }

        var notifications = await session.Query<Notification>()
            .Where(n => n.PassportId == id && n.Recipient == null)
            .OrderByDescending(n => n.At)
            .Take(Newest)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var shown = ShownOf(notifications, grant);
        Audit(view!, grant, shown);
        return shown;
    }

    /// <summary>
    /// The signed-in professional's own notifications across passports, newest first: the first
    /// <paramref name="first"/> they may still see, older than the one whose cursor is
    /// <paramref name="after"/>. Read from the (recipient, time) index in batches, from the cursor,
    /// only until the page is full, so a long list costs what the page shows.
    /// </summary>
    public async Task<IReadOnlyList<Notification>> MineAsync(int first, string? after, CancellationToken cancellationToken)
    {
        var who = viewer.Value;
        var below = Paging.NotificationAfter(after);
        if (below is { } cursor)
        {
            // Only a cursor of this person's own notifications is one.
            var boundary = await session.LoadAsync<Notification>(cursor, cancellationToken).ConfigureAwait(false);
            if (boundary is null || boundary.Recipient != who.Subject)
            {
                throw Paging.NotACursor();
            }
        }

        var shown = new List<Notification>();
        var grants = new Dictionary<Guid, (PassportView View, AccessGrant Grant)?>();
        var batchSize = Math.Max(first, Newest);
        while (shown.Count < first)
        {
            var query = session.Query<Notification>().Where(n => n.Recipient == who.Subject);
            if (below is { } from)
            {
                query = query.Where(n => n.MatchesSql(NotificationBelow, from));
            }

            var batch = await query
                .OrderByDescending(n => n.At)
                .ThenByDescending(n => n.Id)
                .Take(batchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);

            var unseen = batch.Select(n => n.PassportId).Distinct().Where(id => !grants.ContainsKey(id)).ToList();
            if (unseen.Count > 0)
            {
                var passports = await session.LoadManyAsync<PassportView>(cancellationToken, unseen).ConfigureAwait(false);
                foreach (var id in unseen)
                {
                    grants[id] = null;
                }

                // A closed passport is no longer shown, notifications about it included.
                foreach (var view in passports.Where(p => !decision.IsClosed(p)))
                {
                    if (decision.Decide(who, view) is { } grant)
                    {
                        grants[view.Id] = (view, grant);
                    }
                }
            }

            foreach (var notification in batch)
            {
                if (shown.Count == first)
                {
                    break;
                }

                if (grants[notification.PassportId] is { } access && GroupsOf(notification).All(access.Grant.MaySee))
                {
                    shown.Add(notification);
                }
            }

            if (batch.Count < batchSize)
            {
                break;
            }

            below = batch[^1].Id;
        }

        foreach (var fromPassport in shown.GroupBy(n => n.PassportId))
        {
            var (view, grant) = grants[fromPassport.Key]!.Value;
            Audit(view, grant, fromPassport.ToList());
        }

        return shown;
    }

    /// <summary>Notifications after the cursor's in (time, id) order.</summary>
    private static readonly string NotificationBelow = Paging.BelowCursorSql($"{PassportCoreRegistration.PassportSchemaName}.mt_doc_notification");

    private static List<Notification> ShownOf(IEnumerable<Notification> notifications, AccessGrant grant) =>
        notifications.Where(n => GroupsOf(n).All(grant.MaySee)).ToList();

    private static List<string> GroupsOf(Notification notification) =>
        notification.Groups.Count == 0 && notification.Kind == CareTeamNotificationHandler.Kind ? EarlierEmergencyInformation : notification.Groups;

    /// <summary>One access-log entry for the passport, with the groups the shown notifications tell of.</summary>
    private void Audit(PassportView view, AccessGrant grant, List<Notification> shown)
    {
        var passport = new PassportNode(view.Id, checked((int)view.Version), view.LocalAuthority, grant);
        accessLog.Opened(passport);
        foreach (var group in shown.SelectMany(GroupsOf).Distinct(StringComparer.Ordinal))
        {
            accessLog.Returned(passport, group);
        }
    }
}
