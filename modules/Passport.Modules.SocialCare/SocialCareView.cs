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
        Apply(set.Data, new SocialCareView { Id = set.StreamId });

    public static SocialCareView Create(IEvent<InvolvementRecorded> recorded) =>
        Apply(recorded.Data, new SocialCareView { Id = recorded.StreamId });

    public static SocialCareView Create(IEvent<SafeguardingNoteAdded> added) =>
        Apply(added.Data, new SocialCareView { Id = added.StreamId });

    public static SocialCareView Apply(LegalStatusSet set, SocialCareView view)
    {
        view.LegalStatus = new LegalStatusRecord(set.Status, set.Since, set.ResponsibleAuthority, set.RecordedBy);
        return view;
    }

    public static SocialCareView Apply(InvolvementRecorded recorded, SocialCareView view)
    {
        view.Involvement = new Involvement(recorded.AllocatedWorker, recorded.WorkerContact, [.. recorded.Services], recorded.RecordedBy);
        return view;
    }

    public static SocialCareView Apply(SafeguardingNoteAdded added, SocialCareView view)
    {
        view.SafeguardingNotes.Add(new SafeguardingNote(added.NoteId, added.Note, added.RecordedBy));
        return view;
    }
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
            .Resolve(c => c.Source.View?.LegalStatus);
        Field<InvolvementGraphType>("involvement")
            .Description("The allocated social worker or key worker and the services received; null when none has been recorded.")
            .InFieldGroup(SocialCareModule.InvolvementGroup)
            .Resolve(c => c.Source.View?.Involvement);
        Field<ListGraphType<NonNullGraphType<SafeguardingNoteGraphType>>>("safeguarding")
            .Description("Safeguarding notes, oldest first. Never shown to the family. An empty list means none recorded, never that they are hidden.")
            .InFieldGroup(SocialCareModule.SafeguardingGroup)
            .Resolve(c => c.Source.View?.SafeguardingNotes ?? []);
    }
}
