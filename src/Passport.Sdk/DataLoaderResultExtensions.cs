using GraphQL.DataLoader;

namespace Passport.Sdk;

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
