using GraphQL;
using GraphQL.Types;
using Marten;
using Passport.Sdk;

namespace Passport.Modules.Leisure.Activities;

/// <summary>An activity or club ended: it leaves the passport's current list and stays in its history.</summary>
public sealed record ActivityEnded(Guid ActivityId, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => LeisureModule.Activities;

    public Guid ItemId => ActivityId;
}

/// <summary>The command: end an activity, already authorised.</summary>
public sealed record EndActivity(Guid PassportId, ActivityEnded Ended);

public static class EndActivityHandler
{
    /// <summary>
    /// The activity is checked against the view in the same session that appends, so an id that is
    /// not a current activity of this passport is refused and nothing is written.
    /// </summary>
    public static async Task Handle(EndActivity command, IDocumentSession session)
    {
        var view = await session.LoadAsync<LeisureView>(command.PassportId);
        if (view?.Activities.Exists(a => a.Id == command.Ended.ActivityId) != true)
        {
            throw UnknownActivity();
        }

        await session.AppendToPassportAsync(command.PassportId, command.Ended);
    }

    internal static PassportException UnknownActivity() =>
        PassportException.Invalid("activityId", "activityId is not a current activity of this passport.");
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
                return await c.ChangePassportAsync(passportId, LeisureModule.Activities, recordedBy =>
                {
                    var activityId = Guid.TryParse(c.GetArgument<string>("activityId"), out var id) ? id : throw EndActivityHandler.UnknownActivity();
                    return new EndActivity(passportId, new ActivityEnded(activityId, recordedBy));
                });
            });
}
