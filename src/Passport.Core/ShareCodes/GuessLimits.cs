using Marten;
using Microsoft.Extensions.Configuration;
using Passport.Core.Access;
using Passport.Core.Passports;
using Passport.Core.Telemetry;
using Passport.Sdk;

namespace Passport.Core.ShareCodes;

/// <summary>
/// Share codes and invitations are short enough to read out, so guessing is limited: a person may
/// fail <see cref="PerAccount"/> times, an organisation <see cref="PerOrganisation"/> times, in
/// <see cref="Window"/>. Counting and checking happen in one transaction holding PostgreSQL
/// advisory locks on the account and the organisation, so parallel guesses are counted one after
/// another (on every host) and cannot slip past the limit. Every failure is audited.
/// </summary>
public sealed class GuessLimits(IDocumentStore store, CurrentViewer viewer, TimeProvider clock, IConfiguration configuration)
{
    public const int PerAccount = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    /// <summary>Failures one organisation's people may make together in the window (configurable: a large trust has many staff).</summary>
    public int PerOrganisation => configuration.GetValue("Passport:GuessLimits:PerOrganisation", 200);

    /// <summary>
    /// Runs <paramref name="check"/> (which looks the code up) if the viewer is within the limits.
    /// A check that returns a problem is recorded as a failure and answered with <paramref name="refusal"/>.
    /// </summary>
    public async Task<T> CheckAsync<T>(Func<IQuerySession, Task<(T? Found, string? Problem)>> check, string refusal, CancellationToken cancellationToken)
        where T : class
    {
        var who = viewer.Value;
        var now = clock.GetUtcNow();
        var since = now - Window;
        await using var session = store.LightweightSession();
        await session.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await LockAsync(session, "account:" + who.Subject, cancellationToken).ConfigureAwait(false);
        if (who.Organisation is { } organisation)
        {
            await LockAsync(session, "organisation:" + organisation, cancellationToken).ConfigureAwait(false);
        }

        var byAccount = await session.Query<ShareCodeAttempt>().CountAsync(a => a.Subject == who.Subject && a.At > since, cancellationToken).ConfigureAwait(false);
        var byOrganisation = who.Organisation is null
            ? 0
            : await session.Query<ShareCodeAttempt>().CountAsync(a => a.Organisation == who.Organisation && a.At > since, cancellationToken).ConfigureAwait(false);
        if (byAccount >= PerAccount || byOrganisation >= PerOrganisation)
        {
            await RecordAsync(session, "refused: too many failed attempts", now, cancellationToken).ConfigureAwait(false);
            throw new PassportException(ErrorCodes.RateLimited, $"Too many codes that did not work. Wait {Window.TotalMinutes:0} minutes, then ask for a new code.");
        }

        var (found, problem) = await check(session).ConfigureAwait(false);
        if (problem is not null || found is null)
        {
            await RecordAsync(session, problem ?? "not found", now, cancellationToken).ConfigureAwait(false);
            throw new PassportException(ErrorCodes.NotFound, refusal);
        }

        await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>A failure found after the check (e.g. a code used by someone else a moment before): audited too.</summary>
    public async Task RecordFailureAsync(string reason, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        await RecordAsync(session, reason, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    private static Task LockAsync(IDocumentSession session, string key, CancellationToken cancellationToken) =>
        // Held until the transaction ends: the next guess by the same account or organisation waits here.
        session.QueryAsync<int>("select 1 from pg_advisory_xact_lock(hashtextextended(?, 0))", cancellationToken, key);

    private async Task RecordAsync(IDocumentSession session, string reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        PassportTelemetry.CodeRedemptionFailed(reason);
        var who = viewer.Value;
        session.Insert(new ShareCodeAttempt { Id = Guid.CreateVersion7(now), Subject = who.Subject, DisplayName = who.DisplayName, Sector = who.Sector, Organisation = who.Organisation, At = now, Reason = reason });
        await session.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
