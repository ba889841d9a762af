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

    private sealed record Decided(Guid PassportId, PassportWrite Write, Func<PassportWriteContext, Task> Decide) : IPassportChange
    {
        public Task DecideAsync(PassportWriteContext passport) => Decide(passport);
    }
}
