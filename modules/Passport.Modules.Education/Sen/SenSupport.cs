using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Modules.Education.Sen;

public enum SenSupportLevel
{
    None,
    SenSupport,
    Ehcp,
}

public enum EhcpStatus
{
    None,
    Requested,
    Assessing,
    Issued,
    Ceased,
}

/// <summary>
/// The child's special educational needs support and EHCP. Setting it again amends the current
/// record, keeping its id; after SEN support ended, a new record gets a new id.
/// </summary>
public sealed record SenSupport(
    SenSupportLevel Level,
    EhcpStatus EhcpStatus,
    DateOnly? EhcpDate,
    DateOnly? EhcpReviewDate,
    string? Needs,
    string? ReasonableAdjustments,
    string? HealthcarePlanInSchool) : RecordedItem
{
    internal static void Declare(ItemKind<EducationView, SenSupport> kind) => kind
        .Describe("SEN support", "Special educational needs support", "Special educational needs support; null when none is recorded.")
        .TypeNames("SenSupport", "SenInput")
        .Choice("level", "What support does the child get?", "SenSupportLevel", [(SenSupportLevel.None, "None"), (SenSupportLevel.SenSupport, "SEN support"), (SenSupportLevel.Ehcp, "Education, health and care plan (EHCP)")], required: true)
        .Choice("ehcpStatus", "Where is the EHCP up to?", "EhcpStatus", [(EhcpStatus.None, "No EHCP"), (EhcpStatus.Requested, "Requested"), (EhcpStatus.Assessing, "Being assessed"), (EhcpStatus.Issued, "Issued"), (EhcpStatus.Ceased, "Ceased")], required: true)
        .Date("ehcpDate", "Date the EHCP was issued or last changed (optional)", hint: "For example, 15 3 2024", description: "When the EHCP was issued, or its status last changed; not in the future.")
        .Date("ehcpReviewDate", "Date of the next EHCP review (optional)", hint: "This can be up to 2 years from today", futureYears: 2, description: "When the EHCP's next annual review is due; not before ehcpDate, at most 2 years ahead.")
        .LongText("needs", "The child's needs (optional)")
        .LongText("reasonableAdjustments", "Reasonable adjustments (optional)")
        .LongText("healthcarePlanInSchool", "Individual healthcare plan in school (optional)", description: "The individual healthcare plan in school.")
        .Validate(sen => sen.EhcpReviewDate < sen.EhcpDate
            ? throw PassportException.Invalid("input.ehcpReviewDate", "input.ehcpReviewDate cannot be before input.ehcpDate.")
            : sen)
        .Form("Record special educational needs support", "Save SEN support");
}
