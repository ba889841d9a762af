using GraphQL.Types;
using Passport.Modules.Health.Items;

namespace Passport.Modules.Health.Allergies;

public sealed class SeverityGraphType : EnumerationGraphType<AllergySeverity>
{
    public SeverityGraphType() => Name = "Severity";
}

public sealed class AllergyStatusGraphType : EnumerationGraphType<AllergyStatus>
{
    public AllergyStatusGraphType()
    {
        Name = "AllergyStatus";
        Description = "Whether the allergy still applies.";
    }
}

public sealed class AllergyInputGraphType : InputObjectGraphType<AllergyInput>
{
    public AllergyInputGraphType()
    {
        Name = "AllergyInput";
        Field<NonNullGraphType<StringGraphType>>("substance").Description("What the child is allergic to, e.g. peanuts, penicillin, latex.");
        Field<StringGraphType>("reaction").Description("What happens, e.g. anaphylaxis, hives.");
        Field<NonNullGraphType<SeverityGraphType>>("severity");
        Field<AllergyStatusGraphType>("status").Description("ACTIVE when omitted.");
    }
}

public sealed class AllergyGraphType : ObjectGraphType<Allergy>
{
    public AllergyGraphType()
    {
        Name = "Allergy";
        this.AddIdField();
        Field<NonNullGraphType<StringGraphType>>("substance").Resolve(c => c.Source.Substance);
        Field<StringGraphType>("reaction").Resolve(c => c.Source.Reaction);
        Field<NonNullGraphType<SeverityGraphType>>("severity").Resolve(c => c.Source.Severity);
        Field<NonNullGraphType<AllergyStatusGraphType>>("status").Resolve(c => c.Source.Status);
        this.AddProvenanceFields();
    }
}
