using GraphQL.DataLoader;

namespace Passport.Sdk;

/// <summary>
/// Collects the keys that GraphQL resolvers ask for on one level of a query and fetches them in
/// one call, so a list of passports with their sections costs one round trip per section, not
/// one per passport. One instance per request.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The loaded value.</typeparam>
public class BatchLoader<TKey, TValue>
    where TKey : notnull
{
    private readonly Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _fetch;
    private readonly Lock _gate = new();
    private readonly HashSet<TKey> _pending = [];
    private readonly Dictionary<TKey, Task<IReadOnlyDictionary<TKey, TValue>>> _batches = [];

    /// <summary>Creates a loader over a batch fetch.</summary>
    /// <param name="fetch">Fetches many keys at once; keys with no value are left out of its answer.</param>
    public BatchLoader(Func<IReadOnlyCollection<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
    {
        _fetch = fetch;
    }

    /// <summary>Asks for a key; the fetch happens when GraphQL first awaits any pending result.</summary>
    /// <param name="key">The key.</param>
    /// <returns>A deferred result that GraphQL resolves after the current level.</returns>
    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_batches.ContainsKey(key))
            {
                _pending.Add(key);
            }
        }

        return new Deferred(this, key);
    }

    /// <summary>Loads one key now (for callers outside a GraphQL level).</summary>
    /// <param name="key">The key.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The value, or default when there is none.</returns>
    public Task<TValue?> LoadAsync(TKey key, CancellationToken cancellationToken) => Load(key).GetResultAsync(cancellationToken);

    private async Task<TValue?> ResultFor(TKey key, CancellationToken cancellationToken)
    {
        Task<IReadOnlyDictionary<TKey, TValue>> batch;
        lock (_gate)
        {
            if (!_batches.TryGetValue(key, out batch!))
            {
                var keys = _pending.ToArray();
                _pending.Clear();
                batch = _fetch(keys, cancellationToken);
                foreach (var pendingKey in keys)
                {
                    _batches[pendingKey] = batch;
                }
            }
        }

        var values = await batch.ConfigureAwait(false);
        return values.TryGetValue(key, out var value) ? value : default;
    }

    private sealed class Deferred(BatchLoader<TKey, TValue> loader, TKey key) : IDataLoaderResult<TValue?>
    {
        public Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default) => loader.ResultFor(key, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>Composes deferred results.</summary>
public static class DataLoaderResultExtensions
{
    /// <summary>Maps a deferred result when it arrives.</summary>
    /// <typeparam name="T">The loaded value.</typeparam>
    /// <typeparam name="TResult">The mapped value.</typeparam>
    /// <param name="result">The deferred result.</param>
    /// <param name="map">The mapping.</param>
    /// <returns>A deferred mapped result.</returns>
    public static IDataLoaderResult<TResult> Then<T, TResult>(this IDataLoaderResult<T> result, Func<T, TResult> map) =>
        new Mapped<T, TResult>(result, map);

    private sealed class Mapped<T, TResult>(IDataLoaderResult<T> inner, Func<T, TResult> map) : IDataLoaderResult<TResult>
    {
        public async Task<TResult> GetResultAsync(CancellationToken cancellationToken = default) =>
            map(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false));

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken).ConfigureAwait(false);
    }
}
