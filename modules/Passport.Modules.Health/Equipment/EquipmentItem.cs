using Passport.Sdk.Items;

namespace Passport.Modules.Health.Equipment;

/// <summary>Equipment that must travel with the child (e.g. a portable suction machine).</summary>
public sealed record EquipmentItem(string Name, string? Notes) : RecordedItem
{
    internal static void Declare(ItemKind<HealthView, EquipmentItem> kind) => kind
        .Describe("equipment that travels with the child", "Equipment", "Equipment that must travel with the child.")
        .TypeNames("Equipment", "EquipmentInput")
        .Text("name", "Equipment", required: true, hint: "For example, portable suction machine", description: "The equipment, e.g. Portable suction machine.")
        .LongText("notes", "Notes (optional)", hint: "Where it is kept, how it is used and who is trained to use it", maxLength: HealthModule.NoteText, description: "Where it is kept, how it is used, who is trained.")
        .Form("Add equipment", "Save equipment", familyTitle: "Report equipment");
}
