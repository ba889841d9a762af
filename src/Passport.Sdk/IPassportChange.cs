using Marten;

namespace Passport.Sdk;

/// <summary>
/// A change to a passport, core or module. Every change takes the same path: the passport's
/// stream is fetched for writing, the access decision is made for <see cref="Write"/> on exactly
/// that state, <see cref="DecideAsync"/> decides the events, and they are appended at exactly that
/// version, so nothing can change the passport between the decision and the append.
/// Send one with <see cref="PassportChanges.ChangePassportAsync"/>.
/// </summary>
public interface IPassportChange
{
    /// <summary>The passport changed.</summary>
    Guid PassportId { get; }

    /// <summary>What the change writes, for the write decision.</summary>
    PassportWrite Write { get; }

    /// <summary>
    /// Decides the events to append (and messages to publish), after the decision allowed
    /// <see cref="Write"/>. May read the module's own views through
    /// <see cref="PassportWriteContext.Session"/> (same transaction) and throw
    /// <see cref="PassportException"/> to refuse the change; nothing is written then.
    /// </summary>
    /// <param name="passport">The passport as it is being changed, and who is changing it.</param>
    /// <returns>A task that completes when the change is decided.</returns>
    Task DecideAsync(PassportWriteContext passport);
}

/// <summary>
/// The passport as a change is being decided: its state at the version the events will be appended
/// at, who is writing it (as provenance, verified or reported), and where the decided events go.
/// </summary>
public sealed class PassportWriteContext
{
    private readonly List<object> _events = [];
    private readonly List<object> _messages = [];

    /// <summary>Made by the core's write path only.</summary>
    /// <param name="passportId">The passport.</param>
    /// <param name="version">The stream version the events will follow.</param>
    /// <param name="session">The session of the transaction that appends.</param>
    /// <param name="state">The core's view of the passport at <paramref name="version"/>.</param>
    /// <param name="grant">The writer's read access, when they have a relationship.</param>
    /// <param name="recordedBy">Who is writing, as provenance for what they write.</param>
    /// <param name="itemGroup">For a write that names an item: the group the item belongs to.</param>
    public PassportWriteContext(Guid passportId, long version, IDocumentSession session, IPassportView state, AccessGrant? grant, Provenance recordedBy, string? itemGroup = null)
    {
        PassportId = passportId;
        Version = version;
        Session = session;
        State = state;
        Grant = grant;
        RecordedBy = recordedBy;
        ItemGroup = itemGroup;
    }

    /// <summary>The passport.</summary>
    public Guid PassportId { get; }

    /// <summary>The stream version the events will follow.</summary>
    public long Version { get; }

    /// <summary>The session of the transaction that appends: read the module's views here.</summary>
    public IDocumentSession Session { get; }

    /// <summary>The core's view of the passport at <see cref="Version"/>.</summary>
    public IPassportView State { get; }

    /// <summary>The writer's read access to the passport; null for writes that create the relationship (e.g. redeeming a share code).</summary>
    public AccessGrant? Grant { get; }

    /// <summary>Who is writing: verified when a professional of a recording sector, reported when the family.</summary>
    public Provenance RecordedBy { get; }

    /// <summary>For a write that names an item: the field group that item belongs to.</summary>
    public string? ItemGroup { get; }

    /// <summary>Today in the UK, the day every date rule counts from.</summary>
    public DateOnly Today => UkDate.Of(RecordedBy.RecordedAt);

    /// <summary>The events decided so far, in order.</summary>
    public IReadOnlyList<object> Events => _events;

    /// <summary>The messages to publish through the durable outbox once the events commit.</summary>
    public IReadOnlyList<object> Messages => _messages;

    /// <summary>
    /// The module's own view of this passport, read in the transaction that appends (so a change
    /// decides on the same state the decision was made on). Null when the module has none yet.
    /// </summary>
    /// <typeparam name="TView">The module's view.</typeparam>
    /// <returns>The view, or null.</returns>
    public Task<TView?> ViewAsync<TView>()
        where TView : class =>
        Session.LoadAsync<TView>(PassportId);

    /// <summary>Appends an event to the passport's stream (at the fetched version).</summary>
    /// <param name="change">The event.</param>
    public void Append(object change) => _events.Add(change);

    /// <summary>Publishes a message (an integration event) in the same transaction, through the durable outbox.</summary>
    /// <param name="message">The message.</param>
    public void Publish(object message) => _messages.Add(message);
}
