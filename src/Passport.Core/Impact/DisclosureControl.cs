namespace Passport.Core.Impact;

/// <summary>
/// Statistical disclosure control (docs/impact.md): no published figure, nor any sum or difference
/// of published figures, is a count of fewer than <see cref="Threshold"/> children or events.
/// </summary>
public static class DisclosureControl
{
    /// <summary>Counts below this are shown as "fewer than 5".</summary>
    public const int Threshold = 5;

    /// <summary>
    /// The authorities whose count must not be shown in one additive group (one measure, sector
    /// and month across the 15 authorities, whose sum the region's figure shows). First every count
    /// under 5 (primary). Then, while the hidden counts add up to 1–4 (the region's figure minus the
    /// shown ones would reveal that small number), the smallest shown count is hidden too
    /// (secondary), ties broken by authority code so the choice is the same on every request.
    /// Hidden counts that add up to 0 reveal no child and need nothing more.
    /// </summary>
    /// <param name="counts">Every authority's count (an authority with nothing has 0).</param>
    /// <returns>The authorities to show as suppressed.</returns>
    public static IReadOnlySet<string> Suppressed(IReadOnlyDictionary<string, int> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var hidden = counts.Where(c => c.Value < Threshold).Select(c => c.Key).ToHashSet(StringComparer.Ordinal);
        var hiddenSum = hidden.Sum(a => counts[a]);
        while (hiddenSum is > 0 and < Threshold)
        {
            var next = counts
                .Where(c => !hidden.Contains(c.Key))
                .OrderBy(c => c.Value).ThenBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => (KeyValuePair<string, int>?)c)
                .FirstOrDefault();
            if (next is not { } shown)
            {
                // Everything is hidden: the region's own figure is then under 5 and hidden too.
                break;
            }

            hidden.Add(shown.Key);
            hiddenSum += shown.Value;
        }

        return hidden;
    }

    /// <summary>True when a single figure (e.g. the region's) must be hidden.</summary>
    public static bool IsSmall(int count) => count < Threshold;

    /// <summary>
    /// A count of a state at a month's end, rounded to the nearest 5: two months' counts differ by
    /// what happened in between, which may be fewer than 5 events.
    /// </summary>
    public static int Rounded(int count) => (int)(Math.Round(count / (double)Threshold, MidpointRounding.AwayFromZero) * Threshold);
}
