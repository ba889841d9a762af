using System.Diagnostics;
using System.Reflection;
using GraphQL.Telemetry;
using Marten;
using JasperFx.OpenTelemetry;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Passport.Core.Telemetry;

namespace Passport.Host.Telemetry;

/// <summary>
/// OpenTelemetry for the host, configured the standard way (<c>OTEL_*</c> environment variables)
/// and exported only over OTLP. With no <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or with
/// <c>OTEL_SDK_DISABLED=true</c>) nothing is registered, so nothing is collected or sent.
/// What leaves the process never carries a child's or a person's data: see docs/operations.md#telemetry.
/// </summary>
internal static class PassportTelemetrySetup
{
    public const string DefaultServiceName = "passport-host";

    /// <summary>Activity sources beyond the instrumentation packages: GraphQL.NET, Marten, Wolverine and our own.</summary>
    private static readonly string[] Sources = [GraphQLTelemetryProvider.SourceName, "Marten", "Wolverine", PassportTelemetry.Name];

    /// <summary>Wolverine names its meter after the service ("Wolverine:Passport.Host").</summary>
    private static readonly string[] Meters = ["Marten", "Wolverine:*", PassportTelemetry.Name];

    public static bool IsEnabled(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"])
        && !string.Equals(configuration["OTEL_SDK_DISABLED"], "true", StringComparison.OrdinalIgnoreCase);

    public static void AddPassportTelemetry(this WebApplicationBuilder builder)
    {
        if (!IsEnabled(builder.Configuration))
        {
            return;
        }

        var version = typeof(PassportTelemetrySetup).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? typeof(PassportTelemetrySetup).Assembly.GetName().Version?.ToString();
        ExceptionMessageScrubber.Start();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource
                .AddService(DefaultServiceName, serviceVersion: version)
                .AddAttributes([new("deployment.environment.name", builder.Environment.EnvironmentName)])
                // Again after our default, so OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES win.
                .AddEnvironmentVariableDetector())
            .WithTracing(tracing => tracing
                .AddProcessor(new PersonalDataSpanProcessor())
                .AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    // Probes every few seconds would drown the traces that matter.
                    aspNetCore.Filter = http => !http.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
                })
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddSource(Sources))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation()
                .AddMeter(Meters))
            .WithLogging(
                logging => logging.AddProcessor(new PersonalDataLogProcessor()),
                options =>
                {
                    options.IncludeFormattedMessage = false;
                    options.IncludeScopes = false;
                })
            // Last, so that the scrubbing processors above run before the export processors.
            .UseOtlpExporter();
    }

    /// <summary>Marten's connection spans and its event-append counter (tagged with the event type only).</summary>
    public static void ConfigureMarten(StoreOptions options, IConfiguration configuration)
    {
        if (!IsEnabled(configuration))
        {
            return;
        }

        // Normal, not Verbose: Verbose tags spans with the operations of a session, stream ids included.
        options.OpenTelemetry.TrackConnections = TrackLevel.Normal;
        options.OpenTelemetry.TrackEventCounters();
    }

    /// <summary>
    /// GraphQL.NET's own span per operation (type and operation name), without the document: a
    /// query can carry literal values (a name, an NHS number). Each span is tagged with the error
    /// codes the client received.
    /// </summary>
    public static void ConfigureGraphQL(GraphQLTelemetryOptions telemetry)
    {
        telemetry.RecordDocument = false;
        telemetry.SanitizeDocument = _ => null;
        telemetry.EnrichWithExecutionResult = (activity, _, result) =>
        {
            var codes = GraphQLOperationMetrics.ErrorCodes(result).Distinct().Order(StringComparer.Ordinal).ToArray();
            if (codes.Length > 0)
            {
                activity.SetTag("passport.graphql.error_codes", codes);
            }
        };
    }

    /// <summary>Keeps identifiers out of span attributes the instrumentation sets from the request.</summary>
    private sealed class PersonalDataSpanProcessor : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity activity)
        {
            // Web pages carry the passport id in the path (/passports/{id}): keep the route template only.
            if (activity.GetTagItem("url.path") is not null)
            {
                activity.SetTag("url.path", activity.GetTagItem("http.route") as string ?? "(unrouted)");
            }

            activity.SetTag("url.query", null);

            // A status description is an exception message.
            if (activity.Status == ActivityStatusCode.Error && activity.StatusDescription is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error);
            }
        }
    }

    /// <summary>Log records keep their template and attributes (which our code writes free of personal data), never an exception message.</summary>
    private sealed class PersonalDataLogProcessor : BaseProcessor<LogRecord>
    {
        public override void OnEnd(LogRecord data)
        {
            if (data.Exception is { } exception)
            {
                data.Attributes = [.. data.Attributes ?? [], new("exception.type", exception.GetType().FullName)];
                data.Exception = null;
            }
        }
    }
}
