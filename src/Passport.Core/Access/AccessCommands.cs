using Marten;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.Access;

public sealed record IssueShareCode(Guid PassportId, ShareCode Code, ShareCodeIssued Issued);

public sealed record RedeemShareCode(string Code, CareTeamMemberJoined Joining);

public sealed record RemoveCareTeamMember(Guid PassportId, CareTeamMemberRemoved Removal);

public sealed record AddCareTeamColleague(Guid PassportId, CareTeamMemberJoined Joining);

public sealed record ChangeSharing(Guid PassportId, SharingChanged Change);

public sealed record UseBreakGlass(Guid PassportId, BreakGlassUsed Use);

public sealed record InviteCarer(Guid PassportId, FamilyInvitation Invitation, CarerInvited Invited);

public sealed record VerifyItem(Guid PassportId, ItemVerified Verification);

public sealed record MarkReviewed(Guid PassportId, SectionReviewed Review);

public sealed record InviteYoungPerson(Guid PassportId, FamilyInvitation Invitation, YoungPersonInvited Invited);

public sealed record AcceptYoungPersonInvitation(string Code, YoungPersonLinked Linking);

public sealed record TakeControl(Guid PassportId, YoungPersonTookControl Control);

public sealed record ChangeItemWithholding(Guid PassportId, ItemWithholdingChanged Change);

public sealed record SetCarerContactDetails(Guid PassportId, CarerContactDetailsSet Details);

public sealed record AcceptCarerInvitation(string Code, CarerLinked Linking);

public sealed record FreezeFamilyAccess(Guid PassportId, FamilyAccessFrozen Freeze);

public sealed record UnfreezeFamilyAccess(Guid PassportId, FamilyAccessUnfrozen Unfreeze);

/// <summary>Wolverine handlers for the access model: each change is one transaction.</summary>
public static class AccessHandler
{
    public static async Task Handle(IssueShareCode command, IDocumentSession session)
    {
        session.Insert(command.Code);
        await session.AppendToPassportAsync(command.PassportId, command.Issued).ConfigureAwait(false);
    }

    /// <summary>Single use under concurrency: the code document has optimistic concurrency, so of two redemptions one fails.</summary>
    public static async Task Handle(RedeemShareCode command, IDocumentSession session)
    {
        var code = await session.LoadAsync<ShareCode>(command.Code).ConfigureAwait(false)
            ?? throw new PassportException(ErrorCodes.NotFound, "That share code is not valid.");
        if (code.RedeemedBy is not null)
        {
            throw new PassportException(ErrorCodes.NotFound, "That share code has already been used.");
        }

        code.RedeemedBy = command.Joining.Subject;
        code.RedeemedAt = command.Joining.RecordedBy.RecordedAt;
        session.Store(code);
        await session.AppendToPassportAsync(code.PassportId, command.Joining).ConfigureAwait(false);
    }

    public static async Task Handle(InviteCarer command, IDocumentSession session)
    {
        session.Insert(command.Invitation);
        await session.AppendToPassportAsync(command.PassportId, command.Invited).ConfigureAwait(false);
    }

    public static async Task Handle(AcceptCarerInvitation command, IDocumentSession session)
    {
        var invitation = await AcceptAsync(session, command.Code, InvitationKind.Carer, command.Linking.Subject, command.Linking.RecordedBy.RecordedAt).ConfigureAwait(false);
        await session.AppendToPassportAsync(invitation.PassportId, command.Linking with { Rights = invitation.Rights }).ConfigureAwait(false);
    }

    public static async Task Handle(InviteYoungPerson command, IDocumentSession session)
    {
        session.Insert(command.Invitation);
        await session.AppendToPassportAsync(command.PassportId, command.Invited).ConfigureAwait(false);
    }

    public static async Task Handle(AcceptYoungPersonInvitation command, IDocumentSession session)
    {
        var invitation = await AcceptAsync(session, command.Code, InvitationKind.YoungPerson, command.Linking.Subject, command.Linking.RecordedBy.RecordedAt).ConfigureAwait(false);
        await session.AppendToPassportAsync(invitation.PassportId, command.Linking).ConfigureAwait(false);
    }

    public static Task Handle(VerifyItem command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Verification);

    public static Task Handle(MarkReviewed command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Review);

    public static Task Handle(TakeControl command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Control);

    public static Task Handle(ChangeItemWithholding command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Change);

    public static Task Handle(SetCarerContactDetails command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Details);

    /// <summary>Single use: the invitation has optimistic concurrency, so of two acceptances one fails.</summary>
    private static async Task<FamilyInvitation> AcceptAsync(IDocumentSession session, string code, InvitationKind kind, string subject, DateTimeOffset now)
    {
        var invitation = await session.LoadAsync<FamilyInvitation>(code).ConfigureAwait(false);
        if (invitation is null || invitation.Kind != kind || invitation.AcceptedBy is not null || invitation.ExpiresAt <= now)
        {
            throw new PassportException(ErrorCodes.NotFound, "That invitation is not valid: it may have expired or been used.");
        }

        invitation.AcceptedBy = subject;
        session.Store(invitation);
        return invitation;
    }

    public static Task Handle(FreezeFamilyAccess command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Freeze);

    public static Task Handle(UnfreezeFamilyAccess command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Unfreeze);

    public static Task Handle(RemoveCareTeamMember command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Removal);

    public static Task Handle(AddCareTeamColleague command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Joining);

    public static Task Handle(ChangeSharing command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Change);

    /// <summary>The family is told in the same transaction that records the access.</summary>
    public static async Task Handle(UseBreakGlass command, IDocumentSession session)
    {
        await session.AppendToPassportAsync(command.PassportId, command.Use).ConfigureAwait(false);
        var by = command.Use.RecordedBy;
        session.Insert(new Notification
        {
            Id = Guid.CreateVersion7(),
            PassportId = command.PassportId,
            At = by.RecordedAt,
            Kind = "break-glass",
            Message = $"{by.DisplayName} ({by.Organisation ?? by.Sector}) used emergency access to this passport until {command.Use.Until:dd MMM yyyy HH:mm} UTC. Reason given: {command.Use.Reason}",
        });
    }
}
