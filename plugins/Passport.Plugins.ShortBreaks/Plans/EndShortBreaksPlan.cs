using GraphQL;
using GraphQL.Types;
using Passport.Sdk;

namespace Passport.Plugins.ShortBreaks.Plans;

/// <summary>The child's short breaks plan ended: it leaves the passport's current view and stays in its history.</summary>
public sealed record ShortBreaksPlanEnded(Guid PlanId, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => ShortBreaksModule.Plan;

    public Guid ItemId => PlanId;
}

internal static class EndShortBreaksPlanMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("endShortBreaksPlan", passportType)
            .Description("Ends the child's short breaks plan: it leaves the passport and stays in its history.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                return await c.ChangePassportAsync(SingleRecord.End<ShortBreaksView>(
                    passportId,
                    ShortBreaksModule.Plan,
                    view => view.Plan?.Id,
                    (id, endedBy) => new ShortBreaksPlanEnded(id, endedBy),
                    () => PassportException.Invalid("passportId", "This passport has no current short breaks plan to end.")));
            });
}
