using GraphQL;
using GraphQL.Types;
using Marten;
using Passport.Sdk;

namespace Passport.Modules.Education.Sen;

/// <summary>The child's SEN support ended: it leaves the passport's current view and stays in its history.</summary>
public sealed record SenSupportEnded(Guid SenId, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => EducationModule.Sen;

    public Guid ItemId => SenId;
}

/// <summary>The command: end the current SEN support, already authorised.</summary>
public sealed record EndSenSupport(Guid PassportId, Provenance RecordedBy);

public static class EndSenSupportHandler
{
    /// <summary>Checked against the view in the session that appends: with no current SEN support nothing is written.</summary>
    public static async Task Handle(EndSenSupport command, IDocumentSession session)
    {
        var view = await session.LoadAsync<EducationView>(command.PassportId);
        var current = view?.Sen ?? throw NoSenSupport();
        await session.AppendToPassportAsync(command.PassportId, new SenSupportEnded(current.Id, command.RecordedBy));
    }

    internal static PassportException NoSenSupport() =>
        PassportException.Invalid("passportId", "This passport has no current SEN support to end.");
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
                return await c.ChangePassportAsync(passportId, EducationModule.Sen, recordedBy => new EndSenSupport(passportId, recordedBy));
            });
}
