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

    private sealed record Decided(Guid PassportId, PassportWrite Write, Func<PassportWriteContext, Task> Decide) : IPassportChange
    {
        public Task DecideAsync(PassportWriteContext passport) => Decide(passport);
    }
}
