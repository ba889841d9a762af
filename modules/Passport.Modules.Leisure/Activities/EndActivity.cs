using GraphQL;
using GraphQL.Types;
using Passport.Sdk;

namespace Passport.Modules.Leisure.Activities;

/// <summary>An activity or club ended: it leaves the passport's current list and stays in its history.</summary>
public sealed record ActivityEnded(Guid ActivityId, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => LeisureModule.Activities;

    public Guid ItemId => ActivityId;
}

internal static class EndActivityMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("endActivity", passportType)
            .Description("Ends an activity or club: it leaves the current list and stays in the passport's history.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IdGraphType>>("activityId")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var activityId = CurrentActivities.ActivityId(c);
                return await c.ChangePassportAsync(CurrentActivities.Change(passportId, activityId, recordedBy => new ActivityEnded(activityId, recordedBy)));
            });
}
