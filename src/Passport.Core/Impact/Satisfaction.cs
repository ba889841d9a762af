using Marten;
using Passport.Core.Access;
using Passport.Sdk;

namespace Passport.Core.Impact;

/// <summary>The journeys after which the web app asks how it went.</summary>
public enum SatisfactionJourney
{
    /// <summary>A family created a passport.</summary>
    CreatedPassport,

    /// <summary>A family gave a professional a share code.</summary>
    SharedPassport,

    /// <summary>A professional joined by share code and read the passport.</summary>
    ReadPassport,
}

/// <summary>
/// One answer to "how easy was this?". Kept apart from passports (its own schema) and from people:
/// no passport, no subject, no role, and only the month, not the moment, so it cannot be matched
/// to an access-log entry or a change. Its id is random (not time-ordered) for the same reason.
/// </summary>
public sealed class SatisfactionAnswer
{
    public Guid Id { get; set; }
    public SatisfactionJourney Journey { get; set; }

    /// <summary>1 (very hard) to 5 (very easy).</summary>
    public int Score { get; set; }

    public string? Comment { get; set; }

    /// <summary>The first day of the month it was given in.</summary>
    public DateOnly Month { get; set; }
}

/// <summary>How one journey went in one month, after disclosure control.</summary>
/// <param name="Journey">The journey asked about.</param>
/// <param name="Month">The first day of the month.</param>
/// <param name="Answers">How many answered; null when fewer than 5.</param>
/// <param name="AverageScore">The mean score to one decimal place; null when fewer than 5 answered.</param>
/// <param name="Comments">What people wrote, in alphabetical order (not the order given); null when fewer than 5 answered.</param>
public sealed record SatisfactionFigure(SatisfactionJourney Journey, DateOnly Month, int? Answers, double? AverageScore, IReadOnlyList<string>? Comments)
{
    public bool IsSuppressed => Answers is null;
}

/// <summary>Records the optional question after a journey: anyone who made the journey may answer.</summary>
public sealed class SatisfactionAnswers(IDocumentSession session, CurrentViewer viewer, TimeProvider clock)
{
    public const int LongestComment = 1000;

    public async Task RecordAsync(SatisfactionJourney journey, int score, string? comment, CancellationToken cancellationToken)
    {
        var who = viewer.Value;
        if (!(who.IsCarer || who.IsYoungPerson || who.IsProfessional))
        {
            throw PassportException.Forbidden("Only families and professionals answer how their journey went.");
        }

        if (score is < 1 or > 5)
        {
            throw PassportException.Invalid("score", "score must be between 1 and 5.");
        }

        session.Store(new SatisfactionAnswer
        {
            Id = Guid.NewGuid(),
            Journey = journey,
            Score = score,
            Comment = InputRules.Optional("comment", comment, LongestComment),
            Month = PassportImpactProjection.MonthOf(clock.GetUtcNow()),
        });
        await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Satisfaction by journey and month, region-wide (answers know no authority), suppressed under 5.</summary>
public static class SatisfactionFigures
{
    public static async Task<IReadOnlyList<SatisfactionFigure>> ReadAsync(IDocumentStore store, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        await using var session = store.QuerySession();
        var answers = await session.Query<SatisfactionAnswer>()
            .Where(a => a.Month >= first && a.Month <= last)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var months = Enumerable.Range(0, ((last.Year - first.Year) * 12) + last.Month - first.Month + 1).Select(first.AddMonths);
        return [.. months.SelectMany(month => Enum.GetValues<SatisfactionJourney>().Select(journey =>
        {
            var given = answers.Where(a => a.Month == month && a.Journey == journey).ToList();
            return DisclosureControl.IsSmall(given.Count)
                ? new SatisfactionFigure(journey, month, null, null, null)
                : new SatisfactionFigure(
                    journey,
                    month,
                    given.Count,
                    Math.Round(given.Average(a => a.Score), 1, MidpointRounding.AwayFromZero),
                    [.. given.Select(a => a.Comment).OfType<string>().Order(StringComparer.Ordinal)]);
        }))];
    }
}
