using GraphQL;
using GraphQL.Types;
using Passport.Sdk;

namespace Passport.Modules.Education.Setting;

/// <summary>The child left their school or nursery: the setting leaves the passport's current view and stays in its history.</summary>
public sealed record EducationSettingEnded(Guid SettingId, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => EducationModule.Setting;

    public Guid ItemId => SettingId;
}

internal static class EndEducationSettingMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("endEducationSetting", passportType)
            .Description("Records that the child left their school or nursery: the setting leaves the passport and stays in its history.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                return await c.ChangePassportAsync(SingleRecord.End<EducationView>(
                    passportId,
                    EducationModule.Setting,
                    view => view.Setting?.Id,
                    (id, endedBy) => new EducationSettingEnded(id, endedBy),
                    () => PassportException.Invalid("passportId", "This passport has no current education setting to end.")));
            });
}
