using Marten;
using Passport.Core.Telemetry;
using Passport.Sdk;

namespace Passport.Core.AccessLog;

/// <summary>
/// Collects, for one request, every passport read and the groups returned for it, then writes
/// them as one batch. The API endpoint flushes it after execution and before it writes the
/// response, so a reply is never sent before its audit entries are durable.
/// </summary>
public sealed class AccessLogCollector(IDocumentStore store, TimeProvider clock)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, (AccessGrant Grant, SortedSet<string> Groups)> _reads = [];

    public bool HasEntries
    {
        get
        {
            lock (_gate)
            {
                return _reads.Count > 0;
            }
        }
    }

    public void Opened(PassportNode passport) => Opened(passport.Id, passport.Access);

    /// <summary>A read of a passport that may no longer exist (an auditor reading a purged passport's access log).</summary>
    public void Opened(Guid passportId, AccessGrant grant)
    {
        lock (_gate)
        {
            if (_reads.TryAdd(passportId, (grant, new SortedSet<string>(StringComparer.Ordinal))))
            {
                PassportTelemetry.PassportRead(grant.Basis);
            }
        }
    }

    public void Returned(PassportNode passport, string group)
    {
        lock (_gate)
        {
            if (!_reads.TryGetValue(passport.Id, out var read))
            {
                read = (passport.Access, new SortedSet<string>(StringComparer.Ordinal));
                _reads[passport.Id] = read;
            }

            read.Groups.Add(group);
        }
    }

    /// <summary>Writes the collected entries in one transaction; returns once PostgreSQL has committed them.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        AccessLogEntry[] entries;
        lock (_gate)
        {
            var at = clock.GetUtcNow();
            entries = _reads.Select(r => new AccessLogEntry
            {
                Id = Guid.CreateVersion7(at),
                PassportId = r.Key,
                At = at,
                Subject = r.Value.Grant.Viewer.Subject,
                DisplayName = r.Value.Grant.Viewer.DisplayName,
                Sector = r.Value.Grant.Viewer.Sector,
                Organisation = r.Value.Grant.Viewer.Organisation,
                Basis = r.Value.Grant.Basis,
                Groups = [.. r.Value.Groups],
            }).ToArray();
            _reads.Clear();
        }

        if (entries.Length == 0)
        {
            return;
        }

        using var activity = PassportTelemetry.ActivitySource.StartActivity("access_log write");
        activity?.SetTag("passport.access_log.entries", entries.Length);
        try
        {
            await using var session = store.LightweightSession();
            session.Insert(entries);
            await session.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            PassportTelemetry.AccessLogWriteFailed(e);
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error);
            throw;
        }

        foreach (var basis in entries.GroupBy(e => e.Basis))
        {
            PassportTelemetry.AccessLogWritten(basis.Key, basis.Count());
        }
    }
}
