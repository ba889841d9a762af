using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Core.ShareCodes;
using Passport.Sdk;

namespace Passport.Core.Carers;

/// <summary>
/// A linked carer with the invite right invites another carer, never with more rights than they
/// hold; once the young person has taken control, only the young person invites.
/// </summary>
public sealed record InviteCarer(Guid PassportId, CarerRights Rights, string Code) : IPassportChange
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public PassportWrite Write { get; } = new AccessWrite(AccessChange.CarerInvitation);

    public Task DecideAsync(PassportWriteContext passport)
    {
        var view = (PassportView)passport.State;
        var by = passport.RecordedBy;
        if (view.Carers.FirstOrDefault(c => c.Subject == by.Subject) is { } inviter
            && ((Rights.MayEdit && !inviter.Rights.MayEdit) || (Rights.MayManageSharing && !inviter.Rights.MayManageSharing) || (Rights.MayInvite && !inviter.Rights.MayInvite)))
        {
            throw PassportException.Forbidden("You cannot give another carer rights you do not hold.");
        }

        var granted = Rights with { MayView = true };
        var expiresAt = by.RecordedAt + Lifetime;
        passport.Session.Insert(new FamilyInvitation { Id = Code, PassportId = PassportId, Rights = granted, InvitedBy = by.Subject, IssuedAt = by.RecordedAt, ExpiresAt = expiresAt });
        passport.Append(new CarerInvited(granted, expiresAt, by));
        return Task.CompletedTask;
    }
}

/// <summary>A carer who may invite links the young person to their own passport (one young person per passport).</summary>
public sealed record InviteYoungPerson(Guid PassportId, string Code) : IPassportChange
{
    public PassportWrite Write { get; } = new AccessWrite(AccessChange.YoungPersonInvitation);

    public Task DecideAsync(PassportWriteContext passport)
    {
        if (((PassportView)passport.State).YoungPersonSubject is not null)
        {
            throw PassportException.Forbidden("The young person is already linked to this passport.");
        }

        var by = passport.RecordedBy;
        var expiresAt = by.RecordedAt + InviteCarer.Lifetime;
        passport.Session.Insert(new FamilyInvitation { Id = Code, Kind = InvitationKind.YoungPerson, PassportId = PassportId, InvitedBy = by.Subject, IssuedAt = by.RecordedAt, ExpiresAt = expiresAt });
        passport.Append(new YoungPersonInvited(expiresAt, by));
        return Task.CompletedTask;
    }
}

/// <summary>
/// An invitation accepted. It is checked again in the transaction that appends (single use: the
/// invitation has optimistic concurrency), and it never changes an existing link.
/// </summary>
public sealed record AcceptInvitation(Guid PassportId, string Code, InvitationKind Kind) : IPassportChange
{
    public PassportWrite Write => new AccessWrite(Kind == InvitationKind.Carer ? AccessChange.AcceptCarerInvitation : AccessChange.AcceptYoungPersonInvitation);

    public async Task DecideAsync(PassportWriteContext passport)
    {
        var by = passport.RecordedBy;
        var invitation = await passport.Session.LoadAsync<FamilyInvitation>(Code).ConfigureAwait(false);
        if (invitation is null || invitation.PassportId != PassportId || InvitationRules.Problem(invitation, Kind, (PassportView)passport.State, by.RecordedAt) is not null)
        {
            throw new PassportException(ErrorCodes.NotFound, InvitationRules.Refusal);
        }

        invitation.AcceptedBy = by.Subject;
        passport.Session.Store(invitation);
        passport.Append(Kind == InvitationKind.Carer
            ? new CarerLinked(by.Subject, by.DisplayName, invitation.Rights, by, invitation.InvitedBy)
            : new YoungPersonLinked(by.Subject, by.DisplayName, by));
    }
}

internal static class InvitationRules
{
    public const string Refusal = "That invitation is not valid: it may be mistyped, expired or already used.";

    /// <summary>Why an invitation cannot be accepted, or null when it can.</summary>
    public static string? Problem(FamilyInvitation invitation, InvitationKind kind, PassportView passport, DateTimeOffset now) => invitation switch
    {
        { AcceptedBy: not null } => "invitation: already used",
        _ when invitation.Kind != kind => "invitation: for someone else",
        _ when invitation.ExpiresAt <= now => "invitation: expired",
        // Take-control cannot be undone by an invitation a carer issued before it.
        _ when passport.ControlTakenAt is { } taken && invitation.IssuedAt < taken => "invitation: issued before the young person took control",
        // Nor can a removal: a removed carer's invitations die with their link (even if they are linked again later).
        _ when !IsInviterStillLinked(invitation, passport) => "invitation: the person who issued it is no longer linked",
        _ => null,
    };

    private static bool IsInviterStillLinked(FamilyInvitation invitation, PassportView passport) =>
        passport.YoungPersonSubject == invitation.InvitedBy
        || passport.Carers.Any(c => c.Subject == invitation.InvitedBy && c.Since <= invitation.IssuedAt);
}

internal static class InvitationMutations
{
    public static void Define(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<ShareCodeGraphType>>("inviteCarer")
            .Description("Invites another carer (code valid 7 days): a linked carer with the invite right, never with more rights than they hold; once the young person has taken control, only the young person.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<BooleanGraphType>>("mayEdit")
            .Argument<NonNullGraphType<BooleanGraphType>>("mayManageSharing")
            .Argument<NonNullGraphType<BooleanGraphType>>("mayInvite")
            .ResolveAsync(async c =>
            {
                var rights = new CarerRights(true, c.GetArgument<bool>("mayEdit"), c.GetArgument<bool>("mayManageSharing"), c.GetArgument<bool>("mayInvite"));
                var change = new InviteCarer(InputRules.PassportId(c.GetArgument<string>("passportId")), rights, ShareCode.NewCode());
                return await IssueAsync(c, change, change.Code);
            });

        mutation.Field<NonNullGraphType<ShareCodeGraphType>>("inviteYoungPerson")
            .Description("A carer who may invite links the young person to their own passport (code valid 7 days).")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .ResolveAsync(async c =>
            {
                var change = new InviteYoungPerson(InputRules.PassportId(c.GetArgument<string>("passportId")), ShareCode.NewCode());
                return await IssueAsync(c, change, change.Code);
            });

        mutation.Field<NonNullGraphType<PassportGraphType>>("acceptCarerInvitation")
            .Description("An invited carer links themselves to the passport. It never changes an existing link.")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .ResolveAsync(async c => await AcceptAsync(c, InvitationKind.Carer));

        mutation.Field<NonNullGraphType<PassportGraphType>>("acceptYoungPersonInvitation")
            .Description("The young person links themselves to their own passport (one young person per passport).")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .ResolveAsync(async c => await AcceptAsync(c, InvitationKind.YoungPerson));
    }

    private static async Task<(string Code, DateTimeOffset ExpiresAt)> IssueAsync(IResolveFieldContext c, IPassportChange change, string code)
    {
        var services = c.RequestServices!;
        await services.GetRequiredService<IPassportWriter>().WriteAsync(change, null, c.CancellationToken);
        var invitation = await services.GetRequiredService<IQuerySession>().LoadAsync<FamilyInvitation>(code, c.CancellationToken);
        return (ShareCode.Display(code), invitation!.ExpiresAt);
    }

    private static async Task<PassportNode> AcceptAsync(IResolveFieldContext c, InvitationKind kind)
    {
        var services = c.RequestServices!;
        var who = services.GetRequiredService<CurrentViewer>().Value;
        if (kind == InvitationKind.Carer ? !who.IsCarer : !who.IsYoungPerson)
        {
            throw PassportException.Forbidden(kind == InvitationKind.Carer
                ? "Carer invitations are accepted by carers."
                : "This invitation is for the young person whose passport it is.");
        }

        var decision = services.GetRequiredService<AccessDecision>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var normalised = ShareCode.Normalise(c.GetArgument<string>("code"));
        var invitation = await services.GetRequiredService<GuessLimits>().CheckAsync<FamilyInvitation>(
            async session =>
            {
                var invitation = normalised.Length == ShareCode.Length ? await session.LoadAsync<FamilyInvitation>(normalised, c.CancellationToken) : null;
                if (invitation is null)
                {
                    return (null, "invitation: no such code");
                }

                var passport = await session.LoadAsync<PassportView>(invitation.PassportId, c.CancellationToken);
                return passport is null || decision.IsClosed(passport)
                    ? (invitation, "invitation: passport closed")
                    : (invitation, InvitationRules.Problem(invitation, kind, passport, now));
            },
            InvitationRules.Refusal,
            c.CancellationToken);
        return await c.ChangePassportAsync(new AcceptInvitation(invitation.PassportId, invitation.Id, kind));
    }
}

/// <summary>A linked carer invited another carer, with the rights they will hold.</summary>
public sealed record CarerInvited(CarerRights Rights, DateTimeOffset ExpiresAt, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>An invited carer accepted and is linked to the passport; <paramref name="InvitedBy"/> is who invited them (absent from links made before it was recorded).</summary>
public sealed record CarerLinked(string Subject, string DisplayName, CarerRights Rights, Provenance RecordedBy, string? InvitedBy = null) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>A carer invited the young person to link to their own passport.</summary>
public sealed record YoungPersonInvited(DateTimeOffset ExpiresAt, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>The young person linked to their own passport.</summary>
public sealed record YoungPersonLinked(string Subject, string DisplayName, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}
