using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using Passport.Sdk;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>
/// What the viewer may do with one item: confirm it, and hide it from (or show it again to) whom,
/// e.g. "the family"; <see cref="Group"/> is the item's field group, which setItemWithheld needs.
/// </summary>
public sealed record ItemActions(bool MayConfirm, string? HideFrom, string? Group, bool IsHidden = false, string? RemoveKind = null)
{
    public static readonly ItemActions None = new(false, null, null);

    public bool Any => MayConfirm || HideFrom is not null || RemoveKind is not null;
}

/// <summary>How an item of each block leaves the passport (it stays in the history): the mutation and its id argument.</summary>
public static class ItemRemoval
{
    public static readonly IReadOnlyDictionary<string, (string Mutation, string IdArgument)> Mutations = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["allergies"] = ("endAllergy", "itemId"),
        ["alerts"] = ("endAlert", "itemId"),
        ["emergencyCarePlans"] = ("endEmergencyCarePlan", "itemId"),
        ["equipment"] = ("endEquipment", "itemId"),
        ["conditions"] = ("endCondition", "itemId"),
        ["medications"] = ("endMedication", "itemId"),
        ["clinicians"] = ("endClinician", "itemId"),
        ["growth"] = ("endGrowthMeasurement", "itemId"),
        ["immunisations"] = ("endImmunisation", "itemId"),
        ["activities"] = ("endActivity", "activityId"),
        ["emergencyContacts"] = ("removeEmergencyContact", "contactId"),
    };
}

/// <summary>
/// The actions on single items: a professional of the owning sector confirms what the family
/// reported; a care-team professional hides an item from the family; the young person in control
/// hides one from their carers. The API decides; the page only offers what it would allow.
/// </summary>
public partial class ViewPassportModel
{
    /// <summary>Groups the policy never shows to the family: hiding their items from the family would change nothing.</summary>
    private static readonly HashSet<string> NeverShownToFamily = new(StringComparer.Ordinal) { "socialCare.safeguarding" };

    public bool IsYoungPerson => User.HasClaim("role", "young-person");

    public bool IsControlledByYoungPerson => Passport?["isControlledByYoungPerson"]?.GetValue<bool>() == true;

    public ItemActions ActionsFor(Block block, JsonNode item)
    {
        // The emergency view is read-only (access model §5).
        if (PrintView || EmergencyUntil is not null || item["id"] is null)
        {
            return ItemActions.None;
        }

        var group = GroupOf(block);
        var kind = block.Path[^1];
        if (IsProfessional)
        {
            var ownSector = OwningSector(block.Path[0]) is { } owner && owner == Sector;
            var mayConfirm = item["verified"]?.GetValue<bool>() == false && ownSector;
            // Only a sector that records the item's group withholds it or shows it again (access model §3a):
            // a module's own sector, and for emergency contacts health or social care.
            var mayWithhold = ownSector || (group == "contacts.emergency" && Sector is "health" or "social-care");
            var hideFrom = mayWithhold && group is not null && !NeverShownToFamily.Contains(group) ? "the family" : null;
            return new(mayConfirm, hideFrom, group, IsWithheld(item), ownSector && ItemRemoval.Mutations.ContainsKey(kind) ? kind : null);
        }

        // The family removes what they may report (health facts, activities) and their emergency contacts.
        var familyRemoves = IsFamily && ItemRemoval.Mutations.ContainsKey(kind) && (kind == "emergencyContacts" || FamilyMayReport(kind)) ? kind : null;
        return IsYoungPerson && IsControlledByYoungPerson && group is not null
            ? new(false, "my carers", group, IsWithheld(item), familyRemoves)
            : new(false, null, group, false, familyRemoves);
    }

    /// <summary>True when the API lists this item as withheld (from the family, or from carers for the young person).</summary>
    private bool IsWithheld(JsonNode item) =>
        Passport?["withheldItems"] is JsonArray withheld && withheld.Any(w => w?["itemId"]?.ToString() == item["id"]?.ToString());

    /// <summary>What the item is, for the hidden part of a button's name: "Allergies: Peanuts".</summary>
    public static string ItemName(Block block, JsonNode item)
    {
        var first = item.AsObject().FirstOrDefault(p => !MetaFields.Contains(p.Key) && p.Value is not null && p.Value.ToString().Length > 0);
        return first.Value is null ? block.Heading : $"{block.Heading}: {Display.Value(first.Value)}";
    }

    /// <summary>What was just done to this item, from the redirect after an action.</summary>
    public string? ChangeMessageFor(JsonNode item)
    {
        var id = item["id"]?.ToString();
        if (id is null)
        {
            return null;
        }

        if (Request.Query["hidden"] == id)
        {
            return IsYoungPerson ? "Hidden from your carers. You can still see it." : "Hidden from the family. Professionals who may see it still do.";
        }

        return Request.Query["shown"] == id ? (IsYoungPerson ? "Your carers can see this again." : "The family can see this again.") : null;
    }

    /// <summary>The field group of a block, as its field in the schema declares it.</summary>
    private string? GroupOf(Block block)
    {
        FieldType? field = null;
        var type = schema.AllTypes["Passport"] as IComplexGraphType;
        foreach (var name in block.Path)
        {
            field = type?.GetField(name);
            type = field?.ResolvedType?.GetNamedType() as IComplexGraphType;
        }

        return field?.FieldGroupOf();
    }

    private static string? OwningSector(string root) => root switch
    {
        "health" => "health",
        "education" => "education",
        "leisure" => "leisure",
        "socialCare" => "social-care",
        _ => null,
    };
}
