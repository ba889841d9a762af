using System.Text.RegularExpressions;
using Passport.Sdk;

namespace Passport.Core.Passports;

/// <summary>One change in a passport's history, with the cursor that pages on from it.</summary>
public sealed partial record HistoryEntry(long Version, DateTimeOffset At, string Change, string? Group, Guid? ItemId, Provenance RecordedBy, string Cursor)
{
    /// <summary>"AllergyRecorded" reads as "Allergy recorded".</summary>
    public static string Describe(Type eventType)
    {
        var words = Words().Replace(eventType.Name, " $1").Trim();
        return words[..1] + words[1..].ToLowerInvariant();
    }

    [GeneratedRegex("(?<!^)([A-Z])")]
    private static partial Regex Words();
}
