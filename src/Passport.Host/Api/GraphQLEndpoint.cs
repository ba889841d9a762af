using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation.Errors.Custom;
using GraphQLParser.AST;
using Passport.Core.Access;
using Passport.Core.AccessLog;
using Passport.Core.Resilience;
using Passport.Core.Telemetry;
using Passport.Host.Identity;
using Passport.Sdk;

namespace Passport.Host.Api;

/// <summary>
/// <c>/graphql</c> over HTTP (GraphQL-over-HTTP): POST JSON for everything, GET for queries only.
/// Authentication has already happened (no or bad token never reaches this). After execution the
/// request's access-log entries are committed before a byte of the response is written.
/// </summary>
internal static partial class GraphQLEndpoint
{
    public const string GraphQLResponseMediaType = "application/graphql-response+json";
    private const long MaxBodyBytes = 256 * 1024;
    private const int MaxQueryLength = 32 * 1024;
    public const int MaxDepth = 12;

    public static void MapPassportGraphQL(this IEndpointRouteBuilder app)
    {
        app.MapPost("/graphql", HandlePostAsync).RequireAuthorization();
        app.MapGet("/graphql", HandleGetAsync).RequireAuthorization();
    }

    private static async Task HandlePostAsync(HttpContext http, IGraphQLTextSerializer serializer)
    {
        if (http.Request.ContentType is not { } contentType || !contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            await WriteProblemAsync(http, serializer, StatusCodes.Status415UnsupportedMediaType, "BAD_REQUEST", "Send the request as application/json.");
            return;
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            await WriteProblemAsync(http, serializer, StatusCodes.Status413PayloadTooLarge, ErrorCodes.QueryTooComplex, "The request is too large.");
            return;
        }

        // Also for bodies sent without a length (chunked): Kestrel stops reading past the limit.
        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        GraphQLRequest? request;
        try
        {
            request = await serializer.ReadAsync<GraphQLRequest>(http.Request.Body, http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteProblemAsync(http, serializer, StatusCodes.Status413PayloadTooLarge, ErrorCodes.QueryTooComplex, "The request is too large.");
            return;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException or NotSupportedException)
        {
            await WriteProblemAsync(http, serializer, StatusCodes.Status400BadRequest, "BAD_REQUEST", "The request body is not a valid GraphQL request: it must be JSON with a \"query\" string, optional \"variables\" object and \"operationName\".");
            return;
        }

        await ExecuteAsync(http, serializer, request, allowMutations: true);
    }

    private static async Task HandleGetAsync(HttpContext http, IGraphQLTextSerializer serializer)
    {
        GraphQLRequest request;
        try
        {
            request = new GraphQLRequest
            {
                Query = http.Request.Query["query"],
                OperationName = http.Request.Query["operationName"],
                Variables = http.Request.Query["variables"] is { Count: > 0 } variables ? serializer.Deserialize<Inputs>(variables.ToString()) : null,
            };
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            await WriteProblemAsync(http, serializer, StatusCodes.Status400BadRequest, "BAD_REQUEST", "The variables parameter is not valid JSON.");
            return;
        }

        await ExecuteAsync(http, serializer, request, allowMutations: false);
    }

    private static async Task ExecuteAsync(HttpContext http, IGraphQLTextSerializer serializer, GraphQLRequest? request, bool allowMutations)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Query))
        {
            await WriteProblemAsync(http, serializer, StatusCodes.Status400BadRequest, "BAD_REQUEST", "The request has no query.");
            return;
        }

        if (request.Query.Length > MaxQueryLength)
        {
            await WriteProblemAsync(http, serializer, StatusCodes.Status400BadRequest, ErrorCodes.QueryTooComplex, "The query is too long.");
            return;
        }

        var shape = http.RequestServices.GetRequiredService<GraphQLDocumentCache>().Find(request.Query, request.OperationName)
            ?? QueryShape.TryRead(request.Query, request.OperationName);
        if (shape is { Depth: QueryShape.Unmeasurable })
        {
            await WriteProblemAsync(http, serializer, StatusCodes.Status400BadRequest, ErrorCodes.QueryTooComplex, $"The query nests too deep; at most {MaxDepth} levels are allowed.");
            return;
        }

        if (shape is { Depth: > MaxDepth })
        {
            await WriteProblemAsync(http, serializer, StatusCodes.Status400BadRequest, ErrorCodes.QueryTooComplex, $"The query nests {shape.Depth} levels deep; at most {MaxDepth} are allowed.");
            return;
        }

        if (shape is { IsUnreadable: true })
        {
            await WriteProblemAsync(http, serializer, StatusCodes.Status400BadRequest, "SYNTAX_ERROR", "The query is not valid GraphQL.");
            return;
        }

        if (shape?.Operation is OperationType.Subscription)
        {
            await WriteProblemAsync(http, serializer, StatusCodes.Status400BadRequest, "BAD_REQUEST", "Subscriptions are not offered: send a query or a mutation.");
            return;
        }

        if (!allowMutations && shape?.Operation is OperationType.Mutation)
        {
            http.Response.Headers.Allow = "POST";
            await WriteProblemAsync(http, serializer, StatusCodes.Status405MethodNotAllowed, "BAD_REQUEST", "Mutations are sent with POST.");
            return;
        }

        var services = http.RequestServices;
        services.GetRequiredService<CurrentViewer>().Value = KeycloakClaimsTransformation.ViewerOf(http.User);
        var executer = services.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(options =>
        {
            options.Query = request.Query;
            options.Document = shape?.Document;
            options.Variables = request.Variables;
            options.OperationName = request.OperationName;
            options.Extensions = request.Extensions;
            options.RequestServices = services;
            options.User = http.User;
            options.CancellationToken = http.RequestAborted;
        });

        // The database could not be reached: nothing was (or can be) audited, so nothing is shown, and the client is told to retry.
        if (result.Errors?.Any(e => e is UnhandledError && DatabaseOutage.Caused(e.InnerException)) == true)
        {
            var message = result.Operation?.Operation == OperationType.Mutation
                ? "The service cannot reach its database just now. Try again shortly; your change may have been saved, so check the passport before you repeat it."
                : "The service cannot reach its database just now, so nothing was returned. Try again shortly.";
            // Already counted by GraphQLOperationMetrics as SERVICE_UNAVAILABLE errors of the operation.
            await WriteUnavailableAsync(http, serializer, DatabaseOutage.Code, message, countAsRefused: false);
            return;
        }

        Sanitise(result);

        var accessLog = services.GetRequiredService<AccessLogCollector>();
        if (accessLog.HasEntries)
        {
            try
            {
                await accessLog.FlushAsync(http.RequestAborted);
            }
            catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
            {
                // Nothing is shown that could not be audited.
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(GraphQLEndpoint)).LogError(e, "Access log write failed; the response was withheld.");
                // A mutation has already committed: say so, so nobody repeats a change that was saved.
                var message = result.Operation?.Operation == OperationType.Mutation && result.Errors is not { Count: > 0 }
                    ? "Your change was saved, but the passport cannot be shown because the read could not be recorded in the access log. Do not repeat the change; reload the passport shortly."
                    : "The read could not be recorded in the access log, so nothing was returned. Try again shortly.";
                await WriteUnavailableAsync(http, serializer, "AUDIT_UNAVAILABLE", message);
                return;
            }
        }

        var wantsGraphQLResponse = http.Request.Headers.Accept.Any(a => a?.Contains(GraphQLResponseMediaType, StringComparison.OrdinalIgnoreCase) == true);
        http.Response.StatusCode = !result.Executed && wantsGraphQLResponse ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        http.Response.ContentType = (wantsGraphQLResponse ? GraphQLResponseMediaType : "application/json") + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>No stack trace, SQL or type name reaches a client; known failures get their fixed codes.</summary>
    private static void Sanitise(ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors)
        {
            return;
        }

        var sanitised = new ExecutionErrors();
        foreach (var error in errors)
        {
            if (error is UnhandledError)
            {
                var replacement = new ExecutionError("Something went wrong on our side. It has been logged; please try again.") { Code = "INTERNAL_ERROR", Path = error.Path };
                foreach (var location in error.Locations ?? [])
                {
                    replacement.AddLocation(location);
                }

                sanitised.Add(replacement);
                continue;
            }

            if (error is ComplexityError)
            {
                error.Code = ErrorCodes.QueryTooComplex;
            }

            sanitised.Add(error);
        }

        result.Errors = sanitised;
    }

    /// <summary>503 with <c>Retry-After</c>: a clear answer that the client may try again (ADR 22).</summary>
    private static Task WriteUnavailableAsync(HttpContext http, IGraphQLTextSerializer serializer, string code, string message, bool countAsRefused = true)
    {
        http.Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return WriteProblemAsync(http, serializer, StatusCodes.Status503ServiceUnavailable, code, message, countAsRefused);
    }

    private static async Task WriteProblemAsync(HttpContext http, IGraphQLTextSerializer serializer, int status, string code, string message, bool countAsRefused = true)
    {
        if (countAsRefused)
        {
            PassportTelemetry.GraphQLRequestRefused(code);
        }

        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        var result = new ExecutionResult { Errors = [new ExecutionError(message) { Code = code }] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
