using Passport.Sdk;

namespace Passport.Modules.Education;

/// <summary>Sanity checks for the dates education records carry.</summary>
internal static class EducationDates
{
    /// <summary>
    /// Nothing education records about a child predates their birth, and a passport closes by the
    /// 26th birthday, so a date further back than this is a mistake.
    /// </summary>
    private const int OldestYears = 26;

    /// <summary>A date that has happened: not in the future, and not before the child can have been born.</summary>
    public static DateOnly? Past(string field, DateOnly? date, DateOnly today)
    {
        if (date > today)
        {
            throw PassportException.Invalid(field, $"{field} cannot be in the future.");
        }

        return date < today.AddYears(-OldestYears)
            ? throw PassportException.Invalid(field, $"{field} cannot be more than {OldestYears} years ago.")
            : date;
    }

    /// <summary>A date that may be ahead, up to <paramref name="maxYearsAhead"/> years, and not before the child can have been born.</summary>
    public static DateOnly? Planned(string field, DateOnly? date, DateOnly today, int maxYearsAhead)
    {
        if (date > today.AddYears(maxYearsAhead))
        {
            throw PassportException.Invalid(field, $"{field} cannot be more than {maxYearsAhead} years ahead.");
        }

        return date < today.AddYears(-OldestYears)
            ? throw PassportException.Invalid(field, $"{field} cannot be more than {OldestYears} years ago.")
            : date;
    }
}
