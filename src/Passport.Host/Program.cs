using GraphQL;
using GraphQL.Types;
using GraphQL.Validation.Rules.Custom;
using JasperFx;
using Marten;
using Passport.Core;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Modules;
using Passport.Core.Passports;
using Passport.Core.Resilience;
using Passport.Core.Telemetry;
using Passport.Host;
using Passport.Host.Api;
using Passport.Host.Demo;
using Passport.Host.Embedded;
using Passport.Host.Identity;
using Passport.Host.Plugins;
using Passport.Host.Security;
using Passport.Host.Telemetry;
using Passport.LocalPostgres;
using Passport.Sdk;
using Passport.Web.Infrastructure;
using Wolverine;
using Wolverine.ErrorHandling;
using Wolverine.Marten;

// `Passport.Host schema <file>` writes the schema (SDL) the loaded modules make, without a database.
var printSchemaOnly = args.Length > 1 && args[0] == "schema";
var schemaFile = printSchemaOnly ? Path.GetFullPath(args[1]) : null;
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = printSchemaOnly ? args[2..] : args,
    ContentRootPath = AppContext.BaseDirectory,
});
var configuration = builder.Configuration;
var isDevelopment = builder.Environment.IsDevelopment();
using var startupLogging = LoggerFactory.Create(logging => logging.AddSimpleConsole(o => o.SingleLine = true).AddConfiguration(configuration.GetSection("Logging")));
var log = startupLogging.CreateLogger("Passport.Host");

if (!isDevelopment && configuration.GetValue<bool>("Passport:DevTokens:Enabled"))
{
    log.LogCritical("Passport:DevTokens:Enabled is set in the {Environment} environment. Demo tokens are for Development only; the host will not start.", builder.Environment.EnvironmentName);
    return 2;
}

if (configuration.GetSection("Passport:RequiredModules").Exists())
{
    log.LogCritical("Passport__RequiredModules is no longer read: the modules a region requires are the policy file's requiredModules (docs/operations.md).");
    return 2;
}

// The region's policy: sharing levels, the modules it requires and what break-glass shows.
var policyPath = configuration["Passport:PolicyFile"] is { Length: > 0 } configuredPolicy
    ? Path.GetFullPath(configuredPolicy)
    : Path.Combine(AppContext.BaseDirectory, "policy", "region-policy.json");
SharingPolicy policy;
try
{
    policy = SharingPolicy.Load(policyPath);
}
catch (InvalidOperationException e)
{
    log.LogCritical("{Problem}", e.Message);
    return 2;
}

// Plugins: the host knows no module at compile time. The schema document describes the region's
// default set, so the `schema` command never takes the Development demo's folder.
var pluginsPath = configuration["Passport:PluginsPath"] is { Length: > 0 } configuredPlugins
    ? Path.GetFullPath(configuredPlugins)
    : DevelopmentDefaults.DefaultPluginsFolder(demo: isDevelopment && !printSchemaOnly, log);
var catalog = new ModuleCatalog(policy.RequiredModules);
var contributions = new PassportSchemaContributions();
IReadOnlyList<LoadedModule> modules;
try
{
    modules = new PluginLoader(pluginsPath, log).LoadAll(catalog, contributions);
}
catch (RequiredModuleException e)
{
    log.LogCritical("{Problem}", e.Message);
    return 3;
}

LocalPostgresCluster? embeddedDatabase = null;
SigningKey? developmentKey = null;
var dataFolder = DevelopmentDefaults.DataFolder(configuration);
if (printSchemaOnly)
{
    configuration["ConnectionStrings:Passport"] ??= "Host=localhost;Database=unused";
    configuration["Auth:Authority"] ??= "https://schema.invalid/realms/passport";
}
else
{
    if (string.IsNullOrEmpty(configuration.GetConnectionString("Passport")))
    {
        if (!isDevelopment)
        {
            log.LogCritical("ConnectionStrings__Passport is required outside Development.");
            return 2;
        }

        embeddedDatabase = await DevelopmentDefaults.StartDatabaseAsync(dataFolder, log, CancellationToken.None);
        configuration["ConnectionStrings:Passport"] = embeddedDatabase.ConnectionString;
    }

    if (!AuthSettings.From(configuration).IsConfigured && isDevelopment)
    {
        developmentKey = DevelopmentDefaults.UseDevelopmentSigningKey(configuration, dataFolder);
        log.LogInformation("No Auth__* settings: demo tokens are signed with the development key in {Folder}", dataFolder);
    }
}

// Bounded waits on the database, so that during an outage every request gets an answer (ADR 22).
// A fixed search path, so that a start finds the indexes it made as it made them (no rebuild at each start).
var connectionString = PassportCoreRegistration.WithSearchPath(DatabaseOutage.WithTimeouts(configuration.GetConnectionString("Passport")!));
var authSettings = AuthSettings.From(configuration);

Passport.Core.Retention.RetentionSettings retention;
try
{
    retention = Passport.Core.Retention.RetentionSettings.From(configuration);
}
catch (Exception e) when (e is InvalidOperationException or FormatException)
{
    log.LogCritical("{Problem}", e.Message);
    return 2;
}

// How long a host may miss its heartbeats before the others take over its unfinished messages (ADR 22).
TimeSpan? staleNodeTimeout;
try
{
    staleNodeTimeout = configuration.GetValue<TimeSpan?>("Passport:Durability:StaleNodeTimeout");
    if (staleNodeTimeout <= TimeSpan.Zero)
    {
        throw new InvalidOperationException("Passport__Durability__StaleNodeTimeout must be positive.");
    }
}
catch (InvalidOperationException e)
{
    log.LogCritical("{Problem}", e.InnerException is FormatException ? "Passport__Durability__StaleNodeTimeout is not a TimeSpan (d.hh:mm:ss)." : e.Message);
    return 2;
}

// The TLS-terminating proxies in front of the host, whose X-Forwarded-* headers are believed (ADR 25).
Microsoft.AspNetCore.Builder.ForwardedHeadersOptions? trustedProxies;
try
{
    trustedProxies = TrustedProxies.From(configuration);
}
catch (InvalidOperationException e)
{
    log.LogCritical("{Problem}", e.Message);
    return 2;
}

foreach (var group in catalog.AllGroups.Where(g => !policy.Covers(g)))
{
    log.LogWarning("Field group {Group} has no entry in the policy file {PolicyFile}: only the family will see it.", group, policyPath);
}

var services = builder.Services;
foreach (var module in modules)
{
    module.Module.ConfigureServices(services, configuration);
}

services.AddPassportCore(policy, catalog, contributions);
services.AddSingleton(retention);
services.Scan(scan => scan
    .FromAssemblies(modules.Select(m => m.Assembly))
    .AddClasses(classes => classes.AssignableTo<IGraphType>())
    .AsSelf()
    .WithTransientLifetime());

services.AddMarten(options =>
    {
        options.Connection(connectionString);
        options.DatabaseSchemaName = PassportCoreRegistration.PassportSchemaName;
        options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
        PassportCoreRegistration.ConfigureCoreMarten(options);
        PassportTelemetrySetup.ConfigureMarten(options, configuration);
        foreach (var module in modules)
        {
            module.Module.ConfigureMarten(options);
        }
    })
    .UseLightweightSessions()
    .IntegrateWithWolverine()
    .ApplyAllDatabaseChangesOnStartup();

builder.Host.UseWolverine(options =>
{
    // Plugins rule out pre-generated handler code.
    options.UseRuntimeCompilation();
    options.Discovery.IncludeAssembly(typeof(PassportCoreRegistration).Assembly);
    foreach (var module in modules)
    {
        options.Discovery.IncludeAssembly(module.Assembly);
    }

    options.Policies.AutoApplyTransactions();
    options.Policies.UseDurableLocalQueues();
    options.Policies.UseDurableInboxOnAllListeners();
    options.Policies.UseDurableOutboxOnAllSendingEndpoints();
    options.MultipleHandlerBehavior = MultipleHandlerBehavior.Separated;
    options.Durability.MessageIdentity = MessageIdentity.IdAndDestination;
    options.Durability.MessageStorageSchemaName = "wolverine";
    if (staleNodeTimeout is { } stale)
    {
        options.Durability.StaleNodeTimeout = stale;
    }

    // Two changes to one passport at the same moment race for the next stream version; the loser
    // runs again on fresh state. Changes that name an expected version check it first and fail
    // with VERSION_CONFLICT instead (see PassportHandler).
    options.Policies.OnException(StoreFailures.IsVersionConflict)
        .RetryWithCooldown(TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(30), TimeSpan.FromMilliseconds(80), TimeSpan.FromMilliseconds(150), TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(1000));
});

services.AddSingleton<GraphQLDocumentCache>();
services.AddGraphQL(graphQL =>
{
    graphQL.Services.Configure<GraphQL.Validation.Complexity.ComplexityOptions>(complexity =>
    {
        complexity.MaxDepth = GraphQLEndpoint.MaxDepth;
        complexity.MaxComplexity = 20_000;
    });

    graphQL.AddSchema<PassportSchema>()
        .AddSystemTextJson()
        .AddGraphTypes(typeof(PassportSchema).Assembly)
        .AddGraphTypes(typeof(PassportModule).Assembly)
        .UseMiddleware<FieldAccessMiddleware>()
        .UseTelemetry(PassportTelemetrySetup.ConfigureGraphQL)
        .ConfigureExecution<GraphQLOperationMetrics>()
        // One Marten session serves a request; resolvers must not use it concurrently.
        .AddExecutionStrategy<GraphQL.Execution.SerialExecutionStrategy>(GraphQLParser.AST.OperationType.Query)
        // The complexity limit counts `first` as the list's size, and `first` may be a variable: it
        // runs on every request, cached document or not (AddComplexityAnalyzer would run it only on
        // documents not yet cached).
        .AddValidationRule<ComplexityValidationRule>(useForCachedDocuments: true)
        // Parsed and validated documents are kept by query text (GraphQLDocumentCache).
        .ConfigureExecution(provider => provider.GetRequiredService<GraphQLDocumentCache>())
        .AddErrorInfoProvider(errors =>
        {
            errors.ExposeExceptionDetails = false;
            errors.ExposeCodes = false;
            errors.ExposeData = false;
            errors.ExposeExtensions = true;
        })
        .AddUnhandledExceptionHandler(context =>
        {
            var graphQLLog = context.ExecutionOptions.RequestServices?.GetRequiredService<ILoggerFactory>().CreateLogger("Passport.GraphQL");
            if (DatabaseOutage.Caused(context.OriginalException))
            {
                // Answered SERVICE_UNAVAILABLE (GraphQLEndpoint); one line, not a stack trace per request.
                graphQLLog?.LogWarning("Database unavailable resolving {Field}: {Reason}", context.FieldContext?.FieldDefinition.Name, context.OriginalException.GetBaseException().GetType().Name);
                return;
            }

            graphQLLog?.LogError(context.OriginalException, "Unhandled error resolving {Field}", context.FieldContext?.FieldDefinition.Name);
        })
        .WithTimeout(TimeSpan.FromSeconds(30));
    if (!isDevelopment)
    {
        graphQL.AddValidationRule<NoIntrospectionValidationRule>();
    }
});

try
{
    services.AddPassportAuthentication(authSettings, isDevelopment);
}
catch (InvalidOperationException e)
{
    log.LogCritical("{Problem}", e.Message);
    return 2;
}
// The host's own endpoints: they keep the invariant culture and get the API's security headers.
string[] apiPaths = ["/graphql", "/fhir", "/health", "/dev", BackChannelLogout.Path];
services.AddPassportSecurityHeaders(isDevelopment, authSettings.Authority, apiPaths);

// --- Web app (src/Passport.Web): server-rendered pages that run GraphQL in-process as the signed-in user.
var webSignInScheme = services.AddPassportWebSignIn(authSettings, isDevelopment);
services.AddPassportWebSessions(authSettings);
services.AddPassportWeb(web =>
{
    web.ViewerOf = KeycloakClaimsTransformation.ViewerOf;
    web.SignInScheme = webSignInScheme;
    web.SecureCookiesOnly = !isDevelopment;

    // The pages are offered in these languages, the default first (docs/languages.md).
    web.ApiPaths = apiPaths;
    if (configuration.GetSection("Passport:Languages").Get<string[]>() is { Length: > 0 } languages)
    {
        web.Languages = languages;
    }

    // The persona picker only beside the development key: never where a real identity provider is configured.
    if (isDevelopment && developmentKey is not null)
    {
        web.Personas = DemoPersonas.All
            .Select(p => new WebPersona(p.Key, p.Value.Subject, p.Value.Name, p.Value.PreferredUsername, p.Value.Roles, p.Value.Sector, p.Value.Organisation, p.Value.LocalAuthority))
            .ToList();
    }
});
// --- end web app

builder.AddPassportTelemetry();

var healthChecks = services.AddHealthChecks()
    .AddNpgSql(connectionString, name: "postgresql", tags: ["ready"], timeout: TimeSpan.FromSeconds(DatabaseOutage.DefaultConnectTimeoutSeconds))
    .AddCheck<ModulesHealthCheck>("modules", tags: ["ready"]);
var demoData = embeddedDatabase is not null && configuration.GetValue("Passport:SeedDemoData", true) ? new DemoDataReadiness() : null;
if (demoData is not null)
{
    healthChecks.AddCheck("demo-data", demoData, tags: ["ready"]);
}

var app = builder.Build();

var schema = app.Services.GetRequiredService<ISchema>();
var ungrouped = FieldGroupCoverage.Ungrouped(schema);
if (ungrouped.Count > 0)
{
    log.LogCritical("These Passport fields declare no field group, so access to them cannot be decided: {Fields}", string.Join(", ", ungrouped));
    return 4;
}

var undeclared = FieldGroupCoverage.Undeclared(schema, catalog.AllGroups);
if (undeclared.Count > 0)
{
    log.LogCritical("These Passport fields declare a field group that no module's passport-plugin.json declares, so nobody could see them: {Fields}", string.Join(", ", undeclared));
    return 4;
}

if (printSchemaOnly)
{
    await File.WriteAllTextAsync(schemaFile!, schema.Print() + "\n");
    log.LogInformation("Wrote the schema to {File}", schemaFile);
    return 0;
}

if (trustedProxies is not null)
{
    app.UseForwardedHeaders(trustedProxies);
}

app.UseSecurityHeaders();
app.UseCookiePolicy();
app.UsePassportWebStaticFiles(); // web app: NHS.UK frontend and page assets
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
app.MapPassportGraphQL();
app.MapPassportFhir();
app.MapPassportWeb(); // web app: Razor Pages
if (webSignInScheme is not null)
{
    app.MapPassportBackChannelLogout();
}
if (developmentKey is not null)
{
    app.MapDevTokens(developmentKey, authSettings.Audience);
}

try
{
    await app.StartAsync();
    if (demoData is not null)
    {
        await DemoData.SeedAsync(app.Services, log);
        demoData.Seeded();
    }

    foreach (var url in app.Urls)
    {
        log.LogInformation("Regional Children's Passport is listening on {Url} (GraphQL at {Url}/graphql)", url, url);
        if (developmentKey is not null)
        {
            log.LogInformation("Web app: open {Url}/ in a browser and sign in as a demo persona", url);
            log.LogInformation("Demo token: curl -s {Url}/dev/token/carer (personas: {Personas})", url, string.Join(", ", DemoPersonas.All.Keys));
        }
    }

    await app.WaitForShutdownAsync();
}
finally
{
    await app.DisposeAsync();
    if (embeddedDatabase is not null)
    {
        await embeddedDatabase.StopAsync();
    }
}

return 0;
