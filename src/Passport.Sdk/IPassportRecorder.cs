namespace Passport.Sdk;

/// <summary>
/// The gate every change to a passport passes: the same access decision as reads, asked for
/// writing. Implemented by the core; a module asks it before sending its command.
/// </summary>
public interface IPassportRecorder
{
    /// <summary>
    /// Decides whether the current viewer may record into <paramref name="group"/> of the passport.
    /// Throws <see cref="PassportException"/> with <c>NOT_FOUND</c> without a relationship and
    /// <c>FORBIDDEN</c> without the right to record there.
    /// </summary>
    /// <param name="passportId">The passport.</param>
    /// <param name="group">The field group being written.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    /// <returns>Who is recording, as provenance for the new value.</returns>
    Task<Provenance> AuthorizeAsync(Guid passportId, string group, CancellationToken cancellationToken);
}

/// <summary>Reads a passport through the access decision. Every read is audited.</summary>
public interface IPassportReader
{
    /// <summary>The passport as the current viewer may see it; <c>NOT_FOUND</c> without a relationship.</summary>
    /// <param name="passportId">The passport.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The passport node for the response.</returns>
    Task<PassportNode> ReadAsync(Guid passportId, CancellationToken cancellationToken);
}
