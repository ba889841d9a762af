using GraphQL.Types;
using Passport.Modules.Health.Items;

namespace Passport.Modules.Health.Equipment;

public sealed class EquipmentInputGraphType : InputObjectGraphType<EquipmentInput>
{
    public EquipmentInputGraphType()
    {
        Name = "EquipmentInput";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The equipment, e.g. Portable suction machine.");
        Field<StringGraphType>("notes").Description("Where it is kept, how it is used, who is trained.");
    }
}

public sealed class EquipmentGraphType : ObjectGraphType<EquipmentItem>
{
    public EquipmentGraphType()
    {
        Name = "Equipment";
        Description = "A piece of equipment that must travel with the child.";
        this.AddIdField();
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("notes").Resolve(c => c.Source.Notes);
        this.AddProvenanceFields();
    }
}
