namespace Passport.Core.Impact;

/// <summary>
/// The region's impact measures (docs/impact.md defines each precisely). Every one is counted from
/// what the passport records about itself (its events and the access log), never from its content.
/// </summary>
public static class ImpactMeasures
{
    /// <summary>Passports created in the month, by the authority they were created for.</summary>
    public const string PassportsCreated = "passportsCreated";

    /// <summary>Passports changed or read by anyone in the month.</summary>
    public const string PassportsActive = "passportsActive";

    /// <summary>Share codes the family issued in the month, per sector.</summary>
    public const string ShareCodesIssued = "shareCodesIssued";

    /// <summary>Professionals who joined a care team by share code in the month, per sector.</summary>
    public const string ShareCodesRedeemed = "shareCodesRedeemed";

    /// <summary>Days on which a professional read a passport (once per passport, professional and day), per sector.</summary>
    public const string ProfessionalReads = "professionalReads";

    /// <summary>Passports held at the end of the month (rounded to the nearest 5).</summary>
    public const string PassportsHeld = "passportsHeld";

    /// <summary>Of those, passports whose About me was written or confirmed in the 6 months before (rounded to the nearest 5).</summary>
    public const string AboutMeCurrent = "aboutMeCurrent";

    /// <summary>Items the family reported (unverified) in the month.</summary>
    public const string ItemsReportedByFamily = "itemsReportedByFamily";

    /// <summary>Items a professional recorded or confirmed (verified) in the month.</summary>
    public const string ItemsVerifiedByProfessional = "itemsVerifiedByProfessional";

    /// <summary>Family-reported items a professional confirmed in the month.</summary>
    public const string FamilyItemsVerified = "familyItemsVerified";

    /// <summary>The median whole days from the family's report to a professional's confirmation, of those confirmed in the month.</summary>
    public const string MedianDaysToVerification = "medianDaysToVerification";

    /// <summary>Emergency (break-glass) accesses in the month.</summary>
    public const string BreakGlassUses = "breakGlassUses";

    /// <summary>Young people who took control of their passport (from 16) in the month.</summary>
    public const string ControlTaken = "controlTaken";

    /// <summary>Changes of school or nursery (a different setting after one was recorded) in the month.</summary>
    public const string EducationTransitions = "educationTransitions";

    /// <summary>Of those transitions, the ones an education professional joined by share code within <see cref="TransitionJoinDays"/> days.</summary>
    public const string TransitionsJoinedByShareCode = "transitionsJoinedByShareCode";

    /// <summary>How long after a change of setting an education professional's joining by share code counts for it.</summary>
    public const int TransitionJoinDays = 60;

    /// <summary>The measures counted per sector.</summary>
    public static IReadOnlySet<string> PerSector { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ShareCodesIssued, ShareCodesRedeemed, ProfessionalReads,
    };

    /// <summary>
    /// Counts of a state at the month's end rather than of things that happened in it: consecutive
    /// months of them differ by what happened in between, so they are rounded (docs/impact.md).
    /// </summary>
    public static IReadOnlySet<string> States { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        PassportsHeld, AboutMeCurrent,
    };

    /// <summary>Every measure, in the order the dashboard shows them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        PassportsCreated, PassportsActive, PassportsHeld, AboutMeCurrent,
        ShareCodesIssued, ShareCodesRedeemed, ProfessionalReads,
        ItemsReportedByFamily, ItemsVerifiedByProfessional, FamilyItemsVerified, MedianDaysToVerification,
        BreakGlassUses, ControlTaken, EducationTransitions, TransitionsJoinedByShareCode,
    ];
}
