using System.Globalization;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Passport.Core.Access;
using Passport.Core.AccessLog;
using Passport.Core.Resilience;

namespace Passport.Web.Infrastructure;

/// <summary>One error of a GraphQL result: its code, message, path and, for a validation failure, the input field at fault.</summary>
public sealed record PageError(string Code, string Message, IReadOnlyList<string> Path, string? Field = null)
{
    /// <summary>True when this error is at <paramref name="prefix"/> or below it.</summary>
    public bool IsAtOrBelow(params string[] prefix) =>
        Path.Count >= prefix.Length && prefix.Select((p, i) => string.Equals(Path[i], p, StringComparison.Ordinal)).All(x => x);
}

/// <summary>The data and errors of one operation a page ran.</summary>
public sealed record GraphQLPageResult(JsonNode? Data, IReadOnlyList<PageError> Errors)
{
    public bool Ok => Errors.Count == 0;

    /// <summary>True when the access decision withheld the field at this path (or a parent of it) from the viewer.</summary>
    public bool Withheld(params string[] path) => Errors.Any(e =>
        e.Code is "FIELD_NOT_PERMITTED" or "FORBIDDEN"
        && e.Path.Count > 0 && e.Path.Count <= path.Length
        && e.Path.Select((p, i) => string.Equals(path[i], p, StringComparison.Ordinal)).All(x => x));

    /// <summary>An error at this path that is not a sharing decision (e.g. a module switched off).</summary>
    public PageError? ErrorAt(params string[] path) => Errors.FirstOrDefault(e => e.IsAtOrBelow(path) || (e.Path.Count > 0 && e.Path.Count <= path.Length && path.Take(e.Path.Count).SequenceEqual(e.Path, StringComparer.Ordinal)));

    public bool Has(string code) => Errors.Any(e => e.Code == code);
}

/// <summary>Thrown when a read could not be written to the access log: nothing is shown that was not audited.</summary>
public sealed class AuditUnavailableException(Exception inner) : Exception("The read could not be recorded in the access log.", inner);

/// <summary>Thrown when the database could not be reached: the page answers 503 and asks to try again (ADR 22).</summary>
public sealed class DatabaseUnavailableException(Exception inner) : Exception("The database could not be reached.", inner);

/// <summary>
/// Runs a GraphQL operation in-process as the signed-in user: the same schema, access decision and
/// field middleware as /graphql. The request's access-log entries are committed before the page
/// renders, exactly as the API endpoint does before it writes a byte.
/// </summary>
public sealed class PageGraphQL(
    IHttpContextAccessor http,
    IServiceProvider services,
    CurrentViewer viewer,
    IDocumentExecuter<ISchema> executer,
    IGraphQLTextSerializer serializer,
    AccessLogCollector accessLog,
    PassportWebOptions options,
    ILogger<PageGraphQL> log)
{
    public async Task<GraphQLPageResult> RunAsync(string query, object? variables = null)
    {
        var context = http.HttpContext ?? throw new InvalidOperationException("No request.");
        viewer.Value = options.ViewerOf(context.User);
        Inputs? inputs = null;
        if (variables is not null)
        {
            inputs = serializer.Deserialize<Inputs>(System.Text.Json.JsonSerializer.Serialize(variables));
        }

        // The API answers the same whatever the page's language: it runs in the invariant culture, as /graphql does.
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        ExecutionResult result;
        try
        {
            result = await executer.ExecuteAsync(o =>
            {
                o.Query = query;
                o.Variables = inputs;
                o.RequestServices = services;
                o.User = context.User;
                o.CancellationToken = context.RequestAborted;
            });
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }

        if (result.Errors?.FirstOrDefault(e => e is GraphQL.Execution.UnhandledError && DatabaseOutage.Caused(e.InnerException)) is { } outage)
        {
            throw new DatabaseUnavailableException(outage.InnerException!);
        }

        if (accessLog.HasEntries)
        {
            try
            {
                await accessLog.FlushAsync(context.RequestAborted);
            }
            catch (Exception e) when (!context.RequestAborted.IsCancellationRequested)
            {
                log.LogError(e, "Access log write failed; the page was withheld.");
                throw new AuditUnavailableException(e);
            }
        }

        var json = JsonNode.Parse(serializer.Serialize(result));
        var errors = new List<PageError>();
        foreach (var error in json?["errors"] as JsonArray ?? [])
        {
            if (result.Errors is { Count: > 0 } && error is not null)
            {
                var code = error["extensions"]?["code"]?.ToString() ?? "";
                var path = (error["path"] as JsonArray)?.Select(p => p?.ToString() ?? "").ToList() ?? [];
                var message = error["message"]?.ToString() ?? "";
                var field = error["extensions"]?["field"]?.ToString();
                if (result.Errors.Any(x => x is GraphQL.Execution.UnhandledError))
                {
                    log.LogWarning("GraphQL error on a page: {Code} {Message}", code, message);
                }

                errors.Add(new PageError(code, message, path, field));
            }
        }

        return new GraphQLPageResult(json?["data"], errors);
    }
}
