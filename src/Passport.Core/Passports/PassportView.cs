using Marten.Events.Aggregation;
using Passport.Core.AboutMe;
using Passport.Core.BreakGlass;
using Passport.Core.CareTeam;
using Passport.Core.Carers;
using Passport.Core.ChildDetails;
using Passport.Core.Control;
using Passport.Core.EmergencyContacts;
using Passport.Core.FamilyAccess;
using Passport.Core.Reviews;
using Passport.Core.Sharing;
using Passport.Core.Withholding;
using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Core.Passports;

/// <summary>
/// The core's read model of a passport: the child, "about me", contacts and who is related to
/// the passport. Projected inline from the passport's event stream, so a write's reply shows it.
/// </summary>
public sealed class PassportView : IPassportView
{
    public Guid Id { get; set; }

    /// <summary>The event-stream version, read from Marten's revision metadata (Marten 9 revisions are long).</summary>
    public long Version { get; set; }

    public string GivenName { get; set; } = "";
    public string FamilyName { get; set; } = "";
    public string? PreferredName { get; set; }
    public DateOnly DateOfBirth { get; set; }
    public string? NhsNumber { get; set; }
    public string LocalAuthority { get; set; } = "";
    public string? Pronouns { get; set; }
    public string? FirstLanguage { get; set; }
    public bool IsInterpreterNeeded { get; set; }
    public string? PhotoReference { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset LastChangedAt { get; set; }

    public AboutMeSection? AboutMe { get; set; }
    public List<EmergencyContact> EmergencyContacts { get; set; } = [];

    public List<LinkedCarer> Carers { get; set; } = [];
    public string? YoungPersonSubject { get; set; }
    public List<CareTeamMember> CareTeam { get; set; } = [];

    /// <summary>Everyone with a standing relationship, for "my passports" lookups.</summary>
    public List<string> MemberSubjects { get; set; } = [];

    /// <summary>When each group last changed or was confirmed as still correct.</summary>
    public Dictionary<string, DateTimeOffset> LastReviewed { get; set; } = [];

    /// <summary>From 16 the young person may take control: only the carers they keep keep their rights.</summary>
    public bool IsControlledByYoungPerson { get; set; }

    /// <summary>Items withheld from the family: item id → from whom.</summary>
    public Dictionary<Guid, WithheldFrom> WithheldItems { get; set; } = [];

    /// <summary>Who withheld each withheld item, and its group: they, or the owning sector, may show it again.</summary>
    public Dictionary<Guid, Withholding> WithheldBy { get; set; } = [];

    /// <summary>
    /// When each item last changed, and its group: a group's review date, as a viewer sees it, comes
    /// only from items they may see, so it never reveals that a withheld item changed.
    /// </summary>
    public Dictionary<Guid, ItemReview> ItemReviews { get; set; } = [];

    /// <summary>When the young person took control: carer invitations issued before then are void.</summary>
    public DateTimeOffset? ControlTakenAt { get; set; }

    /// <summary>Professionals the family removed from the care team: they come back only with a new share code.</summary>
    public List<string> RemovedFromCareTeam { get; set; } = [];

    /// <summary>
    /// True while the legal status is a child protection plan or looked after: social care has a
    /// statutory role, so the family cannot remove them from the care team.
    /// </summary>
    public bool HasStatutorySocialCare { get; set; }

    /// <summary>Set by social care during a safeguarding enquiry: the family sees and changes nothing.</summary>
    public bool IsFamilyAccessFrozen { get; set; }

    /// <summary>Health professionals' emergency access: subject → until.</summary>
    public Dictionary<string, DateTimeOffset> BreakGlass { get; set; } = [];

    /// <summary>The family's sharing choices: sector → group → shared.</summary>
    public Dictionary<string, Dictionary<string, bool>> SharingChoices { get; set; } = [];

    /// <summary>The day social care's involvement last ended, if it did: it can move the closing day (see <see cref="PassportClosure"/>).</summary>
    public DateOnly? SocialCareInvolvementEndedOn { get; set; }

    /// <summary>The day the passport closes (SPEC §4).</summary>
    public DateOnly ClosesOn => PassportClosure.ClosesOn(DateOfBirth, SocialCareInvolvementEndedOn);

    /// <summary>The day the retention job first saw the passport closed; its retention period counts from it.</summary>
    public DateOnly? ClosureObservedOn { get; set; }
}

public sealed record AboutMeSection(
    string? Communication,
    string? ImportantToMe,
    string? Likes,
    string? Dislikes,
    string? WhatUpsetsMe,
    string? HowToHelpMe,
    string? HowIShowPain,
    string? MustKnow,
    Provenance RecordedBy);

public sealed record EmergencyContact(
    Guid Id,
    string Name,
    string Relationship,
    bool HasParentalResponsibility,
    string Phone,
    int PreferredOrder,
    Provenance RecordedBy,
    Provenance? VerifiedBy = null) : IPassportItem;

/// <summary>The rights a linked carer holds; the creator holds all.</summary>
public sealed record CarerRights(bool MayView, bool MayEdit, bool MayManageSharing, bool MayInvite)
{
    public static CarerRights All { get; } = new(true, true, true, true);

    public static CarerRights ViewOnly { get; } = new(true, false, false, false);
}

/// <summary>
/// A carer linked to the passport. Their own address and phone are private unless they share them
/// (separated parents). <see cref="InvitedBy"/> is who invited them (they may remove them); null for
/// the creator and for carers linked before inviters were recorded.
/// </summary>
public sealed record LinkedCarer(
    string Subject,
    string DisplayName,
    CarerRights Rights,
    DateTimeOffset Since,
    bool IsCreator,
    string? Address = null,
    string? Phone = null,
    bool SharesContactDetails = false,
    string? InvitedBy = null);

/// <summary>Who an item is withheld from.</summary>
public enum WithheldFrom
{
    /// <summary>Carers only (the young person's choice, from 16).</summary>
    Carers,

    /// <summary>Carers and the young person (a professional's decision).</summary>
    Family,
}

/// <summary>Who withheld an item (their subject), and the item's group.</summary>
public sealed record Withholding(string Group, string Subject);

/// <summary>When an item last changed, and the group it belongs to.</summary>
public sealed record ItemReview(string Group, DateTimeOffset At);

public sealed record CareTeamMember(
    string Subject,
    string DisplayName,
    string Sector,
    string? Organisation,
    DateTimeOffset Since,
    string HowJoined);

/// <summary>Projects <see cref="PassportView"/> from the passport stream.</summary>
public sealed class PassportViewProjection : SingleStreamProjection<PassportView, Guid>
{
    public static PassportView Create(PassportCreated created)
    {
        var view = new PassportView
        {
            Id = created.PassportId,
            GivenName = created.GivenName,
            FamilyName = created.FamilyName,
            PreferredName = created.PreferredName,
            DateOfBirth = created.DateOfBirth,
            NhsNumber = created.NhsNumber,
            LocalAuthority = created.LocalAuthority,
            CreatedAt = created.CreatedBy.RecordedAt,
        };

        var creator = created.CreatedBy;
        if (creator.Role == Viewer.ProfessionalRole && creator.Sector is not null)
        {
            view.CareTeam.Add(new CareTeamMember(creator.Subject, creator.DisplayName, creator.Sector, creator.Organisation, creator.RecordedAt, "created the passport"));
        }
        else if (creator.Role == Viewer.YoungPersonRole)
        {
            view.YoungPersonSubject = creator.Subject;
        }
        else
        {
            view.Carers.Add(new LinkedCarer(creator.Subject, creator.DisplayName, CarerRights.All, creator.RecordedAt, IsCreator: true));
        }

        view.MemberSubjects.Add(creator.Subject);
        return Reviewed(created, view);
    }

    /// <summary>
    /// Every change, whichever module made it, moves the passport's last change and its group's
    /// review date. (Events the projection also handles specifically reach it too: see Reviewed.)
    /// </summary>
    public static PassportView Apply(IPassportEvent change, PassportView view)
    {
        // Social care's items tell the core what it must know of them through SDK contracts the
        // items implement, so the core names no module.
        switch (change)
        {
            case IItemEnded ended when typeof(ISocialCareInvolvement).IsAssignableFrom(ended.ItemType):
                view.SocialCareInvolvementEndedOn = ended.EndedOn;
                break;
            case IItemEnded ended when typeof(ISocialCareLegalStatus).IsAssignableFrom(ended.ItemType):
                view.HasStatutorySocialCare = false;
                break;
            case IItemChange { Current: ISocialCareLegalStatus status }:
                view.HasStatutorySocialCare = status.IsStatutory;
                break;
        }

        return Reviewed(change, view);
    }

    public static PassportView Apply(SectionReviewed reviewed, PassportView view) => Reviewed(reviewed, view);

    public static PassportView Apply(Retention.PassportClosureObserved observed, PassportView view)
    {
        view.ClosureObservedOn = observed.ObservedOn;
        return view;
    }

    public static PassportView Apply(ItemVerified verified, PassportView view)
    {
        view.EmergencyContacts = view.EmergencyContacts
            .Select(c => c.Id == verified.ItemId ? c with { VerifiedBy = verified.RecordedBy } : c)
            .ToList();
        return Reviewed(verified, view);
    }

    private static PassportView Reviewed(IPassportEvent change, PassportView view)
    {
        view.LastChangedAt = change.RecordedBy.RecordedAt;
        if (change.FieldGroup is not { } group)
        {
            return view;
        }

        // A change to one item dates that item; the group's own date moves only with changes to the
        // group as a whole (e.g. About me, a review), so withheld items' changes stay invisible.
        if (change is IPassportItemEvent item)
        {
            view.ItemReviews[item.ItemId] = new ItemReview(group, change.RecordedBy.RecordedAt);
        }
        else
        {
            view.LastReviewed[group] = change.RecordedBy.RecordedAt;
        }

        return view;
    }

    /// <summary>When a group was last changed or confirmed, counting only items the viewer may see.</summary>
    public static IEnumerable<KeyValuePair<string, DateTimeOffset>> ReviewDatesFor(PassportView view, AccessGrant grant) =>
        view.LastReviewed
            .Concat(view.ItemReviews.Where(i => !grant.IsWithheld(i.Key)).Select(i => KeyValuePair.Create(i.Value.Group, i.Value.At)))
            .Where(r => grant.MaySee(r.Key))
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .Select(g => KeyValuePair.Create(g.Key, g.Max(r => r.Value)));

    public static PassportView Apply(AboutMeUpdated updated, PassportView view)
    {
        view.AboutMe = new AboutMeSection(
            updated.Communication,
            updated.ImportantToMe,
            updated.Likes,
            updated.Dislikes,
            updated.WhatUpsetsMe,
            updated.HowToHelpMe,
            updated.HowIShowPain,
            updated.MustKnow,
            updated.RecordedBy);
        return Reviewed(updated, view);
    }

    public static PassportView Apply(CareTeamMemberJoined joined, PassportView view)
    {
        view.CareTeam.RemoveAll(m => m.Subject == joined.Subject);
        view.RemovedFromCareTeam.Remove(joined.Subject);
        view.CareTeam.Add(new CareTeamMember(joined.Subject, joined.DisplayName, joined.Sector, joined.Organisation, joined.RecordedBy.RecordedAt, joined.HowJoined));
        if (!view.MemberSubjects.Contains(joined.Subject))
        {
            view.MemberSubjects.Add(joined.Subject);
        }

        return view;
    }

    public static PassportView Apply(CarerLinked linked, PassportView view)
    {
        view.Carers.RemoveAll(c => c.Subject == linked.Subject);
        view.Carers.Add(new LinkedCarer(linked.Subject, linked.DisplayName, linked.Rights, linked.RecordedBy.RecordedAt, IsCreator: false, InvitedBy: linked.InvitedBy));
        if (!view.MemberSubjects.Contains(linked.Subject))
        {
            view.MemberSubjects.Add(linked.Subject);
        }

        return view;
    }

    public static PassportView Apply(YoungPersonLinked linked, PassportView view)
    {
        view.YoungPersonSubject = linked.Subject;
        if (!view.MemberSubjects.Contains(linked.Subject))
        {
            view.MemberSubjects.Add(linked.Subject);
        }

        return view;
    }

    public static PassportView Apply(YoungPersonTookControl control, PassportView view)
    {
        view.IsControlledByYoungPerson = true;
        view.ControlTakenAt = control.RecordedBy.RecordedAt;
        view.Carers = view.Carers
            .Select(c => control.CarersKeepingTheirRights.Contains(c.Subject) ? c : c with { Rights = CarerRights.ViewOnly })
            .ToList();
        return view;
    }

    public static PassportView Apply(ItemWithholdingChanged change, PassportView view)
    {
        if (change.WithheldFrom is { } from)
        {
            view.WithheldItems[change.ItemId] = from;
            view.WithheldBy[change.ItemId] = new Withholding(change.Group, change.RecordedBy.Subject);
        }
        else
        {
            view.WithheldItems.Remove(change.ItemId);
            view.WithheldBy.Remove(change.ItemId);
        }

        // Withholding is not a change to the item: it must not move any review date.
        view.LastChangedAt = change.RecordedBy.RecordedAt;
        return view;
    }

    public static PassportView Apply(CarerContactDetailsSet details, PassportView view)
    {
        view.Carers = view.Carers
            .Select(c => c.Subject == details.RecordedBy.Subject ? c with { Address = details.Address, Phone = details.Phone, SharesContactDetails = details.IsShared } : c)
            .ToList();
        return view;
    }

    public static PassportView Apply(CarerRemoved removed, PassportView view)
    {
        view.Carers.RemoveAll(c => c.Subject == removed.Subject);
        if (!view.CareTeam.Any(m => m.Subject == removed.Subject) && view.YoungPersonSubject != removed.Subject)
        {
            view.MemberSubjects.Remove(removed.Subject);
        }

        return view;
    }

    public static PassportView Apply(FamilyAccessFrozen frozen, PassportView view)
    {
        view.IsFamilyAccessFrozen = true;
        return view;
    }

    public static PassportView Apply(FamilyAccessUnfrozen unfrozen, PassportView view)
    {
        view.IsFamilyAccessFrozen = false;
        return view;
    }

    public static PassportView Apply(CareTeamMemberRemoved removed, PassportView view)
    {
        view.CareTeam.RemoveAll(m => m.Subject == removed.Subject);
        if (!view.RemovedFromCareTeam.Contains(removed.Subject))
        {
            view.RemovedFromCareTeam.Add(removed.Subject);
        }
        if (!view.Carers.Any(c => c.Subject == removed.Subject) && view.YoungPersonSubject != removed.Subject)
        {
            view.MemberSubjects.Remove(removed.Subject);
        }

        return view;
    }

    public static PassportView Apply(SharingChanged changed, PassportView view)
    {
        if (!view.SharingChoices.TryGetValue(changed.Sector, out var choices))
        {
            choices = [];
            view.SharingChoices[changed.Sector] = choices;
        }

        choices[changed.Group] = changed.IsShared;
        return view;
    }

    public static PassportView Apply(BreakGlassUsed used, PassportView view)
    {
        view.BreakGlass[used.RecordedBy.Subject] = used.Until;
        return view;
    }

    public static PassportView Apply(EmergencyContactAmended amended, PassportView view)
    {
        view.EmergencyContacts = view.EmergencyContacts
            .Select(c => c.Id == amended.ContactId
                ? new EmergencyContact(c.Id, amended.Name, amended.Relationship, amended.HasParentalResponsibility, amended.Phone, amended.PreferredOrder, amended.RecordedBy)
                : c)
            .OrderBy(c => c.PreferredOrder)
            .ToList();
        return Reviewed(amended, view);
    }

    public static PassportView Apply(EmergencyContactRemoved removed, PassportView view)
    {
        view.EmergencyContacts.RemoveAll(c => c.Id == removed.ContactId);
        return Reviewed(removed, view);
    }

    public static PassportView Apply(ChildDetailsUpdated updated, PassportView view)
    {
        view.GivenName = updated.GivenName;
        view.FamilyName = updated.FamilyName;
        view.PreferredName = updated.PreferredName;
        view.DateOfBirth = updated.DateOfBirth;
        view.Pronouns = updated.Pronouns;
        view.FirstLanguage = updated.FirstLanguage;
        view.IsInterpreterNeeded = updated.IsInterpreterNeeded;
        view.PhotoReference = updated.PhotoReference;
        view.LocalAuthority = updated.LocalAuthority;
        return Reviewed(updated, view);
    }

    public static PassportView Apply(NhsNumberSet set, PassportView view)
    {
        view.NhsNumber = set.NhsNumber;
        return Reviewed(set, view);
    }

    public static PassportView Apply(EmergencyContactAdded added, PassportView view)
    {
        view.EmergencyContacts.Add(new EmergencyContact(
            added.ContactId, added.Name, added.Relationship, added.HasParentalResponsibility, added.Phone, added.PreferredOrder, added.RecordedBy));
        view.EmergencyContacts.Sort((a, b) => a.PreferredOrder.CompareTo(b.PreferredOrder));
        return Reviewed(added, view);
    }
}
