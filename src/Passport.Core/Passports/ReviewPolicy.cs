namespace Passport.Core.Passports;

/// <summary>
/// How long information may go unreviewed before the passport shows it as due, so nobody relies
/// on stale information unknowingly. "About me" is 6 months (SPEC §4); other groups a year.
/// </summary>
public static class ReviewPolicy
{
    public static TimeSpan PeriodFor(string group) =>
        group == CoreFieldGroups.AboutMe ? TimeSpan.FromDays(183) : TimeSpan.FromDays(365);

    public static bool IsDue(string group, DateTimeOffset lastReviewed, DateTimeOffset now) =>
        now - lastReviewed > PeriodFor(group);
}
