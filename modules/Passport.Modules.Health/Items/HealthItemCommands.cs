using Marten;
using Passport.Sdk;
using Wolverine;

namespace Passport.Modules.Health.Items;

/// <summary>The command: record an item, already authorised and validated.</summary>
public sealed record RecordHealthItem(Guid PassportId, IHealthItemChange Recorded);

/// <summary>The command: replace a current item's values, already authorised and validated.</summary>
public sealed record AmendHealthItem(Guid PassportId, ICurrentHealthItemChange Amended);

/// <summary>The command: take a current item off the passport's current list, already authorised.</summary>
public sealed record EndHealthItem(Guid PassportId, ICurrentHealthItemChange Ended);

/// <summary>Records, amends and ends every kind of health item.</summary>
public static class HealthItemHandler
{
    /// <summary>Emergency information (an allergy, an emergency care plan) is told to the care team through the durable outbox.</summary>
    public static async Task<OutgoingMessages> Handle(RecordHealthItem command, IDocumentSession session)
    {
        await session.AppendToPassportAsync(command.PassportId, command.Recorded).ConfigureAwait(false);
        return ToCareTeam(command.PassportId, command.Recorded);
    }

    public static async Task<OutgoingMessages> Handle(AmendHealthItem command, IDocumentSession session)
    {
        await EnsureCurrentAsync(session, command.PassportId, command.Amended).ConfigureAwait(false);
        await session.AppendToPassportAsync(command.PassportId, command.Amended).ConfigureAwait(false);
        return ToCareTeam(command.PassportId, command.Amended);
    }

    public static async Task Handle(EndHealthItem command, IDocumentSession session)
    {
        await EnsureCurrentAsync(session, command.PassportId, command.Ended).ConfigureAwait(false);
        await session.AppendToPassportAsync(command.PassportId, command.Ended).ConfigureAwait(false);
    }

    internal static PassportException UnknownItem() =>
        PassportException.Invalid("itemId", "itemId is not a current item of this kind on this passport.");

    /// <summary>
    /// The item is checked against the view in the same session that appends, so an id that is not a
    /// current item of this kind on this passport is refused and nothing is written.
    /// </summary>
    private static async Task EnsureCurrentAsync(IDocumentSession session, Guid passportId, ICurrentHealthItemChange change)
    {
        var view = await session.LoadAsync<HealthView>(passportId).ConfigureAwait(false);
        if (view is null || !change.IsCurrentIn(view))
        {
            throw UnknownItem();
        }
    }

    private static OutgoingMessages ToCareTeam(Guid passportId, IHealthItemChange change)
    {
        var messages = new OutgoingMessages();
        if (change.EmergencyInformation(passportId) is { } notice)
        {
            messages.Add(notice);
        }

        return messages;
    }
}
