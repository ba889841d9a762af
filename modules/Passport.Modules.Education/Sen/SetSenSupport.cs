using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Passport.Sdk;
using Wolverine;

namespace Passport.Modules.Education.Sen;

public enum SenSupportLevel
{
    None,
    SenSupport,
    Ehcp,
}

public enum EhcpStatus
{
    None,
    Requested,
    Assessing,
    Issued,
    Ceased,
}

/// <summary>The child's SEN support was set on the passport.</summary>
public sealed record SenSupportSet(
    SenSupportLevel Level,
    EhcpStatus EhcpStatus,
    DateOnly? EhcpDate,
    string? Needs,
    string? ReasonableAdjustments,
    string? HealthcarePlanInSchool,
    Provenance RecordedBy) : IPassportEvent;

/// <summary>SEN support as the passport shows it.</summary>
public sealed record SenSupport(
    SenSupportLevel Level,
    EhcpStatus EhcpStatus,
    DateOnly? EhcpDate,
    string? Needs,
    string? ReasonableAdjustments,
    string? HealthcarePlanInSchool,
    Provenance RecordedBy);

/// <summary>The command: set SEN support, already authorised and validated.</summary>
public sealed record SetSenSupport(Guid PassportId, SenSupportSet Support);

public static class SetSenSupportHandler
{
    public static async Task Handle(SetSenSupport command, IDocumentSession session) =>
        await session.AppendToPassportAsync(command.PassportId, command.Support);
}

public sealed class SenInput
{
    public SenSupportLevel Level { get; set; }
    public EhcpStatus EhcpStatus { get; set; }
    public DateOnly? EhcpDate { get; set; }
    public string? Needs { get; set; }
    public string? ReasonableAdjustments { get; set; }
    public string? HealthcarePlanInSchool { get; set; }
}

public sealed class SenSupportLevelGraphType : EnumerationGraphType<SenSupportLevel>
{
    public SenSupportLevelGraphType() => Name = "SenSupportLevel";
}

public sealed class EhcpStatusGraphType : EnumerationGraphType<EhcpStatus>
{
    public EhcpStatusGraphType() => Name = "EhcpStatus";
}

public sealed class SenInputGraphType : InputObjectGraphType<SenInput>
{
    public SenInputGraphType()
    {
        Name = "SenInput";
        Field<NonNullGraphType<SenSupportLevelGraphType>>("level");
        Field<NonNullGraphType<EhcpStatusGraphType>>("ehcpStatus");
        Field<DateScalar>("ehcpDate").Description("When the EHCP was issued, or its status last changed; not in the future.");
        Field<StringGraphType>("needs");
        Field<StringGraphType>("reasonableAdjustments");
        Field<StringGraphType>("healthcarePlanInSchool").Description("The individual healthcare plan in school.");
    }
}

public sealed class SenSupportGraphType : ObjectGraphType<SenSupport>
{
    public SenSupportGraphType()
    {
        Name = "SenSupport";
        Field<NonNullGraphType<SenSupportLevelGraphType>>("level").Resolve(c => c.Source.Level);
        Field<NonNullGraphType<EhcpStatusGraphType>>("ehcpStatus").Resolve(c => c.Source.EhcpStatus);
        Field<DateScalar>("ehcpDate").Resolve(c => c.Source.EhcpDate);
        Field<StringGraphType>("needs").Resolve(c => c.Source.Needs);
        Field<StringGraphType>("reasonableAdjustments").Resolve(c => c.Source.ReasonableAdjustments);
        Field<StringGraphType>("healthcarePlanInSchool").Resolve(c => c.Source.HealthcarePlanInSchool);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded by an education professional; false when reported by the family.")
            .Resolve(c => c.Source.RecordedBy.IsVerified);
    }
}

internal static class SetSenSupportMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("setSenSupport", passportType)
            .Description("Sets the child's SEN support and EHCP: verified when an education professional records it, reported when the family does.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<SenInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var input = c.GetArgument<SenInput>("input");
                var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
                if (input.EhcpDate > today)
                {
                    throw PassportException.Invalid("input.ehcpDate", "input.ehcpDate cannot be in the future.");
                }

                var needs = InputRules.Optional("input.needs", input.Needs);
                var adjustments = InputRules.Optional("input.reasonableAdjustments", input.ReasonableAdjustments);
                var healthcarePlan = InputRules.Optional("input.healthcarePlanInSchool", input.HealthcarePlanInSchool);
                var recordedBy = await services.GetRequiredService<IPassportRecorder>().AuthorizeAsync(passportId, EducationModule.Sen, c.CancellationToken);
                var support = new SenSupportSet(input.Level, input.EhcpStatus, input.EhcpDate, needs, adjustments, healthcarePlan, recordedBy);
                await services.GetRequiredService<IMessageBus>().InvokeAsync(new SetSenSupport(passportId, support), c.CancellationToken);
                return await services.GetRequiredService<IPassportReader>().ReadAsync(passportId, c.CancellationToken);
            });
}
