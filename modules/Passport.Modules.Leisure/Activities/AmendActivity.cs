using GraphQL;
using GraphQL.Types;
using Passport.Sdk;

namespace Passport.Modules.Leisure.Activities;

/// <summary>
/// An activity or club was amended: it keeps its id and place in the list, takes the new details,
/// and its provenance becomes whoever amended it (so a family amendment is shown as reported again).
/// </summary>
public sealed record ActivityAmended(
    Guid ActivityId,
    string Name,
    string? SupportNeeded,
    bool NeedsOneToOne,
    bool NeedsChangingPlaces,
    string? SwimmingAbility,
    string? DietaryNeeds,
    Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => LeisureModule.Activities;

    public Guid ItemId => ActivityId;
}

internal static class AmendActivityMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("amendActivity", passportType)
            .Description("Amends a current activity or club, keeping its id: verified when a leisure professional amends it, reported when the family does.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IdGraphType>>("activityId")
            .Argument<NonNullGraphType<ActivityInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var details = ActivityDetails.From(c.GetArgument<ActivityInput>("input"));
                var activityId = CurrentActivities.ActivityId(c);
                return await c.ChangePassportAsync(CurrentActivities.Change(passportId, activityId, recordedBy => new ActivityAmended(
                    activityId,
                    details.Name,
                    details.SupportNeeded,
                    details.NeedsOneToOne,
                    details.NeedsChangingPlaces,
                    details.SwimmingAbility,
                    details.DietaryNeeds,
                    recordedBy)));
            });
}
