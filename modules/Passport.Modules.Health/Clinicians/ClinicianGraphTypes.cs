using GraphQL.Types;
using Passport.Modules.Health.Items;

namespace Passport.Modules.Health.Clinicians;

public sealed class ClinicianInputGraphType : InputObjectGraphType<ClinicianInput>
{
    public ClinicianInputGraphType()
    {
        Name = "ClinicianInput";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The clinician, or the service when no one person is named, e.g. Dr Amara Okafor.");
        Field<StringGraphType>("role").Description("e.g. Consultant paediatric neurologist.");
        Field<StringGraphType>("service").Description("e.g. Paediatric neurology, Royal Cornwall Hospital.");
        Field<StringGraphType>("contact").Description("How to reach them, e.g. a phone number or secretary's email.");
    }
}

public sealed class ClinicianGraphType : ObjectGraphType<Clinician>
{
    public ClinicianGraphType()
    {
        Name = "Clinician";
        Description = "A key clinician or service involved in the child's care.";
        this.AddIdField();
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("role").Resolve(c => c.Source.Role);
        Field<StringGraphType>("service").Resolve(c => c.Source.Service);
        Field<StringGraphType>("contact").Resolve(c => c.Source.Contact);
        this.AddProvenanceFields();
    }
}
