using System.Text.Json.Serialization;
using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Modules.SocialCare.LegalStatuses;

public enum LegalStatus
{
    None,
    ChildInNeed,
    ChildProtectionPlan,
    LookedAfter,
}

/// <summary>
/// The child's legal status as social care last recorded it. The passport has one legal status
/// record: a new status replaces the one before and keeps the record's id, and
/// <see cref="LegalStatus.None"/> is recorded like any other status (it is not ended, so the
/// history and the record say when social care last looked). There is no end mutation.
/// </summary>
public sealed record LegalStatusRecord(LegalStatus Status, DateOnly? Since, string? ResponsibleAuthority) : RecordedItem, ISocialCareLegalStatus
{
    /// <summary>While a child protection plan or looked after, the family cannot remove social care from the care team.</summary>
    [JsonIgnore]
    public bool IsStatutory => Status is LegalStatus.ChildProtectionPlan or LegalStatus.LookedAfter;

    internal static void Declare(ItemKind<SocialCareView, LegalStatusRecord> kind) => kind
        .Describe("the child's legal status", "Legal status", "The child's legal status as social care last recorded it; null when none has been recorded.")
        .TypeNames("LegalStatusRecord", "LegalStatusInput")
        .Mutations(end: "")
        .Choice("status", "What is the child's legal status?", "LegalStatus", [(LegalStatus.None, "None"), (LegalStatus.ChildInNeed, "Child in need"), (LegalStatus.ChildProtectionPlan, "Child protection plan"), (LegalStatus.LookedAfter, "Looked after")], required: true)
        .Date("since", "Since when (optional)", hint: "For example, 15 3 2024", description: "Since when; not in the future.")
        .Text("responsibleAuthority", "Responsible authority (optional)", description: "The local authority responsible for the child.")
        .Form("Record the legal status", "Save legal status");
}
