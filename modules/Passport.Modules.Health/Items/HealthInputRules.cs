using Passport.Sdk;

namespace Passport.Modules.Health.Items;

/// <summary>Checks on health input beyond the SDK's <see cref="InputRules"/>, so every kind reads the same.</summary>
internal static class HealthInputRules
{
    /// <summary>Longest note-like text (a reaction, how I take my medicine, equipment notes).</summary>
    public const int NoteText = InputRules.ShortText * 5;

    /// <summary>
    /// No passport reaches further back than this: it is closed at the 25th birthday, or the 26th.
    /// The module does not read the child's date of birth (the core's), so this is the bound.
    /// </summary>
    private const int OldestYears = 26;

    private static readonly TimeZoneInfo RegionTime =
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/London", out var london) ? london : TimeZoneInfo.Utc;

    /// <summary>A date something happened: not after the day it is recorded (in the UK) and not before a child's passport could begin.</summary>
    /// <param name="field">The input field, e.g. <c>input.givenOn</c>.</param>
    /// <param name="date">The date.</param>
    /// <param name="recordedBy">Who records it, and when.</param>
    /// <returns>The date.</returns>
    public static DateOnly PastDate(string field, DateOnly date, Provenance recordedBy)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(recordedBy.RecordedAt, RegionTime).Date);
        if (date > today)
        {
            throw PassportException.Invalid(field, $"{field} cannot be in the future.");
        }

        return date >= today.AddYears(-OldestYears)
            ? date
            : throw PassportException.Invalid(field, $"{field} cannot be more than {OldestYears} years ago.");
    }

    /// <summary>An optional date something happened; see <see cref="PastDate"/>.</summary>
    public static DateOnly? OptionalPastDate(string field, DateOnly? date, Provenance recordedBy) =>
        date is { } value ? PastDate(field, value, recordedBy) : null;

    /// <summary>An optional measurement within the range a child's can plausibly be.</summary>
    /// <param name="field">The input field, e.g. <c>input.heightCm</c>.</param>
    /// <param name="value">The measurement.</param>
    /// <param name="min">The smallest plausible value.</param>
    /// <param name="max">The largest plausible value.</param>
    /// <returns>The measurement, or null.</returns>
    public static double? Measurement(string field, double? value, double min, double max) =>
        value is null || (value >= min && value <= max)
            ? value
            : throw PassportException.Invalid(field, $"{field} must be between {min} and {max}.");
}
