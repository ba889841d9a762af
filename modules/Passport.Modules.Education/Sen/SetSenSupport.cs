using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Sdk;

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

/// <summary>
/// The child's SEN support was set on the passport. Setting it again amends the current record,
/// keeping its id; after SEN support ended, a new record gets a new id.
/// </summary>
public sealed record SenSupportSet(
    Guid SenId,
    SenSupportLevel Level,
    EhcpStatus EhcpStatus,
    DateOnly? EhcpDate,
    string? Needs,
    string? ReasonableAdjustments,
    string? HealthcarePlanInSchool,
    Provenance RecordedBy,
    DateOnly? EhcpReviewDate = null) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => EducationModule.Sen;

    public Guid ItemId => SenId;
}

/// <summary>SEN support as the passport shows it.</summary>
public sealed record SenSupport(
    Guid Id,
    SenSupportLevel Level,
    EhcpStatus EhcpStatus,
    DateOnly? EhcpDate,
    string? Needs,
    string? ReasonableAdjustments,
    string? HealthcarePlanInSchool,
    Provenance RecordedBy,
    DateOnly? EhcpReviewDate = null,
    Provenance? VerifiedBy = null) : IPassportItem
{
    /// <summary>Recorded by an education professional, or reported by the family and verified by one since.</summary>
    public bool IsVerified => RecordedBy.IsVerified || VerifiedBy is not null;
}

public sealed class SenInput
{
    public SenSupportLevel Level { get; set; }
    public EhcpStatus EhcpStatus { get; set; }
    public DateOnly? EhcpDate { get; set; }
    public DateOnly? EhcpReviewDate { get; set; }
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
        Field<DateScalar>("ehcpReviewDate").Description("When the EHCP's next annual review is due; not before ehcpDate, at most 2 years ahead.");
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
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The record's id: kept when SEN support is amended, new after it ended.")
            .Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<SenSupportLevelGraphType>>("level").Resolve(c => c.Source.Level);
        Field<NonNullGraphType<EhcpStatusGraphType>>("ehcpStatus").Resolve(c => c.Source.EhcpStatus);
        Field<DateScalar>("ehcpDate").Resolve(c => c.Source.EhcpDate);
        Field<DateScalar>("ehcpReviewDate").Resolve(c => c.Source.EhcpReviewDate);
        Field<StringGraphType>("needs").Resolve(c => c.Source.Needs);
        Field<StringGraphType>("reasonableAdjustments").Resolve(c => c.Source.ReasonableAdjustments);
        Field<StringGraphType>("healthcarePlanInSchool").Resolve(c => c.Source.HealthcarePlanInSchool);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded, or since verified, by an education professional; false when reported by the family.")
            .Resolve(c => c.Source.IsVerified);
        Field<ProvenanceGraphType>("verifiedBy")
            .Description("The education professional who verified what the family reported; null until then.")
            .Resolve(c => c.Source.VerifiedBy);
    }
}

internal static class SetSenSupportMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("setSenSupport", passportType)
            .Description("Sets the child's SEN support and EHCP, amending the current record (its id is kept): verified when an education professional records it, reported when the family does.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<SenInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var input = c.GetArgument<SenInput>("input");
                var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
                var ehcpDate = EducationDates.Past("input.ehcpDate", input.EhcpDate, today);
                var reviewDate = EducationDates.Planned("input.ehcpReviewDate", input.EhcpReviewDate, today, 2);
                if (reviewDate < ehcpDate)
                {
                    throw PassportException.Invalid("input.ehcpReviewDate", "input.ehcpReviewDate cannot be before input.ehcpDate.");
                }

                var needs = InputRules.Optional("input.needs", input.Needs);
                var adjustments = InputRules.Optional("input.reasonableAdjustments", input.ReasonableAdjustments);
                var healthcarePlan = InputRules.Optional("input.healthcarePlanInSchool", input.HealthcarePlanInSchool);
                // Setting it again amends the current record, keeping its id.
                return await c.ChangePassportAsync(SingleRecord.Set<EducationView>(
                    passportId,
                    EducationModule.Sen,
                    view => view.Sen?.Id,
                    (id, recordedBy) => new SenSupportSet(id, input.Level, input.EhcpStatus, ehcpDate, needs, adjustments, healthcarePlan, recordedBy, reviewDate)));
            });
}
