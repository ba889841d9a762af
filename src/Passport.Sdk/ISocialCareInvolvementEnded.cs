namespace Passport.Sdk;

/// <summary>
/// A passport event saying social care's involvement with the child ended. The core reads it to
/// decide when the passport closes (SPEC §4: the 26th birthday instead of the 25th when the
/// involvement ended at 17), without knowing the module that records it.
/// </summary>
public interface ISocialCareInvolvementEnded : IPassportEvent
{
    /// <summary>The field group the end belongs to: who may see the involvement may see its consequence.</summary>
    const string Group = "socialCare.involvement";

    /// <summary>The day the involvement ended (which may be before the day it was recorded).</summary>
    DateOnly InvolvementEndedOn { get; }
}
