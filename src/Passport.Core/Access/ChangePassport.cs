using Marten;
using Passport.Core.LocalAuthorityModules;
using Passport.Core.Modules;
using Passport.Core.Passports;
using Passport.Sdk;
using Wolverine;

namespace Passport.Core.Access;

/// <summary>The one command every change to an existing passport is sent as.</summary>
/// <param name="Change">The change.</param>
/// <param name="Viewer">Who asks, from their validated token.</param>
/// <param name="ExpectedVersion">The version they read, for changes that must not overwrite what they did not see.</param>
public sealed record ChangePassport(IPassportChange Change, Viewer Viewer, int? ExpectedVersion)
{
    /// <summary>Names the kind of change only: a logged failure must not carry the child's details.</summary>
    public override string ToString() => $"ChangePassport({Change.GetType().Name})";
}

/// <summary>
/// The one write path: fetch the passport's stream for writing, decide on exactly that state,
/// let the change decide its events, append them at exactly that version. Wolverine commits the
/// session and the outbox together; if another change commits first, the append fails and the
/// host's retry policy runs all of it again on the new state (unless the writer named the version
/// they read: then they are told VERSION_CONFLICT).
/// </summary>
public static class ChangePassportHandler
{
    public static async Task<OutgoingMessages> Handle(ChangePassport command, IDocumentSession session, WriteDecision decision, ModuleCatalog modules, TimeProvider clock, CancellationToken cancellationToken)
    {
        var change = command.Change;
        var stream = await session.Events.FetchForWriting<PassportView>(change.PassportId, cancellationToken).ConfigureAwait(false);
        var passport = stream.Aggregate ?? throw PassportException.NotFound();
        var itemGroup = change.Write is ItemWrite item ? await GroupOfItemAsync(session, modules, passport, item.ItemId, cancellationToken).ConfigureAwait(false) : null;
        var now = clock.GetUtcNow();
        var authority = decision.Authorize(command.Viewer, passport, change.Write, itemGroup, now);

        // Checked after the decision, so only those who may write learn the passport's version.
        if (command.ExpectedVersion is { } expected && expected != stream.CurrentVersion)
        {
            throw VersionConflict();
        }

        IReadOnlyList<string> groups = change.Write switch
        {
            GroupWrite write => [write.Group],
            GroupsWrite write => write.Groups,
            ItemWrite when itemGroup is not null => [itemGroup],
            _ => [],
        };
        foreach (var module in groups.Select(modules.ModuleOf).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (!await IsEnabledAsync(session, modules, module, passport.LocalAuthority, cancellationToken).ConfigureAwait(false))
            {
                throw new PassportException(ErrorCodes.ModuleNotEnabled, $"The {module} module is not switched on for this child's local authority.");
            }
        }

        var context = new PassportWriteContext(passport.Id, stream.CurrentVersion ?? 0, session, passport, authority.Grant, authority.RecordedBy, itemGroup);
        await change.DecideAsync(context).ConfigureAwait(false);
        stream.AppendMany(context.Events);
        var messages = new OutgoingMessages();
        messages.AddRange(context.Messages);
        return messages;
    }

    public static PassportException VersionConflict() =>
        new(ErrorCodes.VersionConflict, "The passport has changed since you read it. Reload it and make your change again.");

    /// <summary>The group of a current item, from whichever part of the passport holds it; null when none does.</summary>
    public static async Task<string?> GroupOfItemAsync(IQuerySession session, ModuleCatalog modules, PassportView passport, Guid item, CancellationToken cancellationToken)
    {
        if (passport.EmergencyContacts.Any(c => c.Id == item))
        {
            return CoreFieldGroups.EmergencyContacts;
        }

        foreach (var module in modules.Modules)
        {
            if (await module.GroupOfItemAsync(session, passport.Id, item, cancellationToken).ConfigureAwait(false) is { } group)
            {
                return group;
            }
        }

        return null;
    }

    private static async Task<bool> IsEnabledAsync(IQuerySession session, ModuleCatalog modules, string module, string localAuthority, CancellationToken cancellationToken) =>
        modules.Entries.Any(e => e.Name == module && e.IsRequired)
        || (await session.LoadAsync<ModuleEnablement>(ModuleEnablement.IdFor(localAuthority, module), cancellationToken).ConfigureAwait(false))?.IsEnabled == true;
}

/// <summary>Sends a change down the one write path as the signed-in person.</summary>
public sealed class PassportWriter(IMessageBus bus, CurrentViewer viewer) : IPassportWriter
{
    public async Task WriteAsync(IPassportChange change, int? expectedVersion, CancellationToken cancellationToken)
    {
        try
        {
            await bus.InvokeAsync(new ChangePassport(change, viewer.Value, expectedVersion), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StoreFailures.IsVersionConflict(e))
        {
            // With an expected version a lost race is the writer's conflict; without one, the retries ran out.
            throw expectedVersion is null
                ? new PassportException(ErrorCodes.VersionConflict, "The passport is being changed by others right now. Try again.")
                : ChangePassportHandler.VersionConflict();
        }
    }
}
