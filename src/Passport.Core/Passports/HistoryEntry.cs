using System.Text.RegularExpressions;
using Passport.Sdk;

namespace Passport.Core.Passports;

/// <summary>One change in a passport's history, with the cursor that pages on from it.</summary>
public sealed partial record HistoryEntry(long Version, DateTimeOffset At, string Change, string? Group, Guid? ItemId, Provenance RecordedBy, string Cursor)
{
    /// <summary>
    /// The event's stored type name in words: <c>allergy_recorded</c> reads as "Allergy recorded".
    /// The stored name, not the CLR type's, because the recorded-item kit's events are generic
    /// (<c>ItemRecorded&lt;Allergy&gt;</c>) and take their names from the kind.
    /// </summary>
    public static string Describe(string eventTypeName)
    {
        var words = Words().Replace(eventTypeName, " ").Trim();
        return words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..].ToLowerInvariant();
    }

    [GeneratedRegex("[_ ]+")]
    private static partial Regex Words();
}
