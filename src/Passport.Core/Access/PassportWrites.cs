using Passport.Sdk;

namespace Passport.Core.Access;

/// <summary>A change to who may see or change the passport (SPEC §4 "Who may write", the access-state rows).</summary>
/// <param name="Change">Which kind.</param>
public sealed record AccessWrite(AccessChange Change) : PassportWrite;

/// <summary>The kinds of access-state change, each with its own rule in <see cref="WriteDecision"/>.</summary>
public enum AccessChange
{
    /// <summary>Sharing choices, share codes, removing a care-team member: the family's sharing right.</summary>
    Sharing,

    /// <summary>A care-team professional hands over to a colleague of the same sector and organisation.</summary>
    Handover,

    /// <summary>Inviting another carer.</summary>
    CarerInvitation,

    /// <summary>Inviting the young person to link to their own passport.</summary>
    YoungPersonInvitation,

    /// <summary>The young person, from 16, takes control.</summary>
    TakeControl,

    /// <summary>Social care freezes or restores the family's access.</summary>
    FamilyAccessFreeze,

    /// <summary>A carer's own address and phone.</summary>
    OwnContactDetails,

    /// <summary>Issuing or revoking the child's emergency card: the family's sharing right (ADR 18).</summary>
    EmergencyCard,

    /// <summary>A health professional's emergency access: no relationship needed.</summary>
    BreakGlass,

    /// <summary>A professional joins the care team with a share code: no relationship needed.</summary>
    JoinCareTeam,

    /// <summary>A carer accepts an invitation: no relationship needed.</summary>
    AcceptCarerInvitation,

    /// <summary>The young person accepts an invitation: no relationship needed.</summary>
    AcceptYoungPersonInvitation,
}

/// <summary>Removing a linked carer: who may depends on who the carer is (see <see cref="WriteDecision"/>).</summary>
/// <param name="Carer">The subject of the carer removed.</param>
public sealed record CarerRemovalWrite(string Carer) : PassportWrite;

/// <summary>A change to one item that is not a new value: its group is found from the item itself.</summary>
/// <param name="ItemId">The item.</param>
/// <param name="Action">What is done to it.</param>
public sealed record ItemWrite(Guid ItemId, ItemAction Action) : PassportWrite;

/// <summary>What an <see cref="ItemWrite"/> does.</summary>
public enum ItemAction
{
    /// <summary>A professional of a recording sector confirms what the family reported.</summary>
    Verify,

    /// <summary>Withholds the item from the family (a professional) or from carers (the young person in control).</summary>
    Withhold,

    /// <summary>Shows a withheld item again.</summary>
    Release,
}
