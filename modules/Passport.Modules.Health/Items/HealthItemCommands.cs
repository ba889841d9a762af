using Passport.Sdk;

namespace Passport.Modules.Health.Items;

/// <summary>Records an item: built from the input once the write decision says who is recording.</summary>
internal sealed record RecordHealthItem(Guid PassportId, string Group, Func<Provenance, IHealthItemChange> Recorded) : IPassportChange
{
    public PassportWrite Write => PassportWrite.ToGroup(Group);

    public Task DecideAsync(PassportWriteContext passport)
    {
        HealthItemChanges.Append(passport, Recorded(passport.RecordedBy));
        return Task.CompletedTask;
    }
}

/// <summary>Replaces a current item's values.</summary>
internal sealed record AmendHealthItem(Guid PassportId, string Group, Guid ItemId, Func<Provenance, ICurrentHealthItemChange> Amended) : IPassportChange
{
    public PassportWrite Write => PassportWrite.ToGroup(Group, ItemId);

    public async Task DecideAsync(PassportWriteContext passport)
    {
        var change = Amended(passport.RecordedBy);
        await HealthItemChanges.EnsureCurrentAsync(passport, change).ConfigureAwait(false);
        HealthItemChanges.Append(passport, change);
    }
}

/// <summary>Takes a current item off the passport's current list.</summary>
internal sealed record EndHealthItem(Guid PassportId, string Group, Guid ItemId, Func<Provenance, ICurrentHealthItemChange> Ended) : IPassportChange
{
    public PassportWrite Write => PassportWrite.ToGroup(Group, ItemId);

    public async Task DecideAsync(PassportWriteContext passport)
    {
        var change = Ended(passport.RecordedBy);
        await HealthItemChanges.EnsureCurrentAsync(passport, change).ConfigureAwait(false);
        passport.Append(change);
    }
}

internal static class HealthItemChanges
{
    internal static PassportException UnknownItem() =>
        PassportException.Invalid("itemId", "itemId is not a current item of this kind on this passport.");

    /// <summary>Emergency information (an allergy, an emergency care plan) is told to the care team through the durable outbox.</summary>
    public static void Append(PassportWriteContext passport, IHealthItemChange change)
    {
        passport.Append(change);
        if (change.EmergencyInformation(passport.PassportId) is { } notice)
        {
            passport.Publish(notice);
        }
    }

    /// <summary>
    /// The item is checked against the view in the transaction that appends, so an id that is not a
    /// current item of this kind on this passport is refused and nothing is written.
    /// </summary>
    public static async Task EnsureCurrentAsync(PassportWriteContext passport, ICurrentHealthItemChange change)
    {
        var view = await passport.ViewAsync<HealthView>().ConfigureAwait(false);
        if (view is null || !change.IsCurrentIn(view))
        {
            throw UnknownItem();
        }
    }
}
