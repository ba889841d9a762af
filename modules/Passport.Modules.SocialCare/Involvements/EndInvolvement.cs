using GraphQL;
using GraphQL.Types;
using Marten;
using Passport.Sdk;

namespace Passport.Modules.SocialCare.Involvements;

/// <summary>
/// Social care's involvement ended: the worker is no longer allocated and the services stopped.
/// It leaves the passport's current view and stays in its history.
/// </summary>
public sealed record InvolvementEnded(Guid InvolvementId, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => SocialCareModule.InvolvementGroup;

    public Guid ItemId => InvolvementId;
}

/// <summary>The command: end the current involvement, already authorised.</summary>
public sealed record EndInvolvement(Guid PassportId, Provenance RecordedBy);

public static class EndInvolvementHandler
{
    /// <summary>Checked against the view in the session that appends: with no current involvement nothing is written.</summary>
    public static async Task Handle(EndInvolvement command, IDocumentSession session)
    {
        var view = await session.LoadAsync<SocialCareView>(command.PassportId);
        var current = view?.Involvement ?? throw NoInvolvement();
        await session.AppendToPassportAsync(command.PassportId, new InvolvementEnded(current.Id, command.RecordedBy));
    }

    internal static PassportException NoInvolvement() =>
        PassportException.Invalid("passportId", "This passport has no current social-care involvement to end.");
}

internal static class EndInvolvementMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("endInvolvement", passportType)
            .Description("Ends social care's involvement: the worker is no longer allocated. It leaves the passport and stays in its history. Only social-care professionals end it.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                return await SocialCareRecording.ChangeAsync(c, passportId, SocialCareModule.InvolvementGroup, "involvement", recordedBy => new EndInvolvement(passportId, recordedBy));
            });
}
