using GraphQL;
using GraphQL.Types;
using Marten;
using Passport.Sdk;

namespace Passport.Plugins.ShortBreaks.Plans;

/// <summary>The child's short breaks plan ended: it leaves the passport's current view and stays in its history.</summary>
public sealed record ShortBreaksPlanEnded(Guid PlanId, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => ShortBreaksModule.Plan;

    public Guid ItemId => PlanId;
}

/// <summary>The command: end the current plan, already authorised.</summary>
public sealed record EndShortBreaksPlan(Guid PassportId, Provenance RecordedBy);

public static class EndShortBreaksPlanHandler
{
    /// <summary>Checked against the view in the session that appends: with no current plan nothing is written.</summary>
    public static async Task Handle(EndShortBreaksPlan command, IDocumentSession session)
    {
        var view = await session.LoadAsync<ShortBreaksView>(command.PassportId);
        var current = view?.Plan ?? throw NoPlan();
        await session.AppendToPassportAsync(command.PassportId, new ShortBreaksPlanEnded(current.Id, command.RecordedBy));
    }

    internal static PassportException NoPlan() =>
        PassportException.Invalid("passportId", "This passport has no current short breaks plan to end.");
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
                return await c.ChangePassportAsync(passportId, ShortBreaksModule.Plan, recordedBy => new EndShortBreaksPlan(passportId, recordedBy));
            });
}
