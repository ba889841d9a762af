using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Passport.Core.Access;
using Passport.Core.AccessLog;
using Passport.Core.Fhir;
using Passport.Core.Resilience;
using Passport.Host.Identity;
using Passport.Sdk;

namespace Passport.Host.Api;

/// <summary>
/// FHIR R4 over HTTP (docs/interoperability.md): a passport's International Patient Summary at
/// <c>GET /fhir/Patient/{id}/$summary</c> and the import of a transaction or collection Bundle at
/// <c>POST /fhir</c>. The same token, access decision, write decision and access log as /graphql;
/// every refusal is an OperationOutcome.
/// </summary>
internal static class FhirEndpoints
{
    public const string FhirJson = "application/fhir+json";
    public const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Strict: every problem the FHIR SDK knows of in what is sent is reported, none ignored.</summary>
    private static readonly IFhirSerializationEngine Fhir = FhirSerializationEngineFactory.Strict(ModelInfo.ModelInspector);

    public static void MapPassportFhir(this IEndpointRouteBuilder app)
    {
        app.MapGet("/fhir/Patient/{id}/$summary", SummaryAsync).RequireAuthorization();
        app.MapPost("/fhir", ImportAsync).RequireAuthorization();
    }

    private static async System.Threading.Tasks.Task SummaryAsync(HttpContext http, string id)
    {
        var services = http.RequestServices;
        services.GetRequiredService<CurrentViewer>().Value = KeycloakClaimsTransformation.ViewerOf(http.User);
        if (!Guid.TryParse(id, out var passportId))
        {
            await RefuseAsync(http, PassportException.NotFound());
            return;
        }

        Bundle summary;
        try
        {
            summary = await services.GetRequiredService<PassportSummaries>().SummaryAsync(passportId, http.RequestAborted);
        }
        catch (PassportException e)
        {
            await RefuseAsync(http, e);
            return;
        }
        catch (Exception e) when (DatabaseOutage.Caused(e))
        {
            await UnavailableAsync(http, e, "The service cannot reach its database just now, so nothing was returned. Try again shortly.");
            return;
        }

        if (!await AuditedAsync(http))
        {
            return;
        }

        await WriteAsync(http, StatusCodes.Status200OK, summary);
    }

    private static async System.Threading.Tasks.Task ImportAsync(HttpContext http)
    {
        var services = http.RequestServices;
        services.GetRequiredService<CurrentViewer>().Value = KeycloakClaimsTransformation.ViewerOf(http.User);
        if (http.Request.ContentType is not { } contentType
            || !(contentType.StartsWith(FhirJson, StringComparison.OrdinalIgnoreCase) || contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)))
        {
            await WriteOutcomeAsync(http, StatusCodes.Status415UnsupportedMediaType, Issue("not-supported", "Send the Bundle as application/fhir+json."));
            return;
        }

        if (http.Request.ContentLength > MaxBodyBytes)
        {
            await WriteOutcomeAsync(http, StatusCodes.Status413PayloadTooLarge, Issue("too-costly", $"The bundle is too large: send at most {MaxBodyBytes / 1024} KB, or split it."));
            return;
        }

        if (http.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxBodyBytes;
        }

        string json;
        try
        {
            using var reader = new StreamReader(http.Request.Body);
            json = await reader.ReadToEndAsync(http.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await WriteOutcomeAsync(http, StatusCodes.Status413PayloadTooLarge, Issue("too-costly", $"The bundle is too large: send at most {MaxBodyBytes / 1024} KB, or split it."));
            return;
        }

        Resource? parsed;
        try
        {
            parsed = Fhir.DeserializeFromJson(json);
        }
        catch (DeserializationFailedException e)
        {
            await WriteOutcomeAsync(http, StatusCodes.Status400BadRequest, [.. e.Exceptions.Select(ProblemOf).Take(50)]);
            return;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException or ArgumentException)
        {
            await WriteOutcomeAsync(http, StatusCodes.Status400BadRequest, Issue("structure", "The body is not FHIR JSON: send a Bundle resource."));
            return;
        }

        if (parsed is not Bundle bundle)
        {
            await WriteOutcomeAsync(http, StatusCodes.Status400BadRequest, Issue("invalid", $"Send a Bundle, not a {parsed?.TypeName ?? "body without a resource"}.", "resourceType"));
            return;
        }

        IReadOnlyList<FhirImportOutcome> outcomes;
        try
        {
            outcomes = await services.GetRequiredService<FhirImports>().ImportAsync(bundle, http.RequestAborted);
        }
        catch (FhirBundleRefused e)
        {
            await WriteOutcomeAsync(http, StatusCodes.Status422UnprocessableEntity, [.. e.Problems.Select(p => Problem(p.Code, p.Message, p.Expression))]);
            return;
        }
        catch (PassportException e)
        {
            await RefuseAsync(http, e);
            return;
        }
        catch (Exception e) when (DatabaseOutage.Caused(e))
        {
            await UnavailableAsync(http, e, "The service cannot reach its database just now. Try again shortly: an import is recorded once, so sending the same bundle again adds nothing twice.");
            return;
        }

        var response = new Bundle { Type = Bundle.BundleType.TransactionResponse };
        foreach (var (_, index) in bundle.Entry.Select((e, i) => (e, i)))
        {
            var outcome = outcomes.FirstOrDefault(o => o.Path == $"Bundle.entry[{index}]");
            response.Entry.Add(new Bundle.EntryComponent
            {
                Response = new Bundle.ResponseComponent
                {
                    Status = outcome is { Created: true } ? "201 Created" : "200 OK",
                    Outcome = outcome is null ? null : Outcome(Problem(
                        "informational",
                        outcome.Created ? "Recorded in the passport as verified, imported." : "Already imported: recorded once, nothing added.",
                        null,
                        OperationOutcome.IssueSeverity.Information)),
                },
            });
        }

        await WriteAsync(http, StatusCodes.Status200OK, response);
    }

    /// <summary>Commits the request's access-log entries; nothing is shown that could not be audited.</summary>
    private static async Task<bool> AuditedAsync(HttpContext http)
    {
        var accessLog = http.RequestServices.GetRequiredService<AccessLogCollector>();
        if (!accessLog.HasEntries)
        {
            return true;
        }

        try
        {
            await accessLog.FlushAsync(http.RequestAborted);
            return true;
        }
        catch (Exception e) when (!http.RequestAborted.IsCancellationRequested)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FhirEndpoints)).LogError(e, "Access log write failed; the FHIR summary was withheld.");
            http.Response.Headers.RetryAfter = RetryAfter;
            await WriteOutcomeAsync(http, StatusCodes.Status503ServiceUnavailable, Issue("transient", "The read could not be recorded in the access log, so nothing was returned. Try again shortly.", code: "AUDIT_UNAVAILABLE"));
            return false;
        }
    }

    private static readonly string RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The database could not be reached: 503 with Retry-After and SERVICE_UNAVAILABLE (ADR 22).</summary>
    private static System.Threading.Tasks.Task UnavailableAsync(HttpContext http, Exception e, string message)
    {
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FhirEndpoints))
            .LogWarning("Database unavailable answering a FHIR request: {Reason}", e.GetBaseException().GetType().Name);
        http.Response.Headers.RetryAfter = RetryAfter;
        return WriteOutcomeAsync(http, StatusCodes.Status503ServiceUnavailable, Issue("transient", message, code: DatabaseOutage.Code));
    }

    /// <summary>A refusal of the access or write decision, with its SPEC error code in the issue's details.</summary>
    private static System.Threading.Tasks.Task RefuseAsync(HttpContext http, PassportException e)
    {
        var (status, type) = e.Code switch
        {
            ErrorCodes.NotFound => (StatusCodes.Status404NotFound, "not-found"),
            ErrorCodes.Forbidden or ErrorCodes.FieldNotPermitted => (StatusCodes.Status403Forbidden, "forbidden"),
            ErrorCodes.ValidationFailed => (StatusCodes.Status422UnprocessableEntity, "invalid"),
            ErrorCodes.VersionConflict => (StatusCodes.Status409Conflict, "conflict"),
            ErrorCodes.ModuleUnavailable => (StatusCodes.Status503ServiceUnavailable, "transient"),
            ErrorCodes.RateLimited => (StatusCodes.Status429TooManyRequests, "throttled"),
            _ => (StatusCodes.Status422UnprocessableEntity, "business-rule"),
        };
        return WriteOutcomeAsync(http, status, Issue(type, e.Message, code: e.Code));
    }

    private static OperationOutcome.IssueComponent ProblemOf(CodedException e) =>
        Problem("structure", e.Message, (e as ExtendedCodedException)?.InstancePath is { Length: > 0 } path ? path : null);

    private static OperationOutcome.IssueComponent[] Issue(string type, string message, string? expression = null, string? code = null)
    {
        var issue = Problem(type, message, expression);
        if (code is not null)
        {
            issue.Details!.Coding.Add(new Coding(ErrorCodeSystem, code));
        }

        return [issue];
    }

    /// <summary>Where an OperationOutcome carries the SPEC's error code (FORBIDDEN, NOT_FOUND...).</summary>
    public const string ErrorCodeSystem = "urn:passport:error-code";

    private static OperationOutcome.IssueComponent Problem(string type, string message, string? expression, OperationOutcome.IssueSeverity severity = OperationOutcome.IssueSeverity.Error) => new()
    {
        Severity = severity,
        Code = EnumUtility.ParseLiteral<OperationOutcome.IssueType>(type) ?? OperationOutcome.IssueType.Invalid,
        Details = new CodeableConcept { Text = message },
        Expression = expression is null ? [] : [expression],
    };

    private static OperationOutcome Outcome(params OperationOutcome.IssueComponent[] issues) => new() { Issue = [.. issues] };

    private static System.Threading.Tasks.Task WriteOutcomeAsync(HttpContext http, int status, OperationOutcome.IssueComponent[] issues) =>
        WriteAsync(http, status, Outcome(issues));

    private static async System.Threading.Tasks.Task WriteAsync(HttpContext http, int status, Resource resource)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = FhirJson + "; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        await http.Response.WriteAsync(Fhir.SerializeToJson(resource), http.RequestAborted);
    }
}
