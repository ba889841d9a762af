using GraphQL;
using GraphQL.Types;
using Passport.Sdk;

namespace Passport.Modules.Education.Sen;

/// <summary>The child's SEN support ended: it leaves the passport's current view and stays in its history.</summary>
public sealed record SenSupportEnded(Guid SenId, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => EducationModule.Sen;

    public Guid ItemId => SenId;
}

internal static class EndSenSupportMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("endSenSupport", passportType)
            .Description("Ends the child's SEN support: it leaves the passport and stays in its history.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                return await c.ChangePassportAsync(SingleRecord.End<EducationView>(
                    passportId,
                    EducationModule.Sen,
                    view => view.Sen?.Id,
                    (id, endedBy) => new SenSupportEnded(id, endedBy),
                    () => PassportException.Invalid("passportId", "This passport has no current SEN support to end.")));
            });
}
