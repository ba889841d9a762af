namespace Passport.Sdk;

/// <summary>Reads a passport through the access decision. Every read is audited.</summary>
public interface IPassportReader
{
    /// <summary>The passport as the current viewer may see it; <c>NOT_FOUND</c> without a relationship.</summary>
    /// <param name="passportId">The passport.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The passport node for the response.</returns>
    Task<PassportNode> ReadAsync(Guid passportId, CancellationToken cancellationToken);
}
