using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using Microsoft.Extensions.Caching.Memory;

namespace Passport.Host.Api;

/// <summary>
/// Parsed documents that have passed validation, kept by query text and operation name, so a
/// repeated query (every client sends the same few, with variables) is neither parsed, measured
/// nor validated again. GraphQL.NET's own hook: an <see cref="IConfigureExecution"/> that hands the
/// executer the cached document and swaps <see cref="ExecutionOptions.ValidationRules"/> for
/// <see cref="ExecutionOptions.CachedDocumentValidationRules"/>, the rules that must run on every
/// request because they depend on the variables (the complexity limit: <c>first</c> may be a
/// variable). Variables are still coerced and checked against their declared types on every
/// request, and the access decision happens at resolve time, so nothing about the viewer is cached.
/// Only documents that validated are kept; the text is compared in full, never only its hash.
/// </summary>
internal sealed class GraphQLDocumentCache : IConfigureExecution, IDisposable
{
    /// <summary>Total characters of query text kept; the parsed documents take roughly ten times that in memory.</summary>
    public const long MaxCachedQueryCharacters = 1_000_000;

    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = MaxCachedQueryCharacters });

    /// <summary>After GraphQL.NET's option configurations (100), which list the validation rules.</summary>
    public float SortOrder => 200;

    /// <summary>The shape of a query that validated before, or null.</summary>
    public QueryShape? Find(string query, string? operationName) =>
        _documents.TryGetValue(new Key(query, operationName), out QueryShape? shape) ? shape : null;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Query is not { } query)
        {
            return await next(options).ConfigureAwait(false);
        }

        var cached = Find(query, options.OperationName);
        if (cached?.Document is { } document && (options.Document is null || ReferenceEquals(options.Document, document)))
        {
            options.Document = document;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            return await next(options).ConfigureAwait(false);
        }

        var result = await next(options).ConfigureAwait(false);

        // Executed: validation passed (whatever the resolvers then answered).
        if (result.Executed && result.Document is { } validated)
        {
            _documents.Set(new Key(query, options.OperationName), QueryShape.Of(validated, options.OperationName), new MemoryCacheEntryOptions { Size = Math.Max(query.Length, 1) });
        }

        return result;
    }

    public void Dispose() => _documents.Dispose();

    private sealed record Key(string Query, string? OperationName);
}
