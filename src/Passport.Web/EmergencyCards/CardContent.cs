namespace Passport.Web.EmergencyCards;

/// <summary>
/// What the emergency card shows, the same on the printed card and the lock-screen image: the
/// child's first name (the name they are known by) and up to three things you must know, taken
/// from the first lines of About me's "Things you must know about me" in the family's own words.
/// </summary>
/// <remarks>
/// Only About me, not the first screen's other blocks: it is the family's own summary of what a
/// stranger must know first, they choose its order, and changing it is theirs. A line too long for
/// the card is shortened at a word, and the page says so; nothing is left out silently.
/// </remarks>
/// <param name="FirstName">The preferred name, else the given name.</param>
/// <param name="Things">At most <see cref="MaxThings"/> lines, each at most <see cref="MaxLength"/> characters.</param>
/// <param name="LeftOut">How many further lines did not fit.</param>
/// <param name="IsShortened">True when a line was shortened to fit.</param>
public sealed record CardContent(string FirstName, IReadOnlyList<string> Things, int LeftOut, bool IsShortened)
{
    public const int MaxThings = 3;

    /// <summary>The longest line that still fits the wallet card at a readable size.</summary>
    public const int MaxLength = 70;

    public static CardContent From(string? givenName, string? preferredName, string? mustKnow)
    {
        var name = (string.IsNullOrWhiteSpace(preferredName) ? givenName : preferredName)?.Trim() ?? "";
        var lines = (mustKnow ?? "")
            .Split('\n')
            .Select(line => line.Trim().TrimStart('-', '*', '•', '·').Trim())
            .Where(line => line.Length > 0)
            .ToList();
        var things = lines.Take(MaxThings).Select(Shorten).ToList();
        return new CardContent(name, things, Math.Max(0, lines.Count - MaxThings), lines.Take(MaxThings).Any(l => l.Length > MaxLength));
    }

    private static string Shorten(string line)
    {
        if (line.Length <= MaxLength)
        {
            return line;
        }

        var cut = line.LastIndexOf(' ', MaxLength - 1);
        return line[..(cut > MaxLength / 2 ? cut : MaxLength - 1)].TrimEnd(' ', ',', ';', ':', '.') + "…";
    }
}
