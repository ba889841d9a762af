namespace Passport.Sdk;

/// <summary>
/// A recorded item that is social care's involvement with the child. When one ends, the core reads
/// the day it ended (<see cref="Items.IItemEnded.EndedOn"/> of an end whose
/// <see cref="Items.IItemChange.ItemType"/> implements this) to decide when the passport closes
/// (SPEC §4: the 26th birthday instead of the 25th when the involvement ended at 17), without
/// knowing the module that records it.
/// </summary>
public interface ISocialCareInvolvement
{
    /// <summary>The involvement's field group: who may see the involvement may see its consequence.</summary>
    const string Group = "socialCare.involvement";
}
