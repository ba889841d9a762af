using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Modules.Health.Growth;

/// <summary>One growth measurement: at least one of height, weight and head circumference, on a day.</summary>
public sealed record GrowthMeasurement(DateOnly MeasuredOn, double? HeightCm, double? WeightKg, double? HeadCircumferenceCm) : RecordedItem
{
    internal static void Declare(ItemKind<HealthView, GrowthMeasurement> kind) => kind
        .Describe("a growth measurement", "Growth", "Growth measurements, oldest first.")
        .Date("measuredOn", "Date measured", required: true, hint: "For example, 15 3 2024", description: "The day measured: not in the future.")
        .Number("heightCm", "Height in centimetres (optional)", 20, 250, hint: "Between 20 and 250", description: "Height or length in centimetres, 20 to 250.")
        .Number("weightKg", "Weight in kilograms (optional)", 0.3, 250, hint: "Between 0.3 and 250", description: "Weight in kilograms, 0.3 to 250.")
        .Number("headCircumferenceCm", "Head circumference in centimetres (optional)", 20, 70, hint: "Between 20 and 70", description: "Head circumference in centimetres, 20 to 70.")
        .Validate(measurement => measurement is { HeightCm: null, WeightKg: null, HeadCircumferenceCm: null }
            ? throw PassportException.Invalid("input", "Give at least one of input.heightCm, input.weightKg and input.headCircumferenceCm.")
            : measurement)
        .Chart("measuredOn", "heightCm", "weightKg", "headCircumferenceCm")
        .Ordered(measurements => measurements.OrderBy(m => m.MeasuredOn).ThenBy(m => m.RecordedBy.RecordedAt))
        .Form("Add a growth measurement", "Save measurement", familyTitle: "Report a growth measurement");
}
