using GraphQL;
using GraphQL.Types;
using Marten;
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

/// <summary>The command: amend an activity, already authorised and validated.</summary>
public sealed record AmendActivity(Guid PassportId, ActivityAmended Amended);

public static class AmendActivityHandler
{
    /// <summary>Only a current activity of this passport can be amended; otherwise nothing is written.</summary>
    public static async Task Handle(AmendActivity command, IDocumentSession session)
    {
        var view = await session.LoadAsync<LeisureView>(command.PassportId);
        if (view?.Activities.Exists(a => a.Id == command.Amended.ActivityId) != true)
        {
            throw EndActivityHandler.UnknownActivity();
        }

        await session.AppendToPassportAsync(command.PassportId, command.Amended);
    }
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
                return await c.ChangePassportAsync(passportId, LeisureModule.Activities, recordedBy =>
                {
                    var activityId = Guid.TryParse(c.GetArgument<string>("activityId"), out var id) ? id : throw EndActivityHandler.UnknownActivity();
                    var amended = new ActivityAmended(
                        activityId,
                        details.Name,
                        details.SupportNeeded,
                        details.NeedsOneToOne,
                        details.NeedsChangingPlaces,
                        details.SwimmingAbility,
                        details.DietaryNeeds,
                        recordedBy);
                    return new AmendActivity(passportId, amended);
                });
            });
}
