using Marten.Events.Aggregation;
using Passport.Core.AboutMe;
using Passport.Core.BreakGlass;
using Passport.Core.CareTeam;
using Passport.Core.ChildDetails;
using Passport.Core.Control;
using Passport.Core.Passports;
using Passport.Core.Reviews;
using Passport.Core.ShareCodes;
using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Core.Impact;

/// <summary>
/// What one passport contributes to the region's impact measures: dated facts (what happened, in
/// which month, for which authority and sector) and the little state needed to derive them. It
/// holds no content: no name, no date of birth, nothing anyone wrote. Projected inline from the
/// passport's stream, so the measures never need to replay 1.2 million streams.
/// </summary>
public sealed class PassportImpact
{
    public Guid Id { get; set; }

    /// <summary>The passport's home authority now (facts keep the one they happened under).</summary>
    public string LocalAuthority { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>What happened, month by month.</summary>
    public List<ImpactFact> Facts { get; set; } = [];

    /// <summary>When About me was written or confirmed as still correct.</summary>
    public List<DateTimeOffset> AboutMeReviewedAt { get; set; } = [];

    /// <summary>Items the family reported that no professional has confirmed yet: item → when reported.</summary>
    public Dictionary<Guid, DateTimeOffset> AwaitingVerification { get; set; } = [];

    /// <summary>The school or nursery recorded last, if any.</summary>
    public string? EducationSetting { get; set; }

    /// <summary>The last change of setting no education professional has joined for yet, if within its window.</summary>
    public DateTimeOffset? OpenTransitionAt { get; set; }

    /// <summary>The first day of each month something changed on the passport.</summary>
    public List<DateOnly> ChangedInMonths { get; set; } = [];
}

/// <summary>One thing that happened to a passport, counted in a measure.</summary>
/// <param name="Measure">One of <see cref="ImpactMeasures"/> (or <see cref="PassportImpactProjection.Changed"/>).</param>
/// <param name="LocalAuthority">The passport's home authority when it happened.</param>
/// <param name="Month">The first day of the month (UK calendar) it happened in.</param>
/// <param name="Sector">For measures counted per sector.</param>
/// <param name="Days">For a verification: whole days since the family reported the item.</param>
public sealed record ImpactFact(string Measure, string LocalAuthority, DateOnly Month, string? Sector = null, int? Days = null);

/// <summary>Projects <see cref="PassportImpact"/> from the passport stream.</summary>
public sealed class PassportImpactProjection : SingleStreamProjection<PassportImpact, Guid>
{
    /// <summary>A fact for "active": the passport changed in the month (reads come from the access log).</summary>
    public const string Changed = "changed";

    /// <summary>The role the service's own jobs record under (the retention job).</summary>
    private const string SystemRole = "system";

    public static PassportImpact Create(PassportCreated created)
    {
        var impact = new PassportImpact
        {
            Id = created.PassportId,
            LocalAuthority = created.LocalAuthority,
            CreatedAt = created.CreatedBy.RecordedAt,
        };
        Add(impact, ImpactMeasures.PassportsCreated, created.CreatedBy.RecordedAt);
        return Touched(impact, created.CreatedBy.RecordedAt);
    }

    /// <summary>Every change by a person marks the month active; the few that a measure counts add their fact.</summary>
    public static PassportImpact Apply(IPassportEvent change, PassportImpact impact)
    {
        var at = change.RecordedBy.RecordedAt;
        if (change.RecordedBy.Role == SystemRole)
        {
            // The retention job noting a closed passport is nobody using it.
            return impact;
        }

        switch (change)
        {
            case ChildDetailsUpdated updated:
                impact.LocalAuthority = updated.LocalAuthority;
                break;
            case AboutMeUpdated:
            case SectionReviewed { Group: CoreFieldGroups.AboutMe }:
                impact.AboutMeReviewedAt.Add(at);
                break;
            case ShareCodeIssued issued:
                Add(impact, ImpactMeasures.ShareCodesIssued, at, issued.Sector);
                break;
            case CareTeamMemberJoined { HowJoined: CareTeamMemberJoined.ByShareCode } joined:
                Add(impact, ImpactMeasures.ShareCodesRedeemed, at, joined.Sector);
                if (joined.Sector == Sectors.Education && impact.OpenTransitionAt is { } transition
                    && at - transition <= TimeSpan.FromDays(ImpactMeasures.TransitionJoinDays))
                {
                    // Counted in the month of the transition, beside the transition itself.
                    Add(impact, ImpactMeasures.TransitionsJoinedByShareCode, transition);
                    impact.OpenTransitionAt = null;
                }

                break;
            case BreakGlassUsed:
                Add(impact, ImpactMeasures.BreakGlassUses, at);
                break;
            case YoungPersonTookControl:
                Add(impact, ImpactMeasures.ControlTaken, at);
                break;
            case ItemVerified verified:
                Verified(impact, verified.ItemId, at);
                break;
            case IItemChange { Current: { } item } itemChange:
                Recorded(impact, itemChange, item, at);
                break;
        }

        return Touched(impact, at);
    }

    private static void Recorded(PassportImpact impact, IItemChange change, RecordedItem item, DateTimeOffset at)
    {
        if (change.RecordedBy.IsVerified)
        {
            Verified(impact, change.ItemId, at);
        }
        else if (change.RecordedBy.Role is Viewer.CarerRole or Viewer.YoungPersonRole)
        {
            Add(impact, ImpactMeasures.ItemsReportedByFamily, at);
            impact.AwaitingVerification[change.ItemId] = at;
        }

        if (item is IEducationSetting setting)
        {
            var name = setting.SettingName.Trim();
            if (impact.EducationSetting is { } before && !string.Equals(before, name, StringComparison.OrdinalIgnoreCase))
            {
                Add(impact, ImpactMeasures.EducationTransitions, at);
                impact.OpenTransitionAt = at;
            }

            impact.EducationSetting = name;
        }
    }

    /// <summary>A professional recorded or confirmed an item; if the family had reported it, how long that took.</summary>
    private static void Verified(PassportImpact impact, Guid itemId, DateTimeOffset at)
    {
        Add(impact, ImpactMeasures.ItemsVerifiedByProfessional, at);
        if (impact.AwaitingVerification.Remove(itemId, out var reportedAt))
        {
            var days = (int)Math.Floor((at - reportedAt).TotalDays);
            Add(impact, ImpactMeasures.FamilyItemsVerified, at, days: Math.Max(0, days));
        }
    }

    private static PassportImpact Touched(PassportImpact impact, DateTimeOffset at)
    {
        var month = MonthOf(at);
        if (!impact.ChangedInMonths.Contains(month))
        {
            impact.ChangedInMonths.Add(month);
            impact.Facts.Add(new ImpactFact(Changed, impact.LocalAuthority, month));
        }

        return impact;
    }

    private static void Add(PassportImpact impact, string measure, DateTimeOffset at, string? sector = null, int? days = null) =>
        impact.Facts.Add(new ImpactFact(measure, impact.LocalAuthority, MonthOf(at), sector, days));

    /// <summary>The first day of the UK calendar month of an instant.</summary>
    public static DateOnly MonthOf(DateTimeOffset at)
    {
        var day = UkDate.Of(at);
        return new DateOnly(day.Year, day.Month, 1);
    }
}
