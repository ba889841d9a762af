namespace Passport.Sdk;

/// <summary>
/// Changes to a passport's single record of a kind (a school, a legal status, a short-breaks plan):
/// setting it again amends the current record and keeps its id; ending it takes it off the
/// passport. The current record is read from the module's view in the transaction that appends.
/// </summary>
public static class SingleRecord
{
    /// <summary>Sets the record: amends the current one (keeping its id), or starts one with a new id.</summary>
    /// <typeparam name="TView">The module's view that holds the current record.</typeparam>
    /// <param name="passportId">The passport.</param>
    /// <param name="group">The record's field group.</param>
    /// <param name="currentId">The current record's id in the view, if any.</param>
    /// <param name="recorded">The event, from the record's id and who records it.</param>
    /// <returns>The change.</returns>
    public static IPassportChange Set<TView>(Guid passportId, string group, Func<TView, Guid?> currentId, Func<Guid, Provenance, object> recorded)
        where TView : class =>
        new SetRecord<TView>(passportId, group, currentId, recorded);

    /// <summary>Ends the current record; refused with <paramref name="none"/> when there is none.</summary>
    /// <typeparam name="TView">The module's view that holds the current record.</typeparam>
    /// <param name="passportId">The passport.</param>
    /// <param name="group">The record's field group.</param>
    /// <param name="currentId">The current record's id in the view, if any.</param>
    /// <param name="ended">The event, from the record's id and who ends it.</param>
    /// <param name="none">The refusal when there is no current record.</param>
    /// <returns>The change.</returns>
    public static IPassportChange End<TView>(Guid passportId, string group, Func<TView, Guid?> currentId, Func<Guid, Provenance, object> ended, Func<PassportException> none)
        where TView : class =>
        new EndRecord<TView>(passportId, group, currentId, ended, none);

    private static async Task<Guid?> CurrentAsync<TView>(PassportWriteContext passport, Func<TView, Guid?> currentId)
        where TView : class
    {
        var view = await passport.ViewAsync<TView>().ConfigureAwait(false);
        return view is null ? null : currentId(view) is { } id && id != Guid.Empty ? id : null;
    }

    private sealed record SetRecord<TView>(Guid PassportId, string Group, Func<TView, Guid?> CurrentId, Func<Guid, Provenance, object> Recorded) : IPassportChange
        where TView : class
    {
        public PassportWrite Write => PassportWrite.ToGroup(Group);

        public async Task DecideAsync(PassportWriteContext passport)
        {
            var current = await CurrentAsync(passport, CurrentId).ConfigureAwait(false);
            if (current is { } hidden && passport.Grant?.IsWithheld(hidden) == true)
            {
                // The record is withheld from this writer: they may not change what they cannot see.
                throw PassportException.Forbidden($"You cannot change '{Group}' of this passport.");
            }

            passport.Append(Recorded(current ?? Guid.CreateVersion7(), passport.RecordedBy));
        }
    }

    private sealed record EndRecord<TView>(Guid PassportId, string Group, Func<TView, Guid?> CurrentId, Func<Guid, Provenance, object> Ended, Func<PassportException> None) : IPassportChange
        where TView : class
    {
        public PassportWrite Write => PassportWrite.ToGroup(Group);

        public async Task DecideAsync(PassportWriteContext passport)
        {
            // A record withheld from the writer is, for them, no record at all.
            if (await CurrentAsync(passport, CurrentId).ConfigureAwait(false) is not { } current || passport.Grant?.IsWithheld(current) == true)
            {
                throw None();
            }

            passport.Append(Ended(current, passport.RecordedBy));
        }
    }
}
