using System.Diagnostics;
using System.Diagnostics.Metrics;
using Passport.Sdk;

namespace Passport.Core.Telemetry;

/// <summary>
/// The passport's own signals for operations (the <c>Passport</c> meter and activity source):
/// how passports are read, whether the access log keeps up, break-glass, share-code guessing and
/// GraphQL errors. Nothing costs anything while no exporter listens.
/// <para>
/// Clinical-safety and data-protection rule: no attribute ever carries a child's or a person's
/// data or identifier (no passport id, name, subject, NHS number, share code, query text or
/// variable). Attributes are closed sets of words (access basis, reason, error code, operation
/// type) so that a telemetry backend never becomes a second, unaudited copy of the passports.
/// </para>
/// </summary>
public static class PassportTelemetry
{
    public const string Name = "Passport";

    private static readonly string? Version = typeof(PassportTelemetry).Assembly.GetName().Version?.ToString();

    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    private static readonly Meter Meter = new(Name, Version);

    private static readonly Counter<long> Reads = Meter.CreateCounter<long>(
        "passport.reads", "{read}", "Passports opened by a viewer, by access basis (one per passport per request).");

    private static readonly Counter<long> AccessLogEntries = Meter.CreateCounter<long>(
        "passport.access_log.entries", "{entry}", "Access-log entries committed to PostgreSQL, by access basis.");

    private static readonly Counter<long> AccessLogWriteFailures = Meter.CreateCounter<long>(
        "passport.access_log.write_failures", "{failure}", "Access-log writes that failed: the reads they covered were withheld from the viewer.");

    private static readonly Counter<long> BreakGlassUses = Meter.CreateCounter<long>(
        "passport.break_glass.uses", "{use}", "Emergency (break-glass) access granted to a health professional.");

    private static readonly Counter<long> CodeRedemptionFailures = Meter.CreateCounter<long>(
        "passport.code_redemption.failures", "{failure}", "Share codes and invitations that did not work, by kind and reason; reason rate-limited means the person was refused for guessing.");

    private static readonly Counter<long> GraphQLOperations = Meter.CreateCounter<long>(
        "passport.graphql.operations", "{operation}", "GraphQL operations executed, by operation type and outcome.");

    private static readonly Counter<long> GraphQLErrors = Meter.CreateCounter<long>(
        "passport.graphql.errors", "{error}", "Errors returned to GraphQL clients, by error code (extensions.code).");

    public static void PassportRead(AccessBasis basis) =>
        Reads.Add(1, new KeyValuePair<string, object?>("passport.access_basis", BasisName(basis)));

    public static void AccessLogWritten(AccessBasis basis, int entries) =>
        AccessLogEntries.Add(entries, new KeyValuePair<string, object?>("passport.access_basis", BasisName(basis)));

    public static void AccessLogWriteFailed(Exception exception) =>
        AccessLogWriteFailures.Add(1, new KeyValuePair<string, object?>("error.type", exception.GetType().FullName));

    public static void BreakGlassUsed() => BreakGlassUses.Add(1);

    /// <summary>Takes the reason as the access code records it for audit and keeps only its kind.</summary>
    public static void CodeRedemptionFailed(string auditReason)
    {
        var kind = auditReason.StartsWith("invitation", StringComparison.Ordinal) ? "invitation" : "share-code";
        var reason = auditReason switch
        {
            _ when auditReason.Contains("too many", StringComparison.Ordinal) => "rate-limited",
            _ when auditReason.Contains("no such code", StringComparison.Ordinal) => "not-found",
            _ when auditReason.Contains("already used", StringComparison.Ordinal) => "already-used",
            _ when auditReason.Contains("expired", StringComparison.Ordinal) => "expired",
            _ when auditReason.Contains("issued for", StringComparison.Ordinal) => "wrong-sector",
            _ when auditReason.Contains("for someone else", StringComparison.Ordinal) => "wrong-recipient",
            _ => "other",
        };
        CodeRedemptionFailures.Add(1, new KeyValuePair<string, object?>("passport.code_kind", kind), new KeyValuePair<string, object?>("passport.failure_reason", reason));
    }

    public static void GraphQLOperationExecuted(string operationType, IEnumerable<string> errorCodes)
    {
        var codes = errorCodes.ToList();
        GraphQLOperations.Add(1,
            new KeyValuePair<string, object?>("graphql.operation.type", operationType),
            new KeyValuePair<string, object?>("passport.outcome", codes.Count == 0 ? "ok" : "error"));
        foreach (var code in codes)
        {
            CountGraphQLError(code, operationType);
        }
    }

    /// <summary>An error answered before or instead of execution (too large, too deep, audit unavailable).</summary>
    public static void GraphQLRequestRefused(string errorCode) => CountGraphQLError(errorCode, "unknown");

    private static void CountGraphQLError(string errorCode, string operationType) =>
        GraphQLErrors.Add(1,
            new KeyValuePair<string, object?>("error.code", errorCode),
            new KeyValuePair<string, object?>("graphql.operation.type", operationType));

    public static string BasisName(AccessBasis basis) => basis switch
    {
        AccessBasis.Carer => "carer",
        AccessBasis.YoungPerson => "young-person",
        AccessBasis.CareTeam => "care-team",
        AccessBasis.BreakGlass => "break-glass",
        AccessBasis.Auditor => "auditor",
        _ => "other",
    };
}
