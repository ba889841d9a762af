using GraphQL.Types;
using Passport.Modules.Health.Items;
using Passport.Sdk;

namespace Passport.Modules.Health.Growth;

public sealed class GrowthMeasurementInputGraphType : InputObjectGraphType<GrowthMeasurementInput>
{
    public GrowthMeasurementInputGraphType()
    {
        Name = "GrowthMeasurementInput";
        Description = "One day's measurements: at least one of height, weight and head circumference.";
        Field<NonNullGraphType<DateScalar>>("measuredOn").Description("The day measured: not in the future.");
        Field<FloatGraphType>("heightCm").Description("Height or length in centimetres, 20 to 250.");
        Field<FloatGraphType>("weightKg").Description("Weight in kilograms, 0.3 to 250.");
        Field<FloatGraphType>("headCircumferenceCm").Description("Head circumference in centimetres, 20 to 70.");
    }
}

public sealed class GrowthMeasurementGraphType : ObjectGraphType<GrowthMeasurement>
{
    public GrowthMeasurementGraphType()
    {
        Name = "GrowthMeasurement";
        Description = "Height, weight and head circumference measured on one day.";
        this.AddIdField();
        Field<NonNullGraphType<DateScalar>>("measuredOn").Resolve(c => c.Source.MeasuredOn);
        Field<FloatGraphType>("heightCm").Resolve(c => c.Source.HeightCm);
        Field<FloatGraphType>("weightKg").Resolve(c => c.Source.WeightKg);
        Field<FloatGraphType>("headCircumferenceCm").Resolve(c => c.Source.HeadCircumferenceCm);
        this.AddProvenanceFields();
    }
}
