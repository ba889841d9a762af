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
public sealed record ItemActions(bool MayConfirm, string? HideFrom, string? Group, bool IsHidden = false)
{
    public static readonly ItemActions None = new(false, null, null);

    public bool Any => MayConfirm || HideFrom is not null;
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
        if (IsProfessional)
        {
            var mayConfirm = item["verified"]?.GetValue<bool>() == false && OwningSector(block.Path[0]) is { } owner && owner == Sector;
            var hideFrom = group is not null && !NeverShownToFamily.Contains(group) ? "the family" : null;
            return new(mayConfirm, hideFrom, group, IsWithheld(item));
        }

        return IsYoungPerson && IsControlledByYoungPerson && group is not null ? new(false, "my carers", group, IsWithheld(item)) : ItemActions.None;
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
