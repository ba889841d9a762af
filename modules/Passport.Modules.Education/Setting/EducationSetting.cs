using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Modules.Education.Setting;

/// <summary>
/// The child's school or nursery. Setting it again amends the current record, keeping its id;
/// after the child left the setting, a new record gets a new id.
/// </summary>
public sealed record EducationSetting(string Name, string? YearGroup, string? Urn, string? SencoContact) : RecordedItem, IEducationSetting
{
    /// <inheritdoc />
    string IEducationSetting.SettingName => Name;

    internal static void Declare(ItemKind<EducationView, EducationSetting> kind) => kind
        .Describe("a school or nursery", "School or nursery", "The school or nursery the child attends; null when none is recorded.")
        .Text("name", "Name of the school or nursery", required: true, description: "The school or nursery.")
        .Text("yearGroup", "Year group (optional)", hint: "For example, Year 3 or Reception", description: "e.g. Year 3, Reception.")
        .Text("urn", "Unique Reference Number (optional)", hint: "6 digits, for example 112233", maxLength: 6, description: "The setting's Unique Reference Number (6 digits).")
        .Text("sencoContact", "How to contact the SENCo (optional)", description: "How to reach the SENCo.")
        // A Unique Reference Number (GIAS) is exactly 6 digits.
        .Validate(setting => setting.Urn is null || setting.Urn.All(char.IsAsciiDigit) && setting.Urn.Length == 6
            ? setting
            : throw PassportException.Invalid("input.urn", "input.urn must be the setting's 6-digit Unique Reference Number."))
        .Form("Record the school or nursery", "Save school or nursery");
}
