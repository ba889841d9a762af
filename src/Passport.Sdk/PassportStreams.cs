using Marten;

namespace Passport.Sdk;

/// <summary>How every handler appends to a passport's event stream.</summary>
public static class PassportStreams
{
    /// <summary>
    /// Appends events to an existing passport stream at the version it has now. If another change
    /// commits first, this one fails with a concurrency error and the host's retry policy runs the
    /// handler again on fresh state. Without the expected version two changes at the same moment
    /// could both commit while the second's projection was computed from the state before the
    /// first, silently losing the first from the passport's views.
    /// </summary>
    /// <param name="session">The handler's document session.</param>
    /// <param name="passportId">The passport.</param>
    /// <param name="events">The events, in order.</param>
    /// <returns>A task that completes once the append is queued in the session.</returns>
    public static async Task AppendToPassportAsync(this IDocumentSession session, Guid passportId, params object[] events)
    {
        var state = await session.Events.FetchStreamStateAsync(passportId).ConfigureAwait(false)
            ?? throw PassportException.NotFound();
        session.Events.Append(passportId, state.Version + events.Length, events);
    }
}
