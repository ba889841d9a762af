using Passport.Modules.SocialCare.Involvements;
using Passport.Modules.SocialCare.LegalStatuses;
using Passport.Modules.SocialCare.Safeguarding;
using Passport.Sdk.Items;

namespace Passport.Modules.SocialCare;

/// <summary>The social-care module's read model of one passport's current items, in the <c>social_care</c> schema.</summary>
public sealed class SocialCareView : ItemsView
{
    public LegalStatusRecord? LegalStatus { get; set; }
    public Involvement? Involvement { get; set; }
    public List<SafeguardingNote> SafeguardingNotes { get; set; } = [];
}
