using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Modules.SocialCare.Involvements;

/// <summary>
/// Social care's involvement: who is allocated to the child and which services they receive.
/// Recording it again amends the current involvement, keeping its id; after it ended, a new one
/// gets a new id. The day it ended decides whether the passport closes at the 25th or the 26th
/// birthday (SPEC §4), so the core reads its end through <see cref="ISocialCareInvolvement"/>.
/// </summary>
public sealed record Involvement(string? AllocatedWorker, string? WorkerContact, IReadOnlyList<string> Services) : RecordedItem, ISocialCareInvolvement
{
    internal static void Declare(ItemKind<SocialCareView, Involvement> kind) => kind
        .Describe("social-care involvement", "Social care involvement", "The allocated social worker or key worker and the services received; null when none is recorded or the involvement ended.")
        .Mutations(record: "recordInvolvement")
        .EndedOn("endedOn", "The day the involvement ended (default today, not in the future): when the child was 17 that day, the passport closes at the 26th birthday instead of the 25th.")
        .Text("allocatedWorker", "Allocated social worker or key worker (optional)")
        .Text("workerContact", "How to contact them (optional)", hint: "For example, a phone number or email address")
        .Lines("services", "Services the child gets (optional)", hint: "Put each service on a new line, for example, short breaks", description: "The services the child receives, e.g. short breaks; at most 50.")
        .Form("Record social care involvement", "Save involvement");
}
