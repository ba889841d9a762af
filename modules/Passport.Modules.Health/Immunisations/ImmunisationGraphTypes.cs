using GraphQL.Types;
using Passport.Modules.Health.Items;
using Passport.Sdk;

namespace Passport.Modules.Health.Immunisations;

public sealed class ImmunisationInputGraphType : InputObjectGraphType<ImmunisationInput>
{
    public ImmunisationInputGraphType()
    {
        Name = "ImmunisationInput";
        Field<NonNullGraphType<StringGraphType>>("vaccine").Description("The vaccine, e.g. MMR (1st dose).");
        Field<NonNullGraphType<DateScalar>>("givenOn").Description("The day it was given: not in the future.");
    }
}

public sealed class ImmunisationGraphType : ObjectGraphType<Immunisation>
{
    public ImmunisationGraphType()
    {
        Name = "Immunisation";
        Description = "A vaccine the child was given, and when.";
        this.AddIdField();
        Field<NonNullGraphType<StringGraphType>>("vaccine").Resolve(c => c.Source.Vaccine);
        Field<NonNullGraphType<DateScalar>>("givenOn").Resolve(c => c.Source.GivenOn);
        this.AddProvenanceFields();
    }
}
