using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Wolverine;

namespace Passport.Sdk;

/// <summary>
/// The steps every mutation that changes a passport takes, in order: authorise, send the command,
/// read the passport back for the response.
/// </summary>
public static class PassportChanges
{
    /// <summary>
    /// Asks <see cref="IPassportRecorder"/> whether the current viewer may record into
    /// <paramref name="group"/> of the passport, builds the command from the <see cref="Provenance"/>
    /// it returns, sends it with <see cref="IMessageBus"/>
    /// (the handler runs in the request) and returns the passport through <see cref="IPassportReader"/>.
    /// </summary>
    /// <remarks>
    /// Input checked before this call is refused before the access decision; input checked inside
    /// <paramref name="command"/> is refused only after it, so a viewer without access is told
    /// <c>NOT_FOUND</c> or <c>FORBIDDEN</c> first.
    /// </remarks>
    /// <param name="context">The mutation field's resolve context: its request services and cancellation.</param>
    /// <param name="passportId">The passport, already parsed (see <see cref="InputRules.PassportId"/>).</param>
    /// <param name="group">The field group being written.</param>
    /// <param name="command">
    /// Builds the command from who is recording; runs after authorisation and may throw
    /// <see cref="PassportException"/> to refuse the change before anything is sent.
    /// </param>
    /// <returns>The changed passport as the viewer may see it.</returns>
    public static async Task<PassportNode> ChangePassportAsync(
        this IResolveFieldContext context,
        Guid passportId,
        string group,
        Func<Provenance, object> command)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(command);
        var services = context.RequestServices
            ?? throw new InvalidOperationException("The resolve context has no request services.");
        var recordedBy = await services.GetRequiredService<IPassportRecorder>()
            .AuthorizeAsync(passportId, group, context.CancellationToken).ConfigureAwait(false);
        await services.GetRequiredService<IMessageBus>()
            .InvokeAsync(command(recordedBy), context.CancellationToken).ConfigureAwait(false);
        return await services.GetRequiredService<IPassportReader>()
            .ReadAsync(passportId, context.CancellationToken).ConfigureAwait(false);
    }
}
