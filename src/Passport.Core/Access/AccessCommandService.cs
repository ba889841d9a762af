using Microsoft.Extensions.Configuration;
using Marten;
using Passport.Core.Passports;
using Passport.Core.Telemetry;
using Passport.Sdk;
using Wolverine;

namespace Passport.Core.Access;

/// <summary>Share codes, the care team, consent and break-glass: validated, decided, then sent as commands.</summary>
public sealed class AccessCommandService(
    IMessageBus bus,
    IQuerySession session,
    IDocumentStore store,
    AccessDecision decision,
    PassportAccess access,
    CurrentViewer viewer,
    TimeProvider clock,
    Modules.ModuleCatalog modules,
    IConfiguration configuration)
{
    /// <summary>Failed redemptions a person may make in <see cref="GuessingWindow"/> before being refused.</summary>
    public const int MaxFailedRedemptions = 5;
    public static readonly TimeSpan GuessingWindow = TimeSpan.FromMinutes(15);

    private TimeSpan ShareCodeLifetime => TimeSpan.FromMinutes(configuration.GetValue("Passport:ShareCodeMinutes", 30));

    public async Task<(string Code, DateTimeOffset ExpiresAt)> CreateShareCodeAsync(string passportId, string sector, CancellationToken cancellationToken)
    {
        var (id, view) = await ManagedByFamilyAsync(passportId, cancellationToken).ConfigureAwait(false);
        if (!decision.IsKnownSector(sector))
        {
            throw PassportException.Invalid("sector", $"sector must be one of {string.Join(", ", SectorsList())}.");
        }

        var now = clock.GetUtcNow();
        var by = Provenance(now, isVerified: false);
        var code = new ShareCode { Id = ShareCode.NewCode(), PassportId = id, Sector = sector, IssuedBy = by.Subject, ExpiresAt = now + ShareCodeLifetime };
        await bus.InvokeAsync(new IssueShareCode(view.Id, code, new ShareCodeIssued(sector, code.ExpiresAt, by)), cancellationToken).ConfigureAwait(false);
        return (ShareCode.Display(code.Id), code.ExpiresAt);
    }

    public async Task<PassportNode> RedeemShareCodeAsync(string entered, CancellationToken cancellationToken)
    {
        var who = viewer.Value;
        if (!who.IsProfessional)
        {
            throw PassportException.Forbidden("Only professionals redeem share codes.");
        }

        var now = clock.GetUtcNow();
        await RefuseGuessingAsync(now, cancellationToken).ConfigureAwait(false);

        var normalised = ShareCode.Normalise(entered);
        var code = normalised.Length == ShareCode.Length ? await session.LoadAsync<ShareCode>(normalised, cancellationToken).ConfigureAwait(false) : null;
        var problem = code switch
        {
            null => "no such code",
            { RedeemedBy: not null } => "already used",
            _ when code.ExpiresAt <= now => "expired",
            _ when code.Sector != who.Sector => $"issued for {code.Sector}",
            _ => null,
        };
        if (problem is null)
        {
            var passport = await session.LoadAsync<PassportView>(code!.PassportId, cancellationToken).ConfigureAwait(false);
            problem = passport is null || decision.IsClosed(passport) ? "passport closed" : null;
        }

        if (problem is not null)
        {
            await RecordFailureAsync(problem, now).ConfigureAwait(false);
            throw new PassportException(ErrorCodes.NotFound, "That share code did not work: it may be mistyped, expired, already used or meant for another sector. Ask the family for a new one.");
        }

        var joining = new CareTeamMemberJoined(who.Subject, who.DisplayName, who.Sector!, who.Organisation, "share code", Provenance(now, isVerified: true));
        try
        {
            await bus.InvokeAsync(new RedeemShareCode(code!.Id, joining), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StoreFailures.IsVersionConflict(e))
        {
            await RecordFailureAsync("already used (concurrent)", now).ConfigureAwait(false);
            throw new PassportException(ErrorCodes.NotFound, "That share code has already been used.");
        }

        return await access.ReadAsync(code.PassportId, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PassportNode> RemoveCareTeamMemberAsync(string passportId, string subject, CancellationToken cancellationToken)
    {
        var (id, view) = await ManagedByFamilyAsync(passportId, cancellationToken).ConfigureAwait(false);
        if (!view.CareTeam.Any(m => m.Subject == subject))
        {
            throw PassportException.Invalid("subject", "That person is not on the care team.");
        }

        await bus.InvokeAsync(new RemoveCareTeamMember(id, new CareTeamMemberRemoved(subject, Provenance(clock.GetUtcNow(), false))), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Handover: a care-team professional adds a colleague of the same organisation and sector.</summary>
    public async Task<PassportNode> AddCareTeamColleagueAsync(string passportId, string subject, string displayName, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        var who = viewer.Value;
        var view = await session.LoadAsync<PassportView>(id, cancellationToken).ConfigureAwait(false);
        var grant = view is null ? null : decision.Decide(who, view);
        if (grant?.Basis != AccessBasis.CareTeam)
        {
            throw PassportException.NotFound();
        }

        var joining = new CareTeamMemberJoined(
            InputRules.Required("subject", subject),
            InputRules.Required("displayName", displayName),
            who.Sector!,
            who.Organisation,
            $"handover from {who.DisplayName}",
            Provenance(clock.GetUtcNow(), true));
        await bus.InvokeAsync(new AddCareTeamColleague(id, joining), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PassportNode> SetSharingAsync(string passportId, string sector, string group, bool shared, CancellationToken cancellationToken)
    {
        var (id, _) = await ManagedByFamilyAsync(passportId, cancellationToken).ConfigureAwait(false);
        if (!decision.IsKnownSector(sector))
        {
            throw PassportException.Invalid("sector", $"sector must be one of {string.Join(", ", SectorsList())}.");
        }

        if (!decision.IsKnownGroup(group))
        {
            throw PassportException.Invalid("group", $"'{group}' is not a field group of this passport.");
        }

        var level = decision.LevelFor(sector, group);
        if (level is not (SharingLevel.Default or SharingLevel.OptIn))
        {
            throw PassportException.Forbidden(level == SharingLevel.Always
                ? $"{sector} must see '{group}' by law or regional policy; it cannot be withdrawn."
                : $"The regional policy never shares '{group}' with {sector}.");
        }

        await bus.InvokeAsync(new ChangeSharing(id, new SharingChanged(sector, group, shared, Provenance(clock.GetUtcNow(), false))), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PassportNode> BreakGlassAsync(string passportId, string reason, CancellationToken cancellationToken)
    {
        var who = viewer.Value;
        if (!who.IsProfessional || who.Sector != Sectors.Health)
        {
            throw PassportException.Forbidden("Emergency access is for health professionals only.");
        }

        var why = InputRules.Required("reason", reason, InputRules.LongText);
        if (why.Length < 10)
        {
            throw PassportException.Invalid("reason", "reason must say why emergency access is needed (at least 10 characters).");
        }

        var id = InputRules.PassportId(passportId);
        // Break-glass creates no relationship with a closed passport: it no longer exists for them.
        if (await session.LoadAsync<PassportView>(id, cancellationToken).ConfigureAwait(false) is not { } view || decision.IsClosed(view))
        {
            throw PassportException.NotFound();
        }

        var now = clock.GetUtcNow();
        await bus.InvokeAsync(new UseBreakGlass(id, new BreakGlassUsed(why, now + AccessDecision.BreakGlassLasts, Provenance(now, true))), cancellationToken).ConfigureAwait(false);
        PassportTelemetry.BreakGlassUsed();
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A carer with the invite right invites another carer, giving at most the rights they hold themselves.</summary>
    public async Task<(string Code, DateTimeOffset ExpiresAt)> InviteCarerAsync(string passportId, CarerRights rights, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        var who = viewer.Value;
        var view = await session.LoadAsync<PassportView>(id, cancellationToken).ConfigureAwait(false);
        var grant = view is null ? null : decision.Decide(who, view);
        var inviter = grant?.Basis == AccessBasis.Carer ? view!.Carers.Single(c => c.Subject == who.Subject) : null;
        if (grant is null)
        {
            throw PassportException.NotFound();
        }

        if (inviter is null || !inviter.Rights.MayInvite || view!.IsFamilyAccessFrozen)
        {
            throw PassportException.Forbidden("Only a linked carer with the right to invite may invite another carer.");
        }

        if ((rights.MayEdit && !inviter.Rights.MayEdit) || (rights.MayManageSharing && !inviter.Rights.MayManageSharing))
        {
            throw PassportException.Forbidden("You cannot give another carer rights you do not hold.");
        }

        var now = clock.GetUtcNow();
        var granted = rights with { MayView = true };
        var invitation = new FamilyInvitation { Id = ShareCode.NewCode(), PassportId = id, Rights = granted, InvitedBy = who.Subject, ExpiresAt = now + TimeSpan.FromDays(7) };
        await bus.InvokeAsync(new InviteCarer(id, invitation, new CarerInvited(granted, invitation.ExpiresAt, Provenance(now, false))), cancellationToken).ConfigureAwait(false);
        return (ShareCode.Display(invitation.Id), invitation.ExpiresAt);
    }

    public async Task<PassportNode> AcceptCarerInvitationAsync(string code, CancellationToken cancellationToken)
    {
        var who = viewer.Value;
        if (!who.IsCarer)
        {
            throw PassportException.Forbidden("Carer invitations are accepted by carers.");
        }

        var invitation = await UsableInvitationAsync(code, InvitationKind.Carer, cancellationToken).ConfigureAwait(false);

        await bus.InvokeAsync(new AcceptCarerInvitation(invitation.Id, new CarerLinked(who.Subject, who.DisplayName, invitation.Rights, Provenance(clock.GetUtcNow(), false))), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(invitation.PassportId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A carer who may invite links the young person to their own passport (one young person per passport).</summary>
    public async Task<(string Code, DateTimeOffset ExpiresAt)> InviteYoungPersonAsync(string passportId, CancellationToken cancellationToken)
    {
        var (id, view) = await ManagedByFamilyAsync(passportId, cancellationToken).ConfigureAwait(false);
        var who = viewer.Value;
        if (!view.Carers.Any(c => c.Subject == who.Subject && c.Rights.MayInvite))
        {
            throw PassportException.Forbidden("Only a linked carer with the right to invite may invite the young person.");
        }

        if (view.YoungPersonSubject is not null)
        {
            throw PassportException.Forbidden("The young person is already linked to this passport.");
        }

        var now = clock.GetUtcNow();
        var invitation = new FamilyInvitation { Id = ShareCode.NewCode(), Kind = InvitationKind.YoungPerson, PassportId = id, InvitedBy = who.Subject, ExpiresAt = now + TimeSpan.FromDays(7) };
        await bus.InvokeAsync(new InviteYoungPerson(id, invitation, new YoungPersonInvited(invitation.ExpiresAt, Provenance(now, false))), cancellationToken).ConfigureAwait(false);
        return (ShareCode.Display(invitation.Id), invitation.ExpiresAt);
    }

    public async Task<PassportNode> AcceptYoungPersonInvitationAsync(string code, CancellationToken cancellationToken)
    {
        var who = viewer.Value;
        if (!who.IsYoungPerson)
        {
            throw PassportException.Forbidden("This invitation is for the young person whose passport it is.");
        }

        var invitation = await UsableInvitationAsync(code, InvitationKind.YoungPerson, cancellationToken).ConfigureAwait(false);
        await bus.InvokeAsync(new AcceptYoungPersonInvitation(invitation.Id, new YoungPersonLinked(who.Subject, who.DisplayName, Provenance(clock.GetUtcNow(), false))), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(invitation.PassportId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>From 16 the young person takes control: carers keep their rights only if named.</summary>
    public async Task<PassportNode> TakeControlAsync(string passportId, IReadOnlyList<string> keepCarers, CancellationToken cancellationToken)
    {
        var (id, view) = await YoungPersonFromSixteenAsync(passportId, cancellationToken).ConfigureAwait(false);
        var unknown = keepCarers.Where(s => !view.Carers.Any(c => c.Subject == s)).ToList();
        if (unknown.Count > 0)
        {
            throw PassportException.Invalid("keepCarers", "keepCarers may only name carers linked to this passport.");
        }

        await bus.InvokeAsync(new TakeControl(id, new YoungPersonTookControl(keepCarers, Provenance(clock.GetUtcNow(), false))), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Withholds one item from the family, or shows it again: a care-team professional withholds
    /// from carers and the young person; the young person, from 16, withholds from carers.
    /// </summary>
    public async Task<PassportNode> SetItemWithheldAsync(string passportId, string group, string itemId, bool withheld, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        if (!decision.IsKnownGroup(group))
        {
            throw PassportException.Invalid("group", $"'{group}' is not a field group of this passport.");
        }

        if (!Guid.TryParse(itemId, out var item))
        {
            throw PassportException.Invalid("itemId", "itemId must be the id of an item of this passport.");
        }

        var who = viewer.Value;
        var view = await session.LoadAsync<PassportView>(id, cancellationToken).ConfigureAwait(false);
        var grant = view is null ? null : decision.Decide(who, view);
        if (grant is not null && await GroupOfItemAsync(view!, item, cancellationToken).ConfigureAwait(false) != group)
        {
            throw PassportException.Invalid("itemId", $"itemId names no current item of '{group}' on this passport.");
        }

        WithheldFrom audience;
        switch (grant?.Basis)
        {
            case AccessBasis.CareTeam:
                audience = WithheldFrom.Family;
                break;
            case AccessBasis.YoungPerson:
                (_, view) = await YoungPersonFromSixteenAsync(passportId, cancellationToken).ConfigureAwait(false);
                if (view.WithheldItems.TryGetValue(item, out var current) && current == WithheldFrom.Family)
                {
                    throw PassportException.Forbidden("A professional withheld this item; only they can show it again.");
                }

                audience = WithheldFrom.Carers;
                break;
            case null:
                throw PassportException.NotFound();
            default:
                throw PassportException.Forbidden("Only a professional on the care team, or the young person from 16, withholds items.");
        }

        var change = new ItemWithholdingChanged(group, item, withheld ? audience : null, Provenance(clock.GetUtcNow(), grant.Basis == AccessBasis.CareTeam));
        await bus.InvokeAsync(new ChangeItemWithholding(id, change), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A professional of the sector that owns an item's group confirms a family-reported item.
    /// The item's group comes from whichever module holds it, so ids that name nothing are refused.
    /// </summary>
    public async Task<PassportNode> VerifyItemAsync(string passportId, string itemId, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        if (!Guid.TryParse(itemId, out var item))
        {
            throw PassportException.Invalid("itemId", "itemId must be the id of an item of this passport.");
        }

        var who = viewer.Value;
        var view = await session.LoadAsync<PassportView>(id, cancellationToken).ConfigureAwait(false);
        var grant = view is null ? null : decision.Decide(who, view);
        if (grant is null)
        {
            throw PassportException.NotFound();
        }

        var group = await GroupOfItemAsync(view!, item, cancellationToken).ConfigureAwait(false)
            ?? throw PassportException.Invalid("itemId", "itemId names no current item of this passport.");
        var verifiedBy = decision.AuthorizeRecording(who, view!, group, clock.GetUtcNow());
        if (grant.Basis != AccessBasis.CareTeam || !verifiedBy.IsVerified)
        {
            throw PassportException.Forbidden("Only a professional of the sector that owns this information verifies it.");
        }

        await bus.InvokeAsync(new VerifyItem(id, new ItemVerified(group, item, verifiedBy)), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Someone who may record in a group confirms it is still correct, which moves its review date on.</summary>
    public async Task<PassportNode> MarkReviewedAsync(string passportId, string group, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        if (!decision.IsKnownGroup(group))
        {
            throw PassportException.Invalid("group", $"'{group}' is not a field group of this passport.");
        }

        var reviewedBy = await access.AuthorizeAsync(id, group, cancellationToken).ConfigureAwait(false);
        await bus.InvokeAsync(new MarkReviewed(id, new SectionReviewed(group, reviewedBy)), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private async Task<string?> GroupOfItemAsync(PassportView view, Guid item, CancellationToken cancellationToken)
    {
        if (view.EmergencyContacts.Any(c => c.Id == item))
        {
            return CoreFieldGroups.EmergencyContacts;
        }

        foreach (var module in modules.Modules)
        {
            if (await module.GroupOfItemAsync(session, view.Id, item, cancellationToken).ConfigureAwait(false) is { } group)
            {
                return group;
            }
        }

        return null;
    }

    /// <summary>A carer's own address and phone: private to them unless they choose to share them.</summary>
    public async Task<PassportNode> SetMyContactDetailsAsync(string passportId, string? address, string? phone, bool share, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        var who = viewer.Value;
        var view = await session.LoadAsync<PassportView>(id, cancellationToken).ConfigureAwait(false);
        var grant = view is null ? null : decision.Decide(who, view);
        if (grant is null)
        {
            throw PassportException.NotFound();
        }

        if (grant.Basis != AccessBasis.Carer)
        {
            throw PassportException.Forbidden("Only a linked carer sets their own contact details.");
        }

        var details = new CarerContactDetailsSet(
            InputRules.Optional("address", address, 500),
            InputRules.Optional("phone", phone, 30),
            share,
            Provenance(clock.GetUtcNow(), false));
        await bus.InvokeAsync(new SetCarerContactDetails(id, details), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A social-care professional on the care team freezes or restores family access (audited in the stream).</summary>
    public async Task<PassportNode> SetFamilyAccessFrozenAsync(string passportId, bool frozen, string? reason, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        var who = viewer.Value;
        var view = await session.LoadAsync<PassportView>(id, cancellationToken).ConfigureAwait(false);
        var grant = view is null ? null : decision.Decide(who, view);
        if (grant is null)
        {
            throw PassportException.NotFound();
        }

        if (grant.Basis != AccessBasis.CareTeam || who.Sector != Sectors.SocialCare)
        {
            throw PassportException.Forbidden("Only a social-care professional on the care team can freeze family access.");
        }

        var by = Provenance(clock.GetUtcNow(), true);
        object command = frozen
            ? new FreezeFamilyAccess(id, new FamilyAccessFrozen(InputRules.Required("reason", reason, InputRules.LongText), by))
            : new UnfreezeFamilyAccess(id, new FamilyAccessUnfrozen(by));
        await bus.InvokeAsync(command, cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The passport, if the viewer is a carer with the manage-sharing right or the young person.</summary>
    private async Task<(Guid Id, PassportView View)> ManagedByFamilyAsync(string passportId, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        var who = viewer.Value;
        var view = await session.LoadAsync<PassportView>(id, cancellationToken).ConfigureAwait(false);
        var grant = view is null ? null : decision.Decide(who, view);
        if (view?.IsFamilyAccessFrozen == true && grant is not null)
        {
            throw PassportException.Forbidden("Family access to this passport is paused by children's social care.");
        }

        switch (grant?.Basis)
        {
            case AccessBasis.Carer when view!.Carers.Single(c => c.Subject == who.Subject).Rights.MayManageSharing:
            case AccessBasis.YoungPerson:
                return (id, view!);
            case null:
                throw PassportException.NotFound();
            default:
                throw PassportException.Forbidden("Only the family decides who this passport is shared with.");
        }
    }

    private async Task<(Guid Id, PassportView View)> YoungPersonFromSixteenAsync(string passportId, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        var who = viewer.Value;
        var view = await session.LoadAsync<PassportView>(id, cancellationToken).ConfigureAwait(false);
        var grant = view is null ? null : decision.Decide(who, view);
        if (grant is null)
        {
            throw PassportException.NotFound();
        }

        if (grant.Basis != AccessBasis.YoungPerson || view!.IsFamilyAccessFrozen)
        {
            throw PassportException.Forbidden("Only the young person can do this.");
        }

        if (AgeOn(view.DateOfBirth, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)) < 16)
        {
            throw PassportException.Forbidden("The young person can do this from their 16th birthday.");
        }

        return (id, view);
    }

    private static int AgeOn(DateOnly dateOfBirth, DateOnly today) =>
        today.Year - dateOfBirth.Year - (today < dateOfBirth.AddYears(today.Year - dateOfBirth.Year) ? 1 : 0);

    private async Task<FamilyInvitation> UsableInvitationAsync(string code, InvitationKind kind, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await RefuseGuessingAsync(now, cancellationToken).ConfigureAwait(false);
        var normalised = ShareCode.Normalise(code);
        var invitation = normalised.Length == ShareCode.Length ? await session.LoadAsync<FamilyInvitation>(normalised, cancellationToken).ConfigureAwait(false) : null;
        var problem = invitation switch
        {
            null => "invitation: no such code",
            { AcceptedBy: not null } => "invitation: already used",
            _ when invitation.Kind != kind => "invitation: for someone else",
            _ when invitation.ExpiresAt <= now => "invitation: expired",
            _ => null,
        };
        if (problem is not null)
        {
            await RecordFailureAsync(problem, now).ConfigureAwait(false);
            throw new PassportException(ErrorCodes.NotFound, "That invitation is not valid: it may be mistyped, expired or already used.");
        }

        var passport = await session.LoadAsync<PassportView>(invitation!.PassportId, cancellationToken).ConfigureAwait(false);
        if (passport is null || decision.IsClosed(passport))
        {
            await RecordFailureAsync("invitation: passport closed", now).ConfigureAwait(false);
            throw new PassportException(ErrorCodes.NotFound, "That invitation is not valid: it may be mistyped, expired or already used.");
        }

        if (passport.IsFamilyAccessFrozen)
        {
            throw PassportException.Forbidden("Family access to this passport is paused by children's social care.");
        }

        return invitation;
    }

    /// <summary>Codes are short enough to read out, so guessing is limited per person and every failure is audited.</summary>
    private async Task RefuseGuessingAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var subject = viewer.Value.Subject;
        var since = now - GuessingWindow;
        await using var query = store.QuerySession();
        var failures = await query.Query<ShareCodeAttempt>().CountAsync(a => a.Subject == subject && a.At > since, cancellationToken).ConfigureAwait(false);
        if (failures >= MaxFailedRedemptions)
        {
            await RecordFailureAsync("refused: too many failed attempts", now).ConfigureAwait(false);
            throw new PassportException(ErrorCodes.RateLimited, $"Too many codes that did not work. Wait {GuessingWindow.TotalMinutes:0} minutes, then ask for a new code.");
        }
    }

    private Provenance Provenance(DateTimeOffset now, bool isVerified)
    {
        var who = viewer.Value;
        return new Provenance(who.Subject, who.DisplayName, who.RecordingRole, who.Sector, who.Organisation, now, isVerified);
    }

    private async Task RecordFailureAsync(string reason, DateTimeOffset now)
    {
        PassportTelemetry.CodeRedemptionFailed(reason);
        var who = viewer.Value;
        await using var audit = store.LightweightSession();
        audit.Insert(new ShareCodeAttempt { Id = Guid.CreateVersion7(now), Subject = who.Subject, DisplayName = who.DisplayName, Sector = who.Sector, Organisation = who.Organisation, At = now, Reason = reason });
        await audit.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private IEnumerable<string> SectorsList() => decision.SharingOf(new PassportView()).Select(s => s.Sector).Distinct();
}
