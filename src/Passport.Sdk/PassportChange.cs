namespace Passport.Sdk;

/// <summary>Ready-made <see cref="IPassportChange"/>s for the common shapes of a module's change.</summary>
public static class PassportChange
{
    /// <summary>A change decided by <paramref name="decide"/>, after the write decision, on the passport being appended to.</summary>
    /// <param name="passportId">The passport.</param>
    /// <param name="write">What it writes.</param>
    /// <param name="decide">Appends the events (and may refuse with <see cref="PassportException"/>).</param>
    /// <returns>The change.</returns>
    public static IPassportChange Deciding(Guid passportId, PassportWrite write, Func<PassportWriteContext, Task> decide) =>
        new Decided(passportId, write, decide);

    /// <summary>
    /// A change that appends one event built from who records it, e.g. a new item of a list. Checks
    /// made inside <paramref name="recorded"/> run after the write decision.
    /// </summary>
    /// <param name="passportId">The passport.</param>
    /// <param name="group">The field group written.</param>
    /// <param name="recorded">The event, from who records it.</param>
    /// <returns>The change.</returns>
    public static IPassportChange Recording(Guid passportId, string group, Func<Provenance, object> recorded) =>
        Deciding(passportId, PassportWrite.ToGroup(group), passport =>
        {
            passport.Append(recorded(passport.RecordedBy));
            return Task.CompletedTask;
        });

    /// <summary>
    /// Amending or ending a current item of a list the module's view holds: refused with
    /// <paramref name="unknown"/> when the view has no such current item (or it is withheld from the writer).
    /// </summary>
    /// <typeparam name="TView">The module's view.</typeparam>
    /// <param name="passportId">The passport.</param>
    /// <param name="group">The item's field group.</param>
    /// <param name="itemId">The item.</param>
    /// <param name="itemArgument">The mutation argument naming the item, for errors.</param>
    /// <param name="isCurrent">Whether the view holds the item as current.</param>
    /// <param name="changed">The event, from who changes it.</param>
    /// <param name="unknown">The refusal for an id that names no current item.</param>
    /// <returns>The change.</returns>
    public static IPassportChange ToCurrentItem<TView>(Guid passportId, string group, Guid itemId, string itemArgument, Func<TView, bool> isCurrent, Func<Provenance, object> changed, Func<PassportException> unknown)
        where TView : class =>
        Deciding(passportId, PassportWrite.ToGroup(group, itemId, itemArgument), async passport =>
        {
            var view = await passport.ViewAsync<TView>().ConfigureAwait(false);
            if (view is null || !isCurrent(view))
            {
                throw unknown();
            }

            passport.Append(changed(passport.RecordedBy));
        });

    private sealed record Decided(Guid PassportId, PassportWrite Write, Func<PassportWriteContext, Task> Decide) : IPassportChange
    {
        public Task DecideAsync(PassportWriteContext passport) => Decide(passport);
    }
}
