using GraphQL.Types;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Passport.Modules.SocialCare.Involvements;
using Passport.Modules.SocialCare.LegalStatuses;
using Passport.Modules.SocialCare.Safeguarding;
using Passport.Sdk;

namespace Passport.Modules.SocialCare;

/// <summary>The social-care module's read model of one passport, in the <c>social_care</c> schema.</summary>
public sealed class SocialCareView : IPassportView
{
    public Guid Id { get; set; }
    public LegalStatusRecord? LegalStatus { get; set; }
    public Involvement? Involvement { get; set; }
    public List<SafeguardingNote> SafeguardingNotes { get; set; } = [];
}

public sealed class SocialCareViewProjection : SingleStreamProjection<SocialCareView, Guid>
{
    public static SocialCareView Create(IEvent<LegalStatusSet> set) =>
        Apply(set, new SocialCareView { Id = set.StreamId });

    public static SocialCareView Create(IEvent<InvolvementRecorded> recorded) =>
        Apply(recorded, new SocialCareView { Id = recorded.StreamId });

    public static SocialCareView Create(IEvent<SafeguardingNoteAdded> added) =>
        Apply(added.Data, new SocialCareView { Id = added.StreamId });

    /// <summary>Verification of an item this module does not hold changes nothing.</summary>
    public static SocialCareView Create(IEvent<ItemVerified> verified) => new() { Id = verified.StreamId };

    /// <summary>A new status replaces the one before in the same record, with the new provenance.</summary>
    public static SocialCareView Apply(IEvent<LegalStatusSet> set, SocialCareView view)
    {
        var data = set.Data;
        view.LegalStatus = new LegalStatusRecord(ItemId(data.LegalStatusId, view.LegalStatus?.Id, set.Id), data.Status, data.Since, data.ResponsibleAuthority, data.RecordedBy);
        return view;
    }

    public static SocialCareView Apply(IEvent<InvolvementRecorded> recorded, SocialCareView view)
    {
        var data = recorded.Data;
        view.Involvement = new Involvement(ItemId(data.InvolvementId, view.Involvement?.Id, recorded.Id), data.AllocatedWorker, data.WorkerContact, [.. data.Services], data.RecordedBy);
        return view;
    }

    /// <summary>The worker is no longer allocated: the involvement leaves the current view; the stream keeps it.</summary>
    public static SocialCareView Apply(InvolvementEnded ended, SocialCareView view)
    {
        if (view.Involvement?.Id == ended.InvolvementId)
        {
            view.Involvement = null;
        }

        return view;
    }

    public static SocialCareView Apply(SafeguardingNoteAdded added, SocialCareView view)
    {
        view.SafeguardingNotes.Add(new SafeguardingNote(added.NoteId, added.Note, added.RecordedBy));
        return view;
    }

    /// <summary>An amended note keeps its id and place; its text and provenance are the amendment's.</summary>
    public static SocialCareView Apply(SafeguardingNoteAmended amended, SocialCareView view)
    {
        var index = view.SafeguardingNotes.FindIndex(n => n.Id == amended.NoteId);
        if (index >= 0)
        {
            view.SafeguardingNotes[index] = new SafeguardingNote(amended.NoteId, amended.Note, amended.RecordedBy);
        }

        return view;
    }

    /// <summary>An ended note leaves the current list; the stream keeps it as history.</summary>
    public static SocialCareView Apply(SafeguardingNoteEnded ended, SocialCareView view)
    {
        view.SafeguardingNotes.RemoveAll(n => n.Id == ended.NoteId);
        return view;
    }

    /// <summary>Shows who verified one of this module's current items; other ids are ignored.</summary>
    public static SocialCareView Apply(ItemVerified verified, SocialCareView view)
    {
        if (view.LegalStatus is { } status && status.Id == verified.ItemId)
        {
            view.LegalStatus = status with { VerifiedBy = verified.RecordedBy };
        }

        if (view.Involvement is { } involvement && involvement.Id == verified.ItemId)
        {
            view.Involvement = involvement with { VerifiedBy = verified.RecordedBy };
        }

        var index = view.SafeguardingNotes.FindIndex(n => n.Id == verified.ItemId);
        if (index >= 0)
        {
            view.SafeguardingNotes[index] = view.SafeguardingNotes[index] with { VerifiedBy = verified.RecordedBy };
        }

        return view;
    }

    /// <summary>
    /// The event names its item; events written before items had ids keep the current record's id,
    /// or take the event's own id, so a rebuild always gives the same ids.
    /// </summary>
    private static Guid ItemId(Guid fromEvent, Guid? current, Guid eventId) =>
        fromEvent != Guid.Empty ? fromEvent : current is { } id && id != Guid.Empty ? id : eventId;
}

/// <summary>Which of the social-care module's current items a passport has.</summary>
internal static class SocialCareItems
{
    public static string? GroupOf(SocialCareView? view, Guid itemId) =>
        view is null ? null
        : view.LegalStatus?.Id == itemId ? SocialCareModule.LegalStatusGroup
        : view.Involvement?.Id == itemId ? SocialCareModule.InvolvementGroup
        : view.SafeguardingNotes.Exists(n => n.Id == itemId) ? SocialCareModule.SafeguardingGroup
        : null;

    /// <summary>A single item withheld from the viewer is left out, as the host leaves withheld items out of lists.</summary>
    public static T? Shown<T>(PassportNode passport, T? item)
        where T : class, IPassportItem =>
        item is not null && !passport.Access.IsWithheld(item.Id) ? item : null;
}

/// <summary>The social-care section of one passport as GraphQL resolves it.</summary>
public sealed record SocialCareSection(PassportNode Passport, SocialCareView? View) : IPassportScoped;

public sealed class SocialCareGraphType : ObjectGraphType<SocialCareSection>
{
    public SocialCareGraphType()
    {
        Name = "SocialCare";
        Field<LegalStatusRecordGraphType>("legalStatus")
            .Description("The child's legal status as social care last recorded it; null when none has been recorded.")
            .InFieldGroup(SocialCareModule.LegalStatusGroup)
            .Resolve(c => SocialCareItems.Shown(c.Source.Passport, c.Source.View?.LegalStatus));
        Field<InvolvementGraphType>("involvement")
            .Description("The allocated social worker or key worker and the services received; null when none is recorded or the involvement ended.")
            .InFieldGroup(SocialCareModule.InvolvementGroup)
            .Resolve(c => SocialCareItems.Shown(c.Source.Passport, c.Source.View?.Involvement));
        Field<ListGraphType<NonNullGraphType<SafeguardingNoteGraphType>>>("safeguarding")
            .Description("Current safeguarding notes, oldest first. Never shown to the family. An empty list means none recorded, never that they are hidden.")
            .InFieldGroup(SocialCareModule.SafeguardingGroup)
            .Resolve(c => c.Source.View?.SafeguardingNotes ?? []);
    }
}
