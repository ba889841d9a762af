using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Passport.Sdk;

/// <summary>Writes a change through the core's one write path. Implemented by the core.</summary>
public interface IPassportWriter
{
    /// <summary>
    /// Fetches the passport for writing, decides whether the current viewer may make
    /// <see cref="IPassportChange.Write"/> on exactly that state, lets the change decide its events
    /// and appends them at that version, in one transaction with any messages it publishes.
    /// Throws <see cref="PassportException"/>: <c>NOT_FOUND</c> without a relationship,
    /// <c>FORBIDDEN</c> without the right, <c>MODULE_NOT_ENABLED</c>, <c>VERSION_CONFLICT</c> when
    /// <paramref name="expectedVersion"/> is not the passport's version, or the change's own refusal.
    /// </summary>
    /// <param name="change">The change.</param>
    /// <param name="expectedVersion">The version the writer read, for changes that must not overwrite what they did not see.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the change is committed.</returns>
    Task WriteAsync(IPassportChange change, int? expectedVersion, CancellationToken cancellationToken);
}

/// <summary>The steps every mutation that changes a passport takes: write the change, read the passport back.</summary>
public static class PassportChanges
{
    /// <summary>
    /// Writes <paramref name="change"/> through <see cref="IPassportWriter"/> and returns the
    /// passport as the viewer may now see it, through <see cref="IPassportReader"/> (audited).
    /// </summary>
    /// <remarks>
    /// Input checked before this call is refused before the access decision; input checked inside
    /// <see cref="IPassportChange.DecideAsync"/> only after it, so a viewer without access is told
    /// <c>NOT_FOUND</c> or <c>FORBIDDEN</c> first.
    /// </remarks>
    /// <param name="context">The mutation field's resolve context: its request services and cancellation.</param>
    /// <param name="change">The change.</param>
    /// <param name="expectedVersion">The version the writer read, when the change must not overwrite what they did not see.</param>
    /// <returns>The changed passport as the viewer may see it.</returns>
    public static async Task<PassportNode> ChangePassportAsync(this IResolveFieldContext context, IPassportChange change, int? expectedVersion = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(change);
        var services = context.RequestServices
            ?? throw new InvalidOperationException("The resolve context has no request services.");
        await services.GetRequiredService<IPassportWriter>()
            .WriteAsync(change, expectedVersion, context.CancellationToken).ConfigureAwait(false);
        return await services.GetRequiredService<IPassportReader>()
            .ReadAsync(change.PassportId, context.CancellationToken).ConfigureAwait(false);
    }
}
