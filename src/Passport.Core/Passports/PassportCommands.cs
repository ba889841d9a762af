using Marten;
using Passport.Sdk;

namespace Passport.Core.Passports;

public sealed record CreatePassport(
    Guid PassportId,
    string GivenName,
    string FamilyName,
    string? PreferredName,
    DateOnly DateOfBirth,
    string? NhsNumber,
    string LocalAuthority,
    Provenance CreatedBy);

public sealed record UpdateAboutMe(Guid PassportId, int ExpectedVersion, AboutMeUpdated Change);

public sealed record AddEmergencyContact(Guid PassportId, EmergencyContactAdded Change);

public sealed record AmendEmergencyContact(Guid PassportId, EmergencyContactAmended Change);

public sealed record RemoveEmergencyContact(Guid PassportId, EmergencyContactRemoved Change);

public sealed record UpdateChildDetails(Guid PassportId, ChildDetailsUpdated Change);

public sealed record SetNhsNumber(Guid PassportId, NhsNumberSet Change);

/// <summary>Wolverine handlers: each appends to the passport's stream; the transaction is Wolverine's.</summary>
public static class PassportHandler
{
    public static void Handle(CreatePassport command, IDocumentSession session) =>
        session.Events.StartStream<PassportView>(
            command.PassportId,
            new PassportCreated(
                command.PassportId,
                command.GivenName,
                command.FamilyName,
                command.PreferredName,
                command.DateOfBirth,
                command.NhsNumber,
                command.LocalAuthority,
                command.CreatedBy));

    /// <summary>
    /// The version is checked first so a stale edit fails at once; Marten's expected version (the
    /// stream's version after the append) still guards the race between the check and the commit.
    /// </summary>
    public static async Task Handle(UpdateAboutMe command, IDocumentSession session)
    {
        var state = await session.Events.FetchStreamStateAsync(command.PassportId).ConfigureAwait(false);
        if (state?.Version != command.ExpectedVersion)
        {
            throw new PassportException(ErrorCodes.VersionConflict, "The passport has changed since you read it. Reload it and make your change again.");
        }

        session.Events.Append(command.PassportId, command.ExpectedVersion + 1, command.Change);
    }

    public static Task Handle(AddEmergencyContact command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Change);

    public static async Task Handle(AmendEmergencyContact command, IDocumentSession session)
    {
        await RequireContactAsync(session, command.PassportId, command.Change.ContactId).ConfigureAwait(false);
        await session.AppendToPassportAsync(command.PassportId, command.Change).ConfigureAwait(false);
    }

    public static async Task Handle(RemoveEmergencyContact command, IDocumentSession session)
    {
        await RequireContactAsync(session, command.PassportId, command.Change.ContactId).ConfigureAwait(false);
        await session.AppendToPassportAsync(command.PassportId, command.Change).ConfigureAwait(false);
    }

    public static Task Handle(UpdateChildDetails command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Change);

    public static Task Handle(SetNhsNumber command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Change);

    private static async Task RequireContactAsync(IDocumentSession session, Guid passportId, Guid contactId)
    {
        var passport = await session.LoadAsync<PassportView>(passportId).ConfigureAwait(false);
        if (passport?.EmergencyContacts.Any(c => c.Id == contactId) != true)
        {
            throw PassportException.Invalid("contactId", "contactId names no current emergency contact of this passport.");
        }
    }
}
