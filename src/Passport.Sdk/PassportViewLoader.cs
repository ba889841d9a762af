using Marten;

namespace Passport.Sdk;

/// <summary>A module's read model of one passport, keyed by the passport (stream) id.</summary>
public interface IPassportView
{
    /// <summary>The passport id.</summary>
    Guid Id { get; }
}

/// <summary>
/// Loads a module's <typeparamref name="TView"/> documents for the passports of one query level
/// in a single round trip. Registered per request by the host for every view type.
/// </summary>
/// <typeparam name="TView">The module's projected view of a passport.</typeparam>
public sealed class PassportViewLoader<TView> : BatchLoader<Guid, TView>
    where TView : class, IPassportView
{
    /// <summary>Creates the loader over the request's query session.</summary>
    /// <param name="session">The request's Marten query session.</param>
    public PassportViewLoader(IQuerySession session)
        : base(async (ids, ct) =>
        {
            var views = await session.LoadManyAsync<TView>(ct, ids).ConfigureAwait(false);
            return views.ToDictionary(v => v.Id);
        })
    {
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
