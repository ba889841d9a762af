using System.Security.Cryptography;
using System.Text;
using Marten;
using Passport.Core.Passports;
using Passport.Sdk.IntegrationEvents;

namespace Passport.Core.Notifications;

/// <summary>
/// Tells every other member of the care team when emergency information changes. Wolverine
/// delivers at least once, so each notification's id is derived from the change and the
/// recipient: a second delivery overwrites the same notification instead of adding another.
/// </summary>
public static class CareTeamNotificationHandler
{
    public const string Kind = "emergency-information";

    public static async Task Handle(EmergencyInformationChanged change, IDocumentSession session)
    {
        var passport = await session.LoadAsync<PassportView>(change.PassportId).ConfigureAwait(false);
        if (passport is null)
        {
            return;
        }

        foreach (var member in passport.CareTeam.Where(m => m.Subject != change.RecordedBy.Subject))
        {
            session.Store(new Notification
            {
                Id = NotificationId(change.ChangeId, member.Subject),
                PassportId = change.PassportId,
                Recipient = member.Subject,
                At = change.RecordedBy.RecordedAt,
                Kind = Kind,
                Message = $"{change.What} (by {change.RecordedBy.DisplayName}) on the passport of {passport.PreferredName ?? passport.GivenName} {passport.FamilyName}.",

                // The message tells of the change and names the child.
                Groups = [change.FieldGroup, CoreFieldGroups.IdentityBasic],
            });
        }
    }

    public static Guid NotificationId(Guid changeId, string recipient)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{changeId:N}/{recipient}"));
        return new Guid(hash.AsSpan(0, 16));
    }
}
