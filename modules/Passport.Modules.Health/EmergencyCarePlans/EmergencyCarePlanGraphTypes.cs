using GraphQL.Types;
using Passport.Modules.Health.Items;

namespace Passport.Modules.Health.EmergencyCarePlans;

public sealed class EmergencyCarePlanInputGraphType : InputObjectGraphType<EmergencyCarePlanInput>
{
    public EmergencyCarePlanInputGraphType()
    {
        Name = "EmergencyCarePlanInput";
        Field<NonNullGraphType<StringGraphType>>("title").Description("What the plan is for, e.g. Seizure plan.");
        Field<NonNullGraphType<StringGraphType>>("plan").Description("What to do, step by step.");
    }
}

public sealed class EmergencyCarePlanGraphType : ObjectGraphType<EmergencyCarePlan>
{
    public EmergencyCarePlanGraphType()
    {
        Name = "EmergencyCarePlan";
        Description = "What to do in an emergency, e.g. a seizure plan.";
        this.AddIdField();
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<NonNullGraphType<StringGraphType>>("plan").Resolve(c => c.Source.Plan);
        this.AddProvenanceFields();
    }
}
