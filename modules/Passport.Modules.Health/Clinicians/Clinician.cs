using Passport.Modules.Health.Items;
using Passport.Sdk;

namespace Passport.Modules.Health.Clinicians;

/// <summary>A key clinician or service involved in the child's care, e.g. their consultant paediatrician.</summary>
public sealed record Clinician(
    Guid Id,
    string Name,
    string? Role,
    string? Service,
    string? Contact,
    Provenance RecordedBy,
    Provenance? VerifiedBy = null) : IHealthItem<Clinician>
{
    public static string Group => HealthModule.Clinical;

    public static List<Clinician> CurrentIn(HealthView view) => view.Clinicians;

    public static IHealthItemChange Recorded(Clinician item) => new ClinicianRecorded(item);

    public static ICurrentHealthItemChange Amended(Guid amendmentId, Clinician item) => new ClinicianAmended(amendmentId, item);

    public static ICurrentHealthItemChange Ended(Guid itemId, Provenance endedBy) => new ClinicianEnded(itemId, endedBy);

    public Clinician VerifiedAs(Provenance verifiedBy) => this with { VerifiedBy = verifiedBy };
}

public sealed record ClinicianRecorded(Clinician Item) : HealthItemRecorded<Clinician>(Item);

public sealed record ClinicianAmended(Guid AmendmentId, Clinician Item) : HealthItemAmended<Clinician>(AmendmentId, Item);

public sealed record ClinicianEnded(Guid ItemId, Provenance RecordedBy) : HealthItemEnded<Clinician>(ItemId, RecordedBy);

public sealed class ClinicianInput : IHealthItemInput<Clinician>
{
    public string Name { get; set; } = "";
    public string? Role { get; set; }
    public string? Service { get; set; }
    public string? Contact { get; set; }

    public Clinician ToItem(Guid id, Provenance recordedBy) => new(
        id,
        InputRules.Required("input.name", Name),
        InputRules.Optional("input.role", Role, InputRules.ShortText),
        InputRules.Optional("input.service", Service, InputRules.ShortText),
        InputRules.Optional("input.contact", Contact, InputRules.ShortText),
        recordedBy);
}
