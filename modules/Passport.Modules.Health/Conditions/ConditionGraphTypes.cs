using GraphQL.Types;
using Passport.Modules.Health.Items;
using Passport.Sdk;

namespace Passport.Modules.Health.Conditions;

public sealed class ConditionInputGraphType : InputObjectGraphType<ConditionInput>
{
    public ConditionInputGraphType()
    {
        Name = "ConditionInput";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The condition or diagnosis, e.g. Epilepsy.");
        Field<StringGraphType>("snomedCode").Description("Its SNOMED CT concept id, e.g. 84757009, when known.");
        Field<DateScalar>("onset").Description("When it began or was diagnosed.");
    }
}

public sealed class ConditionGraphType : ObjectGraphType<Condition>
{
    public ConditionGraphType()
    {
        Name = "Condition";
        Description = "A condition or diagnosis.";
        this.AddIdField();
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("snomedCode").Description("SNOMED CT concept id.").Resolve(c => c.Source.SnomedCode);
        Field<DateScalar>("onset").Resolve(c => c.Source.Onset);
        this.AddProvenanceFields();
    }
}
