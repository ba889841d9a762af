using Passport.Core.Modules;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.Access;

/// <summary>
/// The one access decision (SPEC §4): relationship, then the region's policy, then the family's
/// sharing choices. Every path to passport data (reads and writes, API and pages) comes here.
/// </summary>
public sealed class AccessDecision(SharingPolicy policy, ModuleCatalog modules, TimeProvider clock)
{
    public static readonly TimeSpan BreakGlassLasts = TimeSpan.FromHours(24);

    private static readonly IReadOnlySet<string> NothingVisible = new HashSet<string>();

    /// <summary>
    /// The grant for a viewer on a passport, or null when there is no relationship. A closed
    /// passport (SPEC §4) is refused with PASSPORT_CLOSED to those with a relationship: they may
    /// know it existed; to anyone else it stays NOT_FOUND. Auditors read access logs without a
    /// grant, so a closed passport's log stays theirs until the retention job purges it.
    /// </summary>
    public AccessGrant? Decide(Viewer viewer, PassportView passport)
    {
        var grant = Relationship(viewer, passport);
        return grant is not null && IsClosed(passport) ? throw PassportException.Closed() : grant;
    }

    /// <summary>Whether the passport has closed: from its closing day on, nobody sees or changes it.</summary>
    public bool IsClosed(PassportView passport) => passport.ClosesOn <= PassportClosure.Today(clock);

    private AccessGrant? Relationship(Viewer viewer, PassportView passport)
    {
        // A frozen family keeps its relationship (the passport is not hidden) but sees nothing.
        if (viewer.IsCarer && passport.Carers.Any(c => c.Subject == viewer.Subject && c.Rights.MayView))
        {
            return new AccessGrant(viewer, AccessBasis.Carer, passport.IsFamilyAccessFrozen ? NothingVisible : FamilyGroups(), Withheld(passport, WithheldFrom.Carers, WithheldFrom.Family));
        }

        if (viewer.IsYoungPerson && passport.YoungPersonSubject == viewer.Subject)
        {
            return new AccessGrant(viewer, AccessBasis.YoungPerson, passport.IsFamilyAccessFrozen ? NothingVisible : FamilyGroups(), Withheld(passport, WithheldFrom.Family));
        }

        // A member acts for the sector and organisation they joined for: a token that says otherwise
        // (another organisation, or a handover to someone who is not a colleague) gets nothing.
        if (viewer.IsProfessional && passport.CareTeam.Any(m => m.Subject == viewer.Subject && m.Sector == viewer.Sector && m.Organisation == viewer.Organisation))
        {
            return new AccessGrant(viewer, AccessBasis.CareTeam, SectorGroups(viewer.Sector!, passport));
        }

        if (viewer.IsProfessional && viewer.Sector == Sectors.Health
            && passport.BreakGlass.TryGetValue(viewer.Subject, out var until) && until > clock.GetUtcNow())
        {
            // The emergency view is the region's to define (its policy file's breakGlass.groups).
            return new AccessGrant(viewer, AccessBasis.BreakGlass, policy.BreakGlassGroups);
        }

        return null;
    }

    private static HashSet<Guid>? Withheld(PassportView passport, params WithheldFrom[] audiences) =>
        passport.WithheldItems.Count == 0 ? null : passport.WithheldItems.Where(w => audiences.Contains(w.Value)).Select(w => w.Key).ToHashSet();

    private HashSet<string> FamilyGroups() =>
        modules.AllGroups.Where(g => !policy.IsHiddenFromFamily(g)).ToHashSet(StringComparer.Ordinal);

    private HashSet<string> SectorGroups(string sector, PassportView passport) =>
        modules.AllGroups.Where(group => IsShared(sector, group, passport)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether a sector sees a group of this passport: the policy's level and the family's choice.</summary>
    public bool IsShared(string sector, string group, PassportView passport)
    {
        bool? choice = passport.SharingChoices.TryGetValue(sector, out var choices) && choices.TryGetValue(group, out var shared) ? shared : null;
        return policy.LevelFor(sector, group) switch
        {
            SharingLevel.Always => true,
            SharingLevel.Default => choice ?? true,
            SharingLevel.OptIn => choice ?? false,
            _ => false,
        };
    }

    /// <summary>The passport's current sharing, every sector × every group, as the family sees it.</summary>
    public IEnumerable<SharingSetting> SharingOf(PassportView passport) =>
        from sector in policy.Sectors
        from grp in KnownGroups()
        let level = policy.LevelFor(sector, grp)
        select new SharingSetting(sector, grp, level, IsShared(sector, grp, passport), level is SharingLevel.Default or SharingLevel.OptIn);

    public SharingLevel LevelFor(string sector, string group) => policy.LevelFor(sector, group);

    public bool IsKnownGroup(string group) => KnownGroups().Contains(group);

    /// <summary>Groups of loaded modules and groups the policy names (for modules a region has not loaded yet).</summary>
    private IEnumerable<string> KnownGroups() => modules.AllGroups.Union(policy.Groups, StringComparer.Ordinal);

    public bool IsKnownSector(string sector) => policy.Sectors.Contains(sector);

    /// <summary>The professional sectors the policy names.</summary>
    public IReadOnlyList<string> PolicySectors => policy.Sectors;
}

public sealed record SharingSetting(string Sector, string Group, SharingLevel Level, bool IsShared, bool FamilyMayChange);
