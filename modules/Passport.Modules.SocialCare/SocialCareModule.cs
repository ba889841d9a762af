using Passport.Modules.SocialCare.Involvements;
using Passport.Modules.SocialCare.LegalStatuses;
using Passport.Modules.SocialCare.Safeguarding;
using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Modules.SocialCare;

/// <summary>
/// The social-care sector's module: legal status and involvement (one current record each) and
/// safeguarding notes (a list), all recorded through the kit.
/// </summary>
public sealed class SocialCareModule : RecordedItemsModule<SocialCareView>
{
    public const string InvolvementGroup = ISocialCareInvolvement.Group;
    public const string LegalStatusGroup = "socialCare.legalStatus";
    public const string SafeguardingGroup = "socialCare.safeguarding";

    protected override RecordedItems<SocialCareView> Items { get; } = new RecordedItems<SocialCareView>()
        .Single<LegalStatusRecord>("LegalStatus", "legalStatus", LegalStatusGroup, view => view.LegalStatus, (view, status) => view.LegalStatus = status, LegalStatusRecord.Declare)
        .Single<Involvement>("Involvement", "involvement", InvolvementGroup, view => view.Involvement, (view, involvement) => view.Involvement = involvement, Involvement.Declare)
        .List<SafeguardingNote>("SafeguardingNote", "safeguarding", SafeguardingGroup, view => view.SafeguardingNotes, SafeguardingNote.Declare);

    protected override string SectionType => "SocialCare";

    protected override string SectionDescription => "The social-care section: involvement, legal status and safeguarding, recorded by social-care professionals.";
}
