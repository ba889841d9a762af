using Passport.Core.Carers;
using Passport.Core.Modules;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.Access;

/// <summary>Who is writing, as the write decision found them: their read access and their provenance.</summary>
/// <param name="Grant">Their read access; null for writes that create the relationship.</param>
/// <param name="RecordedBy">Who they are, verified (a professional) or reported (the family).</param>
public sealed record WriteAuthority(AccessGrant? Grant, Provenance RecordedBy);

/// <summary>
/// The one write decision (SPEC §4 "Who may write", docs/access-model.md's write table). It is
/// asked by the one write path (<see cref="ChangePassportHandler"/>) on the passport exactly as the
/// change will be appended to it, for every change, core, module and plugin: reading is decided by
/// <see cref="AccessDecision"/>; writing here, on top of it, and never less strictly.
/// </summary>
public sealed class WriteDecision(AccessDecision access, ModuleCatalog modules)
{
    private const string Paused = "Family access to this passport is paused by children's social care.";

    /// <param name="viewer">Who asks.</param>
    /// <param name="passport">The passport at the version the change will follow.</param>
    /// <param name="write">What the change writes.</param>
    /// <param name="itemGroup">For an <see cref="ItemWrite"/>: the group of the item (null when no current item has that id).</param>
    /// <param name="now">When.</param>
    public WriteAuthority Authorize(Viewer viewer, PassportView passport, PassportWrite write, string? itemGroup, DateTimeOffset now)
    {
        if (write is AccessWrite { Change: AccessChange.BreakGlass or AccessChange.JoinCareTeam or AccessChange.AcceptCarerInvitation or AccessChange.AcceptYoungPersonInvitation } joining)
        {
            return Joining(viewer, passport, joining.Change, now);
        }

        var grant = access.Decide(viewer, passport) ?? throw PassportException.NotFound();
        var isFamily = grant.Basis is AccessBasis.Carer or AccessBasis.YoungPerson;
        if (isFamily && passport.IsFamilyAccessFrozen)
        {
            throw PassportException.Forbidden(Paused);
        }

        if (grant.Basis == AccessBasis.BreakGlass)
        {
            throw PassportException.Forbidden("Emergency access lets you read the emergency view; it does not let you change the passport.");
        }

        var isVerified = grant.Basis == AccessBasis.CareTeam;
        switch (write)
        {
            case GroupWrite group:
                AuthorizeGroup(viewer, passport, grant, group);
                break;
            case GroupsWrite groups:
                foreach (var group in groups.Groups)
                {
                    AuthorizeGroup(viewer, passport, grant, new GroupWrite(group));
                }

                break;
            case ItemWrite item:
                AuthorizeItem(viewer, passport, grant, item, itemGroup ?? throw PassportException.Invalid("itemId", "itemId names no current item of this passport."));
                break;
            case AccessWrite change:
                AuthorizeAccessChange(viewer, passport, grant, change.Change, now);
                break;
            case CarerRemovalWrite removal:
                AuthorizeCarerRemoval(viewer, passport, grant, removal.Carer);
                break;
            default:
                throw PassportException.Forbidden("You may not change this passport.");
        }

        return new WriteAuthority(grant, ProvenanceOf(viewer, now, isVerified));
    }

    /// <summary>Whether <see cref="Authorize"/> allows the write: for pages and lists that offer only what would be allowed.</summary>
    /// <param name="viewer">Who asks.</param>
    /// <param name="passport">The passport as it is now.</param>
    /// <param name="write">What they would write (not an <see cref="ItemWrite"/>).</param>
    /// <param name="now">When.</param>
    /// <returns>True when the decision allows it.</returns>
    public bool Allows(Viewer viewer, PassportView passport, PassportWrite write, DateTimeOffset now)
    {
        try
        {
            Authorize(viewer, passport, write, itemGroup: null, now);
            return true;
        }
        catch (PassportException)
        {
            return false;
        }
    }

    /// <summary>Whether a sector's professionals record verified facts in a group.</summary>
    public bool IsRecordingSector(string? sector, string group) => sector is not null && modules.RecordingSectorsOf(group).Contains(sector);

    private void AuthorizeGroup(Viewer viewer, PassportView passport, AccessGrant grant, GroupWrite write)
    {
        var group = write.Group;
        if (grant.Basis == AccessBasis.CareTeam)
        {
            if (!IsRecordingSector(viewer.Sector, group))
            {
                throw PassportException.Forbidden(RecordersOf(group));
            }

            if (!grant.MaySee(group))
            {
                throw PassportException.Forbidden($"'{group}' of this passport is not shared with your sector, so you cannot record in it.");
            }

            return;
        }

        // The family: a carer with the right to edit, or the young person; groups that let them report.
        if (!modules.FamilyWrites(group) || !grant.MaySee(group) || SafeguardingIsNeverTheFamilys(group))
        {
            throw PassportException.Forbidden(RecordersOf(group));
        }

        RequireCarerRight(viewer, passport, grant, r => r.MayEdit, "Your link to this passport lets you view it, not change it.");
        if (write.ItemId is { } item && grant.IsWithheld(item))
        {
            // Refused exactly as an id that names nothing: the item must not be revealed.
            throw PassportException.Invalid(write.ItemArgument, $"{write.ItemArgument} is not a current item of this kind on this passport.");
        }
    }

    private void AuthorizeItem(Viewer viewer, PassportView passport, AccessGrant grant, ItemWrite write, string group)
    {
        var isRecordingProfessional = grant.Basis == AccessBasis.CareTeam && IsRecordingSector(viewer.Sector, group) && grant.MaySee(group);
        switch (write.Action)
        {
            case ItemAction.Verify when isRecordingProfessional:
                return;
            case ItemAction.Verify:
                throw PassportException.Forbidden($"Only a professional of {string.Join(" or ", modules.RecordingSectorsOf(group).DefaultIfEmpty("the owning sector"))} on the care team verifies this information.");
            case ItemAction.Withhold when isRecordingProfessional:
                return;
            case ItemAction.Withhold when grant.Basis == AccessBasis.YoungPerson && passport.IsControlledByYoungPerson && grant.MaySee(group) && !grant.IsWithheld(write.ItemId):
                return;
            case ItemAction.Withhold:
                throw PassportException.Forbidden("Only a professional of the sector that owns this information, or the young person in control of their passport, withholds it.");
            case ItemAction.Release:
                var withheldBy = passport.WithheldBy.GetValueOrDefault(write.ItemId)?.Subject;
                var from = passport.WithheldItems.TryGetValue(write.ItemId, out var audience) ? audience : (WithheldFrom?)null;
                var mayRelease = from switch
                {
                    null => isRecordingProfessional || (grant.Basis == AccessBasis.YoungPerson && passport.IsControlledByYoungPerson),
                    // The young person's own choice is theirs alone.
                    WithheldFrom.Carers => grant.Basis == AccessBasis.YoungPerson,
                    _ => isRecordingProfessional || (grant.Basis == AccessBasis.CareTeam && withheldBy == viewer.Subject),
                };
                if (!mayRelease)
                {
                    throw PassportException.Forbidden(from == WithheldFrom.Carers
                        ? "The young person withheld this item; only they can show it again."
                        : "Only the sector that owns this information, or the professional who withheld it, can show it again.");
                }

                return;
        }
    }

    private void AuthorizeAccessChange(Viewer viewer, PassportView passport, AccessGrant grant, AccessChange change, DateTimeOffset now)
    {
        switch (change)
        {
            case AccessChange.Sharing:
                if (grant.Basis == AccessBasis.CareTeam)
                {
                    throw PassportException.Forbidden("Only the family decides who this passport is shared with.");
                }

                RequireCarerRight(viewer, passport, grant, r => r.MayManageSharing, "Only a carer with the right to manage sharing, or the young person, decides who this passport is shared with.");
                return;
            case AccessChange.EmergencyCard:
                // The card leads a clinician to emergency access, so it is the family's, like a share code.
                if (grant.Basis == AccessBasis.CareTeam)
                {
                    throw PassportException.Forbidden("Only the family issues or stops the child's emergency card.");
                }

                RequireCarerRight(viewer, passport, grant, r => r.MayManageSharing, "Only a carer with the right to manage sharing, or the young person, issues or stops the emergency card.");
                return;
            case AccessChange.Handover when grant.Basis == AccessBasis.CareTeam:
                return;
            case AccessChange.Handover:
                throw PassportException.Forbidden("Only a professional on the care team hands over to a colleague.");
            case AccessChange.CarerInvitation when passport.IsControlledByYoungPerson:
                if (grant.Basis != AccessBasis.YoungPerson)
                {
                    throw PassportException.Forbidden("The young person is in control of this passport: only they invite carers.");
                }

                return;
            case AccessChange.CarerInvitation or AccessChange.YoungPersonInvitation:
                if (grant.Basis != AccessBasis.Carer)
                {
                    throw PassportException.Forbidden("Only a linked carer with the right to invite may invite.");
                }

                RequireCarerRight(viewer, passport, grant, r => r.MayInvite, "Only a linked carer with the right to invite may invite.");
                return;
            case AccessChange.TakeControl:
                if (grant.Basis != AccessBasis.YoungPerson)
                {
                    throw PassportException.Forbidden("Only the young person can do this.");
                }

                if (UkDate.AgeOn(passport.DateOfBirth, UkDate.Of(now)) < 16)
                {
                    throw PassportException.Forbidden("The young person can do this from their 16th birthday.");
                }

                return;
            case AccessChange.FamilyAccessFreeze when grant.Basis == AccessBasis.CareTeam && viewer.Sector == Sectors.SocialCare:
                return;
            case AccessChange.FamilyAccessFreeze:
                throw PassportException.Forbidden("Only a social-care professional on the care team can freeze family access.");
            case AccessChange.OwnContactDetails when grant.Basis == AccessBasis.Carer:
                return;
            case AccessChange.OwnContactDetails:
                throw PassportException.Forbidden("Only a linked carer sets their own contact details.");
            default:
                throw PassportException.Forbidden("You may not change this passport.");
        }
    }

    /// <summary>
    /// Removing a linked carer (SPEC §4: a relationship is ended as carefully as it is started).
    /// A carer may leave, and may remove the carers they invited themselves; once the young person
    /// has taken control, only the young person removes others, as only they invite. Children's
    /// social care on the care team may remove any carer, with a reason the change requires. Until
    /// the young person is in control a passport keeps one carer, or nobody could invite again.
    /// </summary>
    private static void AuthorizeCarerRemoval(Viewer viewer, PassportView passport, AccessGrant grant, string subject)
    {
        var isLeaving = grant.Basis == AccessBasis.Carer && subject == viewer.Subject;
        switch (grant.Basis)
        {
            case AccessBasis.CareTeam when viewer.Sector == RemoveCarer.ProfessionalSector:
            case AccessBasis.YoungPerson when passport.IsControlledByYoungPerson:
            case AccessBasis.Carer when isLeaving || !passport.IsControlledByYoungPerson:
                break;
            case AccessBasis.YoungPerson:
                throw PassportException.Forbidden("Your carers decide who is linked to your passport until you take control of it.");
            case AccessBasis.Carer:
                throw PassportException.Forbidden("The young person is in control of this passport: only they remove other carers.");
            default:
                throw PassportException.Forbidden("Only the family, or children's social care on the care team, removes a carer.");
        }

        var carer = passport.Carers.FirstOrDefault(c => c.Subject == subject)
            ?? throw PassportException.Invalid("subject", "subject names no carer linked to this passport.");
        if (grant.Basis == AccessBasis.Carer && !isLeaving && carer.InvitedBy != viewer.Subject)
        {
            throw PassportException.Forbidden("You can remove only yourself and the carers you invited.");
        }

        if (passport.Carers.Count == 1 && !passport.IsControlledByYoungPerson)
        {
            throw PassportException.Forbidden("This is the only carer linked to this passport. It keeps one until the young person takes control, so that someone in the family can still invite others.");
        }
    }

    /// <summary>Writes that create a relationship: break-glass, a share code, an invitation. A closed passport no longer exists for them.</summary>
    private WriteAuthority Joining(Viewer viewer, PassportView passport, AccessChange change, DateTimeOffset now)
    {
        if (access.IsClosed(passport))
        {
            throw PassportException.NotFound();
        }

        switch (change)
        {
            case AccessChange.BreakGlass when viewer.IsProfessional && viewer.Sector == Sectors.Health:
            case AccessChange.JoinCareTeam when viewer.IsProfessional:
                return new WriteAuthority(null, ProvenanceOf(viewer, now, isVerified: true));
            case AccessChange.BreakGlass:
                throw PassportException.Forbidden("Emergency access is for health professionals only.");
            case AccessChange.JoinCareTeam:
                throw PassportException.Forbidden("Only professionals redeem share codes.");
            case AccessChange.AcceptCarerInvitation when viewer.IsCarer:
            case AccessChange.AcceptYoungPersonInvitation when viewer.IsYoungPerson:
                if (passport.IsFamilyAccessFrozen)
                {
                    throw PassportException.Forbidden(Paused);
                }

                // Accepting never changes an existing link: rights are changed by whoever may give them.
                if (passport.Carers.Any(c => c.Subject == viewer.Subject) || passport.YoungPersonSubject == viewer.Subject)
                {
                    throw PassportException.Forbidden("You are already linked to this passport; an invitation cannot change your link.");
                }

                if (change == AccessChange.AcceptYoungPersonInvitation && passport.YoungPersonSubject is not null)
                {
                    throw PassportException.Forbidden("A young person is already linked to this passport.");
                }

                return new WriteAuthority(null, ProvenanceOf(viewer, now, isVerified: false));
            case AccessChange.AcceptCarerInvitation:
                throw PassportException.Forbidden("Carer invitations are accepted by carers.");
            default:
                throw PassportException.Forbidden("This invitation is for the young person whose passport it is.");
        }
    }

    private static void RequireCarerRight(Viewer viewer, PassportView passport, AccessGrant grant, Func<CarerRights, bool> right, string refusal)
    {
        if (grant.Basis == AccessBasis.Carer && !right(passport.Carers.Single(c => c.Subject == viewer.Subject).Rights))
        {
            throw PassportException.Forbidden(refusal);
        }
    }

    /// <summary>SPEC §4: safeguarding is never the family's, whatever a policy or a module declares.</summary>
    private static bool SafeguardingIsNeverTheFamilys(string group) => group == SharingPolicy.Safeguarding;

    private string RecordersOf(string group)
    {
        var sectors = modules.RecordingSectorsOf(group);
        var family = modules.FamilyWrites(group) && !SafeguardingIsNeverTheFamilys(group);
        return (sectors.Count, family) switch
        {
            (0, true) => $"Only the family writes '{group}': it is the child's own voice.",
            (0, false) => $"Nobody may write '{group}' this way.",
            (_, true) => $"Only {string.Join(" or ", sectors)} professionals or the family record '{group}'.",
            _ => $"Only {string.Join(" or ", sectors)} professionals record '{group}'.",
        };
    }

    private static Provenance ProvenanceOf(Viewer viewer, DateTimeOffset now, bool isVerified) =>
        new(viewer.Subject, viewer.DisplayName, viewer.RecordingRole, viewer.Sector, viewer.Organisation, now, isVerified);
}
