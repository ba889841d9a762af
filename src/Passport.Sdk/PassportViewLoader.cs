using GraphQL.DataLoader;
using Marten;
using Marten.Services.BatchQuerying;

namespace Passport.Sdk;

/// <summary>A module's read model of one passport, keyed by the passport (stream) id.</summary>
public interface IPassportView
{
    /// <summary>The passport id.</summary>
    Guid Id { get; }
}

/// <summary>
/// Loads a module's <typeparamref name="TView"/> documents for the passports of one query level.
/// Every module's loader joins the request's <see cref="PassportViewBatch"/>, so all the sections
/// a query level asks for, of every module and every passport, come back in one round trip.
/// </summary>
/// <typeparam name="TView">The module's projected view of a passport.</typeparam>
public sealed class PassportViewLoader<TView> : PassportViewBatch.IPendingLoad
    where TView : class, IPassportView
{
    private readonly PassportViewBatch _batch;
    private readonly Lock _gate = new();
    private readonly HashSet<Guid> _pending = [];
    private readonly Dictionary<Guid, Task<Dictionary<Guid, TView>>> _loading = [];

    /// <summary>Creates the loader for one request.</summary>
    /// <param name="batch">The request's batch, shared by every module's loader.</param>
    public PassportViewLoader(PassportViewBatch batch) => _batch = batch;

    /// <summary>Asks for one passport's view; the fetch happens when GraphQL first awaits any pending view.</summary>
    /// <param name="passportId">The passport.</param>
    /// <returns>A deferred result: the view, or null when the module has recorded nothing yet.</returns>
    public IDataLoaderResult<TView?> Load(Guid passportId)
    {
        lock (_gate)
        {
            if (!_loading.ContainsKey(passportId))
            {
                _pending.Add(passportId);
            }
        }

        _batch.Enlist(this);
        return new Deferred(this, passportId);
    }

    bool PassportViewBatch.IPendingLoad.AddTo(IBatchedQuery batch, List<Task> loads)
    {
        Guid[] ids;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return false;
            }

            ids = [.. _pending];
            _pending.Clear();
            var loading = ByIdAsync(batch.LoadMany<TView>().ById(ids));
            foreach (var id in ids)
            {
                _loading[id] = loading;
            }

            loads.Add(loading);
        }

        return true;
    }

    private static async Task<Dictionary<Guid, TView>> ByIdAsync(Task<IReadOnlyList<TView>> views) =>
        (await views.ConfigureAwait(false)).ToDictionary(v => v.Id);

    private async Task<TView?> ResultFor(Guid passportId, CancellationToken cancellationToken)
    {
        Task<Dictionary<Guid, TView>>? loading;
        lock (_gate)
        {
            _loading.TryGetValue(passportId, out loading);
        }

        if (loading is null)
        {
            await _batch.DispatchAsync(cancellationToken).ConfigureAwait(false);
            lock (_gate)
            {
                loading = _loading[passportId];
            }
        }

        return (await loading.ConfigureAwait(false)).GetValueOrDefault(passportId);
    }

    private sealed class Deferred(PassportViewLoader<TView> loader, Guid passportId) : IDataLoaderResult<TView?>
    {
        public Task<TView?> GetResultAsync(CancellationToken cancellationToken = default) => loader.ResultFor(passportId, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>
/// One Marten batch query per request and query level for every module view asked for, whichever
/// module asked. Registered per request by the host.
/// </summary>
/// <param name="session">The request's query session.</param>
public sealed class PassportViewBatch(IQuerySession session)
{
    private readonly Lock _gate = new();
    private readonly List<IPendingLoad> _enlisted = [];

    /// <summary>A loader with ids waiting to be fetched.</summary>
    public interface IPendingLoad
    {
        /// <summary>Adds the loader's waiting ids to the batch.</summary>
        /// <param name="batch">The batch query being built.</param>
        /// <param name="loads">Collects the loads to await after the batch ran.</param>
        /// <returns>False when nothing was waiting.</returns>
        bool AddTo(IBatchedQuery batch, List<Task> loads);
    }

    internal void Enlist(IPendingLoad loader)
    {
        lock (_gate)
        {
            if (!_enlisted.Contains(loader))
            {
                _enlisted.Add(loader);
            }
        }
    }

    /// <summary>Fetches everything every loader is waiting for, in one round trip.</summary>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>A task that completes when the results are in the loaders.</returns>
    public async Task DispatchAsync(CancellationToken cancellationToken)
    {
        var batch = session.CreateBatchQuery();
        var loads = new List<Task>();
        lock (_gate)
        {
            foreach (var loader in _enlisted)
            {
                loader.AddTo(batch, loads);
            }
        }

        if (loads.Count > 0)
        {
            await batch.Execute(cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(loads).ConfigureAwait(false);
        }
    }
}

/// <summary>Access to the request's loaders from a resolver.</summary>
public static class PassportViewLoaderExtensions
{
    /// <summary>The request's batch loader for a module view.</summary>
    /// <typeparam name="TView">The view type.</typeparam>
    /// <param name="context">The resolver's context.</param>
    /// <returns>The loader.</returns>
    public static PassportViewLoader<TView> Loader<TView>(this GraphQL.IResolveFieldContext context)
        where TView : class, IPassportView =>
        (PassportViewLoader<TView>)(context.RequestServices
            ?? throw new InvalidOperationException("No request services.")).GetService(typeof(PassportViewLoader<TView>))!;
}
