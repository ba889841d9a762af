using Passport.Modules.Health.Items;
using Passport.Sdk;

namespace Passport.Modules.Health.Growth;

/// <summary>Height, weight and head circumference measured on one day (any of them).</summary>
public sealed record GrowthMeasurement(
    Guid Id,
    DateOnly MeasuredOn,
    double? HeightCm,
    double? WeightKg,
    double? HeadCircumferenceCm,
    Provenance RecordedBy,
    Provenance? VerifiedBy = null) : IHealthItem<GrowthMeasurement>
{
    public static string Group => HealthModule.Growth;

    public static List<GrowthMeasurement> CurrentIn(HealthView view) => view.Growth;

    public static IHealthItemChange Recorded(GrowthMeasurement item) => new GrowthMeasurementRecorded(item);

    public static ICurrentHealthItemChange Amended(Guid amendmentId, GrowthMeasurement item) => new GrowthMeasurementAmended(amendmentId, item);

    public static ICurrentHealthItemChange Ended(Guid itemId, Provenance endedBy) => new GrowthMeasurementEnded(itemId, endedBy);

    public GrowthMeasurement VerifiedAs(Provenance verifiedBy) => this with { VerifiedBy = verifiedBy };
}

public sealed record GrowthMeasurementRecorded(GrowthMeasurement Item) : HealthItemRecorded<GrowthMeasurement>(Item);

public sealed record GrowthMeasurementAmended(Guid AmendmentId, GrowthMeasurement Item) : HealthItemAmended<GrowthMeasurement>(AmendmentId, Item);

public sealed record GrowthMeasurementEnded(Guid ItemId, Provenance RecordedBy) : HealthItemEnded<GrowthMeasurement>(ItemId, RecordedBy);

/// <remarks>
/// The ranges refuse what no child from a premature baby to a young adult measures, so a slipped
/// unit (metres for centimetres, grams for kilograms) is caught rather than plotted.
/// </remarks>
public sealed class GrowthMeasurementInput : IHealthItemInput<GrowthMeasurement>
{
    public DateOnly MeasuredOn { get; set; }
    public double? HeightCm { get; set; }
    public double? WeightKg { get; set; }
    public double? HeadCircumferenceCm { get; set; }

    public GrowthMeasurement ToItem(Guid id, Provenance recordedBy)
    {
        if (HeightCm is null && WeightKg is null && HeadCircumferenceCm is null)
        {
            throw PassportException.Invalid("input", "Give at least one of input.heightCm, input.weightKg and input.headCircumferenceCm.");
        }

        return new(
            id,
            HealthInputRules.PastDate("input.measuredOn", MeasuredOn, recordedBy),
            HealthInputRules.Measurement("input.heightCm", HeightCm, 20, 250),
            HealthInputRules.Measurement("input.weightKg", WeightKg, 0.3, 250),
            HealthInputRules.Measurement("input.headCircumferenceCm", HeadCircumferenceCm, 20, 70),
            recordedBy);
    }
}
