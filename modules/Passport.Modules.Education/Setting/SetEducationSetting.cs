using GraphQL;
using GraphQL.Types;
using Passport.Sdk;

namespace Passport.Modules.Education.Setting;

/// <summary>
/// The child's school or nursery was set on the passport. Setting it again amends the current
/// record, keeping its id; after the child left the setting, a new record gets a new id.
/// </summary>
public sealed record EducationSettingSet(Guid SettingId, string Name, string? Urn, string? YearGroup, string? SencoContact, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => EducationModule.Setting;

    public Guid ItemId => SettingId;
}

/// <summary>The school or nursery as the passport shows it.</summary>
public sealed record EducationSetting(Guid Id, string Name, string? Urn, string? YearGroup, string? SencoContact, Provenance RecordedBy, Provenance? VerifiedBy = null) : IPassportItem
{
    /// <summary>Recorded by an education professional, or reported by the family and verified by one since.</summary>
    public bool IsVerified => RecordedBy.IsVerified || VerifiedBy is not null;
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
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The record's id: kept when the setting is amended, new after the child left a setting.")
            .Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("urn").Resolve(c => c.Source.Urn);
        Field<StringGraphType>("yearGroup").Resolve(c => c.Source.YearGroup);
        Field<StringGraphType>("sencoContact").Resolve(c => c.Source.SencoContact);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded, or since verified, by an education professional; false when reported by the family.")
            .Resolve(c => c.Source.IsVerified);
        Field<ProvenanceGraphType>("verifiedBy")
            .Description("The education professional who verified what the family reported; null until then.")
            .Resolve(c => c.Source.VerifiedBy);
    }
}

internal static class SetEducationSettingMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("setEducationSetting", passportType)
            .Description("Sets the child's school or nursery, amending the current record (its id is kept): verified when an education professional records it, reported when the family does.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<EducationSettingInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var input = c.GetArgument<EducationSettingInput>("input");
                var name = InputRules.Required("input.name", input.Name);
                var yearGroup = InputRules.Optional("input.yearGroup", input.YearGroup, InputRules.ShortText);
                var urn = Urn(input.Urn);
                var sencoContact = InputRules.Optional("input.sencoContact", input.SencoContact, InputRules.ShortText);
                // Setting it again amends the current record, keeping its id.
                return await c.ChangePassportAsync(SingleRecord.Set<EducationView>(
                    passportId,
                    EducationModule.Setting,
                    view => view.Setting?.Id,
                    (id, recordedBy) => new EducationSettingSet(id, name, urn, yearGroup, sencoContact, recordedBy)));
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
