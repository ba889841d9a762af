using JasperFx.Events.Projections;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.AboutMe;
using Passport.Core.Access;
using Passport.Core.BreakGlass;
using Passport.Core.CareTeam;
using Passport.Core.Carers;
using Passport.Core.ChildDetails;
using Passport.Core.Control;
using Passport.Core.EmergencyContacts;
using Passport.Core.FamilyAccess;
using Passport.Core.Reviews;
using Passport.Core.ShareCodes;
using Passport.Core.Sharing;
using Passport.Core.Withholding;
using Passport.Core.AccessLog;
using Passport.Core.GraphQL;
using Passport.Core.Modules;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core;

/// <summary>The core's registration with the host.</summary>
public static class PassportCoreRegistration
{
    public const string PassportSchemaName = "passport";
    public const string AuditSchemaName = "audit";

    /// <summary>Satisfaction answers: apart from passports and people.</summary>
    public const string ImpactSchemaName = "impact";

    /// <summary>The search path the host's connections use, whatever the connection string says.</summary>
    public const string SearchPath = "public";

    /// <summary>
    /// The connection string with <see cref="SearchPath"/>. Marten writes every name qualified, its
    /// indexes too: a date or time index calls <c>passport.mt_immutable_…()</c> on a table in
    /// <c>audit</c> or <c>impact</c>. At each start Weasel compares that with PostgreSQL's own
    /// rendering of the index, which leaves the function unqualified when <c>passport</c> is on the
    /// search path, as it is by default for the <c>passport</c> role (<c>"$user", public</c>): the
    /// two differ, and the index was dropped and built again at every start. With <c>passport</c>
    /// off the path PostgreSQL renders the name as Marten writes it.
    /// </summary>
    /// <param name="connectionString">The configured connection string.</param>
    /// <returns>The same with <c>Search Path=public</c>.</returns>
    public static string WithSearchPath(string connectionString) =>
        new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { SearchPath = SearchPath }.ConnectionString;

    public static IServiceCollection AddPassportCore(this IServiceCollection services, SharingPolicy policy, ModuleCatalog modules, PassportSchemaContributions contributions)
    {
        services.AddSingleton(policy);
        services.AddSingleton(modules);
        services.AddSingleton(contributions);
        services.AddSingleton<AccessDecision>();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<CurrentViewer>();
        services.AddScoped<AccessLogCollector>();
        services.AddScoped<PassportAccess>();
        services.AddScoped<SectionReads>();
        services.AddScoped<Fhir.PassportSummaries>();
        services.AddScoped<Fhir.FhirImports>();
        services.AddScoped<IPassportReader>(sp => sp.GetRequiredService<PassportAccess>());
        services.AddSingleton<WriteDecision>();
        services.AddScoped<IPassportWriter, PassportWriter>();
        services.AddScoped<ShareCodes.GuessLimits>();
        services.AddScoped<Notifications.NotificationsQuery>();
        services.AddScoped<LocalAuthorityModules.ModuleEnablements>();
        services.AddScoped<PassportViewBatch>();
        services.AddScoped<Impact.ImpactReports>();
        services.AddScoped<Impact.SatisfactionAnswers>();
        services.AddScoped(typeof(PassportViewLoader<>));
        services.AddHostedService<Retention.RetentionJob>();
        return services;
    }

    public static void ConfigureCoreMarten(StoreOptions options)
    {
        options.Events.DatabaseSchemaName = PassportSchemaName;
        options.Events.AddEventType<PassportCreated>();
        options.Events.AddEventType<AboutMeUpdated>();
        options.Events.AddEventType<EmergencyContactAdded>();
        options.Events.AddEventType<EmergencyContactAmended>();
        options.Events.AddEventType<EmergencyContactRemoved>();
        options.Events.AddEventType<ChildDetailsUpdated>();
        options.Events.AddEventType<NhsNumberSet>();
        options.Events.AddEventType<CareTeamMemberJoined>();
        options.Events.AddEventType<CareTeamMemberRemoved>();
        options.Events.AddEventType<ShareCodeIssued>();
        options.Events.AddEventType<SharingChanged>();
        options.Events.AddEventType<BreakGlassUsed>();
        options.Events.AddEventType<CarerInvited>();
        options.Events.AddEventType<CarerLinked>();
        options.Events.AddEventType<FamilyAccessFrozen>();
        options.Events.AddEventType<FamilyAccessUnfrozen>();
        options.Events.AddEventType<YoungPersonInvited>();
        options.Events.AddEventType<SectionReviewed>();
        options.Events.AddEventType<ItemVerified>();
        options.Events.AddEventType<YoungPersonLinked>();
        options.Events.AddEventType<YoungPersonTookControl>();
        options.Events.AddEventType<ItemWithholdingChanged>();
        options.Events.AddEventType<CarerContactDetailsSet>();
        options.Events.AddEventType<CarerRemoved>();
        options.Events.AddEventType<Retention.PassportClosureObserved>();
        options.Events.AddEventType<EmergencyCards.EmergencyCardIssued>();
        options.Events.AddEventType<EmergencyCards.EmergencyCardRevoked>();
        EmergencyCards.EmergencyCard.Configure(options, PassportSchemaName);
        options.Projections.Add<PassportViewProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<Impact.PassportImpactProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<Impact.PassportImpact>().DatabaseSchemaName(PassportSchemaName);
        options.Schema.For<Impact.SatisfactionAnswer>().DatabaseSchemaName(ImpactSchemaName).Index(x => x.Month);
        options.Schema.For<Impact.ImpactReportRead>().DatabaseSchemaName(AuditSchemaName).Index(x => x.Subject);
        options.Schema.For<PassportView>()
            .DatabaseSchemaName(PassportSchemaName)
            // mt_version holds the stream version whichever module appended the last event.
            .Metadata(m => m.Revision.MapTo(x => x.Version))
            .UniqueIndex(x => x.NhsNumber!)
            // The retention job looks for passports by date of birth (those old enough to have closed).
            .Index(x => x.DateOfBirth);

        // "My passports" reads its order from a membership table kept in step by PostgreSQL (ADR 0026).
        options.Storage.Add(new PassportMembers(options));
        options.Schema.For<ShareCode>().DatabaseSchemaName(PassportSchemaName).UseOptimisticConcurrency(true);
        options.Schema.For<Languages.PersonLanguage>().DatabaseSchemaName(PassportSchemaName);
        options.Schema.For<Fhir.ImportedResource>().DatabaseSchemaName(PassportSchemaName).Index(x => x.PassportId);
        options.Schema.For<LocalAuthorityModules.ModuleEnablement>().DatabaseSchemaName(PassportSchemaName).Index(x => x.LocalAuthority);
        options.Schema.For<LocalAuthorityModules.ModuleEnablementChange>().DatabaseSchemaName(AuditSchemaName).Index(x => x.LocalAuthority);
        options.Schema.For<FamilyInvitation>().DatabaseSchemaName(PassportSchemaName).UseOptimisticConcurrency(true);
        options.Schema.For<Notification>().DatabaseSchemaName(PassportSchemaName).Index(x => x.PassportId)
            // myNotifications pages newest first: a page reads the index from its cursor.
            .Index([x => x.Recipient!, x => x.At]);
        options.Schema.For<ShareCodeAttempt>().DatabaseSchemaName(AuditSchemaName).Index(x => x.Subject).Index(x => x.Organisation!);
        options.Schema.For<Retention.PassportPurged>().DatabaseSchemaName(AuditSchemaName);
        options.Schema.For<AccessLogEntry>()
            .DatabaseSchemaName(AuditSchemaName)
            // accessLog pages newest first within a passport: a page reads the index from its cursor
            // (and anything else looking entries up by passport uses the same index).
            .Index([x => x.PassportId, x => x.At])
            .Index(x => x.At);
    }
}
