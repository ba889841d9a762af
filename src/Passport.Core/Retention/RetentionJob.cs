using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Passport.Core.AccessLog;
using Passport.Core.Modules;
using Passport.Core.Passports;

namespace Passport.Core.Retention;

/// <summary>
/// Purges passports that closed more than <see cref="RetentionSettings.PurgeAfter"/> ago (SPEC §4):
/// the event stream, the core's view, share codes, invitations, notifications, the access log and
/// every module's documents, in one transaction per passport, leaving a <see cref="PassportPurged"/>
/// tombstone. Every host runs this loop; a PostgreSQL advisory lock lets one run at a time, and a
/// run only deletes what is still there, so a second run (or a second node) changes nothing.
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
            var purged = 0;
            foreach (var passportId in await DueForPurgeAsync(cancellationToken).ConfigureAwait(false))
            {
                await PurgeAsync(passportId, cancellationToken).ConfigureAwait(false);
                purged++;
                log.LogInformation("Retention purged closed passport {PassportId}", passportId);
            }

            log.LogInformation("Retention run finished: {Purged} closed passports purged (purge after {PurgeAfter})", purged, settings.PurgeAfter);
            return purged;
        }
        finally
        {
            await AdvisoryLockAsync(lockConnection, "pg_advisory_unlock", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<Guid>> DueForPurgeAsync(CancellationToken cancellationToken)
    {
        // Closed on or before this day, and kept for PurgeAfter since.
        var closedBy = DateOnly.FromDateTime((clock.GetUtcNow() - settings.PurgeAfter).UtcDateTime);

        // Every passport closes on or after its 25th birthday, so only those born by then can be due.
        var bornBy = closedBy.AddYears(-PassportClosure.ClosingAge);
        await using var session = store.QuerySession();
        var candidates = await session.Query<PassportView>()
            .Where(p => p.DateOfBirth <= bornBy)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return candidates.Where(p => p.ClosesOn <= closedBy).Select(p => p.Id).ToList();
    }

    private async Task PurgeAsync(Guid passportId, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        session.Events.TombstoneStream(passportId);
        session.Delete<PassportView>(passportId);
        session.DeleteWhere<ShareCode>(c => c.PassportId == passportId);
        session.DeleteWhere<FamilyInvitation>(i => i.PassportId == passportId);
        session.DeleteWhere<Notification>(n => n.PassportId == passportId);

        // The access log says which services were involved with the child: personal data that
        // goes with the passport. The tombstone below keeps the fact of the purge.
        session.DeleteWhere<AccessLogEntry>(e => e.PassportId == passportId);
        foreach (var module in modules.Modules)
        {
            module.PurgePassport(session, passportId);
        }

        session.Store(new PassportPurged { Id = passportId, PurgedAt = clock.GetUtcNow(), PurgedBy = Actor });
        await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<bool> AdvisoryLockAsync(NpgsqlConnection connection, string function, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand($"select {function}(@key)", connection);
        command.Parameters.AddWithValue("key", LockKey);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
    }
}
