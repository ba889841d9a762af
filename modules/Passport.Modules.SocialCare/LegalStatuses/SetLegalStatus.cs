using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Passport.Sdk;

namespace Passport.Modules.SocialCare.LegalStatuses;

public enum LegalStatus
{
    None,
    ChildInNeed,
    ChildProtectionPlan,
    LookedAfter,
}

/// <summary>
/// Social care set the child's legal status. It replaces the status before and keeps the record's
/// id: the passport has one legal status record, and <see cref="LegalStatus.None"/> ends any status.
/// </summary>
public sealed record LegalStatusSet(Guid LegalStatusId, LegalStatus Status, DateOnly? Since, string? ResponsibleAuthority, Provenance RecordedBy) : ISocialCareLegalStatusSet, IPassportItemEvent
{
    public string? FieldGroup => SocialCareModule.LegalStatusGroup;

    /// <summary>While a child protection plan or looked after, the family cannot remove social care from the care team.</summary>
    public bool IsStatutory => Status is LegalStatus.ChildProtectionPlan or LegalStatus.LookedAfter;

    public Guid ItemId => LegalStatusId;
}

/// <summary>The child's legal status as the passport shows it.</summary>
public sealed record LegalStatusRecord(Guid Id, LegalStatus Status, DateOnly? Since, string? ResponsibleAuthority, Provenance RecordedBy, Provenance? VerifiedBy = null) : IPassportItem
{
    /// <summary>Recorded, or since verified, by a social-care professional.</summary>
    public bool IsVerified => RecordedBy.IsVerified || VerifiedBy is not null;
}

public sealed class LegalStatusInput
{
    public LegalStatus Status { get; set; }
    public DateOnly? Since { get; set; }
    public string? ResponsibleAuthority { get; set; }
}

public sealed class LegalStatusGraphType : EnumerationGraphType<LegalStatus>
{
    public LegalStatusGraphType() => Name = "LegalStatus";
}

public sealed class LegalStatusInputGraphType : InputObjectGraphType<LegalStatusInput>
{
    public LegalStatusInputGraphType()
    {
        Name = "LegalStatusInput";
        Field<NonNullGraphType<LegalStatusGraphType>>("status");
        Field<DateScalar>("since");
        Field<StringGraphType>("responsibleAuthority");
    }
}

public sealed class LegalStatusRecordGraphType : ObjectGraphType<LegalStatusRecord>
{
    public LegalStatusRecordGraphType()
    {
        Name = "LegalStatusRecord";
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The record's id, kept when the status changes.")
            .Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<LegalStatusGraphType>>("status").Resolve(c => c.Source.Status);
        Field<DateScalar>("since").Resolve(c => c.Source.Since);
        Field<StringGraphType>("responsibleAuthority").Resolve(c => c.Source.ResponsibleAuthority);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded, or since verified, by a social-care professional.")
            .Resolve(c => c.Source.IsVerified);
        Field<ProvenanceGraphType>("verifiedBy")
            .Description("The social-care professional who verified the record, when someone else recorded it; null otherwise.")
            .Resolve(c => c.Source.VerifiedBy);
    }
}

internal static class SetLegalStatusMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("setLegalStatus", passportType)
            .Description("Sets the child's legal status, replacing the one before (NONE ends it). Only social-care professionals record it.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<LegalStatusInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                // One legal status record per passport: a new status keeps the record's id.
                return await c.ChangePassportAsync(SingleRecord.Set<SocialCareView>(passportId, SocialCareModule.LegalStatusGroup, view => view.LegalStatus?.Id, (id, recordedBy) =>
                {
                    var input = c.GetArgument<LegalStatusInput>("input");
                    var since = SocialCareDates.Past("input.since", input.Since, UkDate.Of(recordedBy.RecordedAt));
                    var authority = InputRules.Optional("input.responsibleAuthority", input.ResponsibleAuthority, InputRules.ShortText);
                    return new LegalStatusSet(id, input.Status, since, authority, recordedBy);
                }));
            });
}
