using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Validation.Errors.Custom;
using GraphQLParser.AST;

namespace Passport.Core.Telemetry;

/// <summary>
/// Counts every GraphQL execution, the API's and the web pages' alike, by operation type and
/// outcome, and every error by its code. Codes only: never the message, path, query or variables.
/// </summary>
public sealed class GraphQLOperationMetrics : IConfigureExecution
{
    public float SortOrder => 0;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var result = await next(options).ConfigureAwait(false);
        PassportTelemetry.GraphQLOperationExecuted(OperationTypeOf(result), ErrorCodes(result));
        return result;
    }

    public static string OperationTypeOf(ExecutionResult result) => result.Operation?.Operation switch
    {
        OperationType.Query => "query",
        OperationType.Mutation => "mutation",
        OperationType.Subscription => "subscription",
        _ => "unknown",
    };

    /// <summary>The codes a client sees: an unhandled error is answered as INTERNAL_ERROR (SERVICE_UNAVAILABLE when the database was unreachable), a complexity error as QUERY_TOO_COMPLEX.</summary>
    public static IEnumerable<string> ErrorCodes(ExecutionResult result) =>
        (result.Errors ?? []).Select(error => error switch
        {
            UnhandledError when Resilience.DatabaseOutage.Caused(error.InnerException) => Resilience.DatabaseOutage.Code,
            UnhandledError => "INTERNAL_ERROR",
            ComplexityError => Passport.Sdk.ErrorCodes.QueryTooComplex,
            _ => error.Code ?? "UNSPECIFIED",
        });
}
