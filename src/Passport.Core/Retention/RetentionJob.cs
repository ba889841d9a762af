using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Passport.Core.AccessLog;
using Passport.Core.Modules;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.Retention;

/// <summary>
/// Purges closed passports (SPEC §4). A run first records <see cref="PassportClosureObserved"/> on
/// each passport it sees closed for the first time, then purges those observed closed at least
/// <see cref="RetentionSettings.PurgeAfter"/> ago: the event stream, the core's view, share codes,
/// invitations, notifications and every module's documents, in one transaction per passport,
/// leaving a <see cref="PassportPurged"/> tombstone. The access log holds no child content (who,
/// when, on what basis, which groups), so it is kept for auditors for
/// <see cref="RetentionSettings.AccessLogYears"/> after the purge, then deleted. Every host runs
/// this loop; a PostgreSQL advisory lock lets one run at a time, and a run only changes what is
/// still there, so a second run (or a second node) changes nothing.
/// </summary>
public sealed class RetentionJob(
    IDocumentStore store,
    ModuleCatalog modules,
    RetentionSettings settings,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<RetentionJob> log) : BackgroundService
{
    public const string Actor = "retention job";

    /// <summary>The advisory-lock key of this job; any fixed number no other code uses.</summary>
    private const long LockKey = 0x5041_5353_5055_5247; // "PASSPURG"

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // After start-up, so the database schema has been applied.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }

        using var timer = new PeriodicTimer(settings.Interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The next run tries again; nothing is half-purged (one transaction per passport).
                log.LogError(e, "Retention run failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>One run: returns how many passports it purged, or null when another node held the lock.</summary>
    public async Task<int?> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var lockConnection = store.Storage.Database.CreateConnection();
        await lockConnection.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (!await AdvisoryLockAsync(lockConnection, "pg_try_advisory_lock", cancellationToken).ConfigureAwait(false))
        {
            log.LogInformation("Retention run skipped: another node is running it");
            return null;
        }

        try
        {
            await ObserveClosuresAsync(cancellationToken).ConfigureAwait(false);

            var purged = 0;
            foreach (var passportId in await DueForPurgeAsync(cancellationToken).ConfigureAwait(false))
            {
                await PurgeAsync(passportId, cancellationToken).ConfigureAwait(false);
                purged++;
                log.LogInformation("Retention purged closed passport {PassportId}", passportId);
            }

            await DeleteExpiredAccessLogsAsync(cancellationToken).ConfigureAwait(false);
            log.LogInformation("Retention run finished: {Purged} closed passports purged (purge after {PurgeAfter})", purged, settings.PurgeAfter);
            return purged;
        }
        finally
        {
            await AdvisoryLockAsync(lockConnection, "pg_advisory_unlock", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Records the day each passport is first seen closed, once: the retention period counts from it.</summary>
    private async Task ObserveClosuresAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = PassportClosure.Today(clock);

        // Every passport closes on or after its 25th birthday, so only those born by then can have closed.
        var bornBy = today.AddYears(-PassportClosure.ClosingAge);
        await using var session = store.LightweightSession();
        var candidates = await session.Query<PassportView>()
            .Where(p => p.DateOfBirth <= bornBy && p.ClosureObservedOn == null)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var closed = candidates.Where(p => p.ClosesOn <= today).ToList();
        if (closed.Count == 0)
        {
            return;
        }

        var by = new Provenance(Actor, "Retention job", "system", null, null, now, IsVerified: true);
        foreach (var passport in closed)
        {
            session.Events.Append(passport.Id, new PassportClosureObserved(today, by));
        }

        await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        log.LogInformation("Retention observed {Observed} passports closed for the first time", closed.Count);
    }

    private async Task<IReadOnlyList<Guid>> DueForPurgeAsync(CancellationToken cancellationToken)
    {
        // Observed closed on or before this day, and kept for PurgeAfter since.
        var observedBy = DateOnly.FromDateTime((clock.GetUtcNow() - settings.PurgeAfter).UtcDateTime);

        // Observed closed means closed, on or after the 25th birthday: only those born by then can be due.
        var bornBy = observedBy.AddYears(-PassportClosure.ClosingAge);
        await using var session = store.QuerySession();
        var candidates = await session.Query<PassportView>()
            .Where(p => p.DateOfBirth <= bornBy && p.ClosureObservedOn != null)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var today = PassportClosure.Today(clock);
        return candidates.Where(p => p.ClosureObservedOn <= observedBy && p.ClosesOn <= today).Select(p => p.Id).ToList();
    }

    private async Task PurgeAsync(Guid passportId, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Events.TombstoneStream(passportId);
        session.Delete<PassportView>(passportId);
        session.Delete<Impact.PassportImpact>(passportId);
        session.DeleteWhere<ShareCode>(c => c.PassportId == passportId);
        session.DeleteWhere<EmergencyCards.EmergencyCard>(c => c.PassportId == passportId);
        session.DeleteWhere<FamilyInvitation>(i => i.PassportId == passportId);
        session.DeleteWhere<Notification>(n => n.PassportId == passportId);
        session.DeleteWhere<Fhir.ImportedResource>(r => r.PassportId == passportId);

        // The access log stays: it holds no child content (who, when, on what basis, which
        // groups), and auditors must still be able to answer for past reads. It goes
        // AccessLogYears later (DeleteExpiredAccessLogsAsync).
        foreach (var module in modules.Modules)
        {
            module.PurgePassport(session, passportId);
        }

        session.Store(new PassportPurged { Id = passportId, PurgedAt = clock.GetUtcNow(), PurgedBy = Actor });
        await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the access log of each passport purged more than AccessLogYears ago, and notes it on the tombstone.</summary>
    private async Task DeleteExpiredAccessLogsAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var purgedBy = now.AddYears(-settings.AccessLogYears);
        await using var query = store.QuerySession();
        var expired = await query.Query<PassportPurged>()
            .Where(p => p.PurgedAt <= purgedBy && p.AccessLogDeletedAt == null)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var tombstone in expired)
        {
            await using var session = store.LightweightSession();
            session.DeleteWhere<AccessLogEntry>(e => e.PassportId == tombstone.Id);
            tombstone.AccessLogDeletedAt = now;
            session.Store(tombstone);
            await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        if (expired.Count > 0)
        {
            log.LogInformation("Retention deleted the access logs of {Deleted} passports purged {Years} years ago or more", expired.Count, settings.AccessLogYears);
        }
    }

    private static async Task<bool> AdvisoryLockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select {function}(@key)", connection);
        command.Parameters.AddWithValue("key", LockKey);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }
}
