using Passport.Sdk;

namespace Passport.Core.Passports;

/// <summary>
/// When a passport closes (SPEC §4): at the 25th birthday, or at the 26th when social care's
/// involvement ended when the child was 17. This follows the NHS Records Management Code of
/// Practice for children's records ("until the 25th birthday, or 26th if the young person was 17
/// at the conclusion of treatment"). See docs/adr/0009-closure-and-retention.md.
/// </summary>
public static class PassportClosure
{
    public const int ClosingAge = 25;

    /// <summary>A child whose social-care involvement ended at this age keeps the passport a year longer.</summary>
    public const int AgeAtInvolvementEndThatExtends = 17;

    /// <summary>
    /// The closing day. A 29 February birthday closes on 28 February in a common year
    /// (<see cref="DateOnly.AddYears"/>): never later than the birthday the law counts.
    /// </summary>
    public static DateOnly ClosesOn(DateOnly dateOfBirth, DateOnly? socialCareInvolvementEndedOn) =>
        socialCareInvolvementEndedOn is { } ended && AgeOn(dateOfBirth, ended) == AgeAtInvolvementEndThatExtends
            ? dateOfBirth.AddYears(ClosingAge + 1)
            : dateOfBirth.AddYears(ClosingAge);

    /// <summary>
    /// Today as the passport's rules count days: the UK day (Europe/London), the same "today" as
    /// every date rule of the modules' items (<see cref="UkDate"/>), so a passport closes at
    /// midnight UK time on the birthday, in summer as in winter.
    /// </summary>
    public static DateOnly Today(TimeProvider clock) => UkDate.Today(clock);

    public static int AgeOn(DateOnly dateOfBirth, DateOnly day)
    {
        var age = day.Year - dateOfBirth.Year;
        return dateOfBirth.AddYears(age) > day ? age - 1 : age;
    }
}
