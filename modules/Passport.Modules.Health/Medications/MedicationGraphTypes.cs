using GraphQL.Types;
using Passport.Modules.Health.Items;

namespace Passport.Modules.Health.Medications;

public sealed class MedicationInputGraphType : InputObjectGraphType<MedicationInput>
{
    public MedicationInputGraphType()
    {
        Name = "MedicationInput";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The medicine, e.g. Buccal midazolam.");
        Field<StringGraphType>("dose").Description("How much, e.g. 5 mg.");
        Field<StringGraphType>("route").Description("How it is given, e.g. by mouth, buccal, inhaled.");
        Field<StringGraphType>("frequency").Description("How often, e.g. twice a day, when needed.");
        Field<StringGraphType>("howITakeIt").Description("In the child's words or their family's, e.g. crushed in yoghurt.");
    }
}

public sealed class MedicationGraphType : ObjectGraphType<Medication>
{
    public MedicationGraphType()
    {
        Name = "Medication";
        Description = "A medicine the child takes, and how they take it.";
        this.AddIdField();
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("dose").Resolve(c => c.Source.Dose);
        Field<StringGraphType>("route").Resolve(c => c.Source.Route);
        Field<StringGraphType>("frequency").Resolve(c => c.Source.Frequency);
        Field<StringGraphType>("howITakeIt").Resolve(c => c.Source.HowITakeIt);
        this.AddProvenanceFields();
    }
}
