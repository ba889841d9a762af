using Passport.Core.Modules;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.Access;

/// <summary>
/// The one access decision (SPEC §4): relationship, then the region's policy, then the family's
/// sharing choices. Every path to passport data (reads and writes, API and pages) comes here.
/// </summary>
public sealed class AccessDecision(SharingPolicy policy, ModuleCatalog modules)
{
    /// <summary>The grant for a viewer on a passport, or null when there is no relationship.</summary>
    public AccessGrant? Decide(Viewer viewer, PassportView passport)
    {
        if (viewer.IsCarer && passport.Carers.Any(c => c.Subject == viewer.Subject && c.Rights.MayView))
        {
            return new AccessGrant(viewer, AccessBasis.Carer, FamilyGroups());
        }

        if (viewer.IsYoungPerson && passport.YoungPersonSubject == viewer.Subject)
        {
            return new AccessGrant(viewer, AccessBasis.YoungPerson, FamilyGroups());
        }

        if (viewer.IsProfessional && passport.CareTeam.Any(m => m.Subject == viewer.Subject && m.Sector == viewer.Sector))
        {
            return new AccessGrant(viewer, AccessBasis.CareTeam, SectorGroups(viewer.Sector!, passport));
        }

        return null;
    }

    /// <summary>
    /// Whether the viewer may record into a group, and as what. Family reports are unverified;
    /// a professional of the sector that owns the group records verified facts.
    /// </summary>
    public Provenance AuthorizeRecording(Viewer viewer, PassportView passport, string group, DateTimeOffset now)
    {
        var grant = Decide(viewer, passport) ?? throw PassportException.NotFound();
        if (!grant.MaySee(group))
        {
            throw PassportException.Forbidden($"You may not record in '{group}' of this passport.");
        }

        bool isVerified;
        switch (grant.Basis)
        {
            case AccessBasis.Carer when passport.Carers.Single(c => c.Subject == viewer.Subject).Rights.MayEdit:
            case AccessBasis.YoungPerson:
                isVerified = false;
                break;
            case AccessBasis.CareTeam:
                var owner = modules.OwningSectorOf(group);
                if (owner is not null && owner != viewer.Sector)
                {
                    throw PassportException.Forbidden($"Only {owner} professionals or the family record '{group}'.");
                }

                isVerified = true;
                break;
            default:
                throw PassportException.Forbidden("You may not change this passport.");
        }

        return new Provenance(viewer.Subject, viewer.DisplayName, viewer.RecordingRole, viewer.Sector, viewer.Organisation, now, isVerified);
    }

    private HashSet<string> FamilyGroups() =>
        modules.AllGroups.Where(g => !policy.IsHiddenFromFamily(g)).ToHashSet(StringComparer.Ordinal);

    private HashSet<string> SectorGroups(string sector, PassportView passport)
    {
        var choices = passport.SharingChoices.GetValueOrDefault(sector);
        var visible = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in modules.AllGroups)
        {
            var choice = choices is not null && choices.TryGetValue(group, out var shared) ? shared : (bool?)null;
            var isShared = policy.LevelFor(sector, group) switch
            {
                SharingLevel.Always => true,
                SharingLevel.Default => choice ?? true,
                SharingLevel.OptIn => choice ?? false,
                _ => false,
            };
            if (isShared)
            {
                visible.Add(group);
            }
        }

        return visible;
    }
}
