using Passport.Modules.Health.Items;
using Passport.Sdk;

namespace Passport.Modules.Health.Immunisations;

/// <summary>A vaccine the child was given, and when.</summary>
public sealed record Immunisation(Guid Id, string Vaccine, DateOnly GivenOn, Provenance RecordedBy, Provenance? VerifiedBy = null) : IHealthItem<Immunisation>
{
    public static string Group => HealthModule.Immunisations;

    public static List<Immunisation> CurrentIn(HealthView view) => view.Immunisations;

    public static IHealthItemChange Recorded(Immunisation item) => new ImmunisationRecorded(item);

    public static ICurrentHealthItemChange Amended(Guid amendmentId, Immunisation item) => new ImmunisationAmended(amendmentId, item);

    public static ICurrentHealthItemChange Ended(Guid itemId, Provenance endedBy) => new ImmunisationEnded(itemId, endedBy);

    public Immunisation VerifiedAs(Provenance verifiedBy) => this with { VerifiedBy = verifiedBy };
}

public sealed record ImmunisationRecorded(Immunisation Item) : HealthItemRecorded<Immunisation>(Item);

public sealed record ImmunisationAmended(Guid AmendmentId, Immunisation Item) : HealthItemAmended<Immunisation>(AmendmentId, Item);

public sealed record ImmunisationEnded(Guid ItemId, Provenance RecordedBy) : HealthItemEnded<Immunisation>(ItemId, RecordedBy);

public sealed class ImmunisationInput : IHealthItemInput<Immunisation>
{
    public string Vaccine { get; set; } = "";
    public DateOnly GivenOn { get; set; }

    public Immunisation ToItem(Guid id, Provenance recordedBy) => new(
        id,
        InputRules.Required("input.vaccine", Vaccine),
        HealthInputRules.PastDate("input.givenOn", GivenOn, recordedBy),
        recordedBy);
}
