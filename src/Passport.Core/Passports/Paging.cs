using System.Buffers.Text;
using System.Text;
using Passport.Sdk;

namespace Passport.Core.Passports;

/// <summary>
/// Paging of lists that grow without bound (<c>history</c>, <c>myPassports</c>, <c>accessLog</c>,
/// <c>myNotifications</c>): <c>first</c> items (50 unless asked, at most 200; see each field for
/// the exceptions kept from before paging) after the item whose <c>cursor</c> is given as
/// <c>after</c>. A cursor is opaque to clients; it names only what the client already has (a
/// passport id, a version), never child data such as a name, so handing it back reveals nothing.
/// </summary>
public static class Paging
{
    public const int DefaultFirst = 50;
    public const int MaxFirst = 200;

    /// <summary>The page size asked for, or VALIDATION_FAILED naming <c>first</c>.</summary>
    public static int First(int first) =>
        first is >= 1 and <= MaxFirst ? first : throw PassportException.Invalid("first", $"first must be from 1 to {MaxFirst}.");

    /// <summary>The cursor of the <c>history</c> entry that a change made.</summary>
    public static string HistoryCursor(Guid passportId, long version) => Encode($"history:{passportId:N}:{version}");

    /// <summary>The version the history page starts below, or null from the newest change.</summary>
    public static long? HistoryAfter(string? after, Guid passportId)
    {
        if (after is null)
        {
            return null;
        }

        var parts = Decode(after).Split(':');
        return parts is ["history", var id, var version]
            && Guid.TryParseExact(id, "N", out var cursorPassport) && cursorPassport == passportId
            && long.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var below) && below > 0
                ? below
                : throw NotACursor();
    }

    /// <summary>The cursor of a passport in <c>myPassports</c>.</summary>
    public static string PassportCursor(Guid passportId) => Encode($"passport:{passportId:N}");

    /// <summary>The passport the page starts after, or null from the first.</summary>
    public static Guid? PassportAfter(string? after)
    {
        if (after is null)
        {
            return null;
        }

        var parts = Decode(after).Split(':');
        return parts is ["passport", var id] && Guid.TryParseExact(id, "N", out var passportId) ? passportId : throw NotACursor();
    }

    /// <summary>The cursor of an <c>accessLog</c> entry: the passport and the entry's id, nothing about who read it.</summary>
    public static string AccessLogCursor(Guid passportId, Guid entryId) => Encode($"access:{passportId:N}:{entryId:N}");

    /// <summary>The access-log entry of this passport the page starts below, or null from the newest.</summary>
    public static Guid? AccessLogAfter(string? after, Guid passportId)
    {
        if (after is null)
        {
            return null;
        }

        var parts = Decode(after).Split(':');
        return parts is ["access", var id, var entry]
            && Guid.TryParseExact(id, "N", out var cursorPassport) && cursorPassport == passportId
            && Guid.TryParseExact(entry, "N", out var entryId)
                ? entryId
                : throw NotACursor();
    }

    /// <summary>The cursor of a notification in <c>myNotifications</c>.</summary>
    public static string NotificationCursor(Guid notificationId) => Encode($"notification:{notificationId:N}");

    /// <summary>The notification the page starts below, or null from the newest.</summary>
    public static Guid? NotificationAfter(string? after)
    {
        if (after is null)
        {
            return null;
        }

        var parts = Decode(after).Split(':');
        return parts is ["notification", var id] && Guid.TryParseExact(id, "N", out var notificationId) ? notificationId : throw NotACursor();
    }

    /// <summary>
    /// A Marten <c>MatchesSql</c> condition: the documents of <paramref name="table"/> after the
    /// cursor's document (its id is the parameter) in newest-first (time, id) order, both compared
    /// by PostgreSQL as it stores them (a time sent from .NET would be rounded differently), on the
    /// expressions Marten indexes for <c>At</c>.
    /// </summary>
    /// <param name="table">The qualified document table, e.g. <c>audit.mt_doc_accesslogentry</c>.</param>
    public static string BelowCursorSql(string table) =>
        $"({PassportCoreRegistration.PassportSchemaName}.mt_immutable_timestamptz(d.data ->> 'At'), d.id) < " +
        $"(select {PassportCoreRegistration.PassportSchemaName}.mt_immutable_timestamptz(b.data ->> 'At'), b.id from {table} as b where b.id = ?)";

    public static PassportException NotACursor() =>
        PassportException.Invalid("after", "after must be the cursor of an item this list returned.");

    private static string Encode(string position) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(position));

    private static string Decode(string cursor)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
        }
        catch (FormatException)
        {
            throw NotACursor();
        }
    }
}
