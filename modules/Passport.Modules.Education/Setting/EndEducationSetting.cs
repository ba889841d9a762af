using GraphQL;
using GraphQL.Types;
using Marten;
using Passport.Sdk;

namespace Passport.Modules.Education.Setting;

/// <summary>The child left their school or nursery: the setting leaves the passport's current view and stays in its history.</summary>
public sealed record EducationSettingEnded(Guid SettingId, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => EducationModule.Setting;

    public Guid ItemId => SettingId;
}

/// <summary>The command: end the current setting, already authorised.</summary>
public sealed record EndEducationSetting(Guid PassportId, Provenance RecordedBy);

public static class EndEducationSettingHandler
{
    /// <summary>Checked against the view in the session that appends: with no current setting nothing is written.</summary>
    public static async Task Handle(EndEducationSetting command, IDocumentSession session)
    {
        var view = await session.LoadAsync<EducationView>(command.PassportId);
        var current = view?.Setting ?? throw NoSetting();
        await session.AppendToPassportAsync(command.PassportId, new EducationSettingEnded(current.Id, command.RecordedBy));
    }

    internal static PassportException NoSetting() =>
        PassportException.Invalid("passportId", "This passport has no current education setting to end.");
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
                return await c.ChangePassportAsync(passportId, EducationModule.Setting, recordedBy => new EndEducationSetting(passportId, recordedBy));
            });
}
