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

    // Marten's expected version is the stream's version after the append.
    public static void Handle(UpdateAboutMe command, IDocumentSession session) =>
        session.Events.Append(command.PassportId, command.ExpectedVersion + 1, command.Change);

    public static void Handle(AddEmergencyContact command, IDocumentSession session) =>
        session.Events.Append(command.PassportId, command.Change);
}
