using Marten;
using Passport.Core.Access;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.Notifications;

/// <summary>Notifications for the family of a passport, and a professional's own.</summary>
public sealed class NotificationsQuery(IQuerySession session, AccessDecision decision, PassportAccess access, CurrentViewer viewer)
{
    public async Task<IReadOnlyList<Notification>> NotificationsAsync(string passportId, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        await access.AuthorizeAccessLogAsync(id, cancellationToken).ConfigureAwait(false);
        return await session.Query<Notification>().Where(n => n.PassportId == id && n.Recipient == null).OrderByDescending(n => n.At).Take(100).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Notification>> MyNotificationsAsync(CancellationToken cancellationToken)
    {
        var subject = viewer.Value.Subject;
        var notifications = await session.Query<Notification>().Where(n => n.Recipient == subject).OrderByDescending(n => n.At).Take(100).ToListAsync(cancellationToken).ConfigureAwait(false);
        var passports = await session.LoadManyAsync<PassportView>(cancellationToken, notifications.Select(n => n.PassportId).Distinct()).ConfigureAwait(false);
        var open = passports.Where(p => !decision.IsClosed(p)).Select(p => p.Id).ToHashSet();
        return notifications.Where(n => open.Contains(n.PassportId)).ToList();
    }
}
