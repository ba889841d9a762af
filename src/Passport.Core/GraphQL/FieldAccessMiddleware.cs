using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Instrumentation;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Sdk;

namespace Passport.Core.GraphQL;

/// <summary>
/// Enforces the access decision (<see cref="SectionReads"/>) on every field that declares a field
/// group or belongs to a module, whichever module defined it: a field never decides for itself. A denied field resolves
/// to null with <c>FIELD_NOT_PERMITTED</c> at its path; a permitted one is noted for the access log.
/// </summary>
public sealed class FieldAccessMiddleware : IFieldMiddleware
{
    public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
    {
        var group = context.FieldDefinition.FieldGroupOf();
        var module = context.FieldDefinition.ModuleOf();
        if (group is null && module is null)
        {
            return await next(context).ConfigureAwait(false);
        }

        // Fail closed: a grouped field whose source does not say which passport it belongs to is a
        // defect, and must not return data.
        var passport = (context.Source as IPassportScoped)?.Passport
            ?? throw new InvalidOperationException($"Field '{context.FieldDefinition.Name}' declares a field group but its source is not passport-scoped.");

        var services = context.RequestServices ?? throw new InvalidOperationException("No request services.");
        var reads = services.GetRequiredService<SectionReads>();
        if (module is not null)
        {
            await reads.EnsureModuleAsync(passport, module, context.CancellationToken).ConfigureAwait(false);
        }

        if (group is not null)
        {
            reads.EnsureGroup(passport, group);
        }

        var result = await next(context).ConfigureAwait(false);
        return passport.Access.WithheldItems is { Count: > 0 } ? WithoutWithheldItems(result, passport) : result;
    }

    /// <summary>
    /// Items a professional or the young person withheld from this viewer are left out of every list,
    /// by the same rule as every other way of reading (<see cref="SectionReads.Visible{TItem}"/>).
    /// </summary>
    private static object? WithoutWithheldItems(object? result, PassportNode passport) => result switch
    {
        IEnumerable<IPassportItem> items => SectionReads.Visible(passport, items),
        IDataLoaderResult deferred => new Withheld(deferred, passport),
        _ => result,
    };

    private sealed class Withheld(IDataLoaderResult inner, PassportNode passport) : IDataLoaderResult
    {
        public async Task<object?> GetResultAsync(CancellationToken cancellationToken = default) =>
            WithoutWithheldItems(await inner.GetResultAsync(cancellationToken).ConfigureAwait(false), passport);
    }
}
