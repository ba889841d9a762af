using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Passport.Sdk;
using Wolverine;

namespace Passport.Modules.Education.Setting;

/// <summary>The child's school or nursery was set on the passport.</summary>
public sealed record EducationSettingSet(string Name, string? Urn, string? YearGroup, string? SencoContact, Provenance RecordedBy) : IPassportEvent;

/// <summary>The school or nursery as the passport shows it.</summary>
public sealed record EducationSetting(string Name, string? Urn, string? YearGroup, string? SencoContact, Provenance RecordedBy);

/// <summary>The command: set the education setting, already authorised and validated.</summary>
public sealed record SetEducationSetting(Guid PassportId, EducationSettingSet Setting);

public static class SetEducationSettingHandler
{
    public static async Task Handle(SetEducationSetting command, IDocumentSession session) =>
        await session.AppendToPassportAsync(command.PassportId, command.Setting);
}

public sealed class EducationSettingInput
{
    public string Name { get; set; } = "";
    public string? YearGroup { get; set; }
    public string? Urn { get; set; }
    public string? SencoContact { get; set; }
}

public sealed class EducationSettingInputGraphType : InputObjectGraphType<EducationSettingInput>
{
    public EducationSettingInputGraphType()
    {
        Name = "EducationSettingInput";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The school or nursery.");
        Field<StringGraphType>("yearGroup").Description("e.g. Year 3, Reception.");
        Field<StringGraphType>("urn").Description("The setting's Unique Reference Number (6 digits).");
        Field<StringGraphType>("sencoContact").Description("How to reach the SENCo.");
    }
}

public sealed class EducationSettingGraphType : ObjectGraphType<EducationSetting>
{
    public EducationSettingGraphType()
    {
        Name = "EducationSetting";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("urn").Resolve(c => c.Source.Urn);
        Field<StringGraphType>("yearGroup").Resolve(c => c.Source.YearGroup);
        Field<StringGraphType>("sencoContact").Resolve(c => c.Source.SencoContact);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded by an education professional; false when reported by the family.")
            .Resolve(c => c.Source.RecordedBy.IsVerified);
    }
}

internal static class SetEducationSettingMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("setEducationSetting", passportType)
            .Description("Sets the child's school or nursery: verified when an education professional records it, reported when the family does.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<EducationSettingInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var input = c.GetArgument<EducationSettingInput>("input");
                var name = InputRules.Required("input.name", input.Name);
                var yearGroup = InputRules.Optional("input.yearGroup", input.YearGroup, InputRules.ShortText);
                var urn = Urn(input.Urn);
                var sencoContact = InputRules.Optional("input.sencoContact", input.SencoContact, InputRules.ShortText);
                var recordedBy = await services.GetRequiredService<IPassportRecorder>().AuthorizeAsync(passportId, EducationModule.Setting, c.CancellationToken);
                var setting = new EducationSettingSet(name, urn, yearGroup, sencoContact, recordedBy);
                await services.GetRequiredService<IMessageBus>().InvokeAsync(new SetEducationSetting(passportId, setting), c.CancellationToken);
                return await services.GetRequiredService<IPassportReader>().ReadAsync(passportId, c.CancellationToken);
            });

    /// <summary>A Unique Reference Number (GIAS) is exactly 6 digits.</summary>
    private static string? Urn(string? value)
    {
        var urn = InputRules.Optional("input.urn", value, 6);
        return urn is null || urn.All(char.IsAsciiDigit) && urn.Length == 6
            ? urn
            : throw PassportException.Invalid("input.urn", "input.urn must be the setting's 6-digit Unique Reference Number.");
    }
}
