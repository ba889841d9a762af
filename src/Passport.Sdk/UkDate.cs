namespace Passport.Sdk;

/// <summary>
/// The calendar day in the UK (Europe/London), which every date rule counts from: "today", ages,
/// review dates. A UTC date would move the day at 23:00 or 00:00 depending on the season.
/// </summary>
public static class UkDate
{
    private static readonly TimeZoneInfo London =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var london) ? london : TimeZoneInfo.Utc;

    /// <summary>The UK calendar day of an instant.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns>The day in Europe/London.</returns>
    public static DateOnly Of(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);

    /// <summary>Today in the UK by a clock.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>Today in Europe/London.</returns>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return Of(clock.GetUtcNow());
    }

    /// <summary>Whole years of age on a day.</summary>
    /// <param name="dateOfBirth">The date of birth.</param>
    /// <param name="on">The day.</param>
    /// <returns>The age in years.</returns>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly on) =>
        on.Year - dateOfBirth.Year - (on < dateOfBirth.AddYears(on.Year - dateOfBirth.Year) ? 1 : 0);
}
