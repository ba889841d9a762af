using System.Text.Json.Nodes;
using Passport.Sdk.Pages;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>
/// What the viewer may do with one item: confirm it, change it, remove it, and hide it from (or show
/// it again to) whom: "family" or "carers"; <see cref="Group"/> is the item's field group, which
/// setItemWithheld needs.
/// </summary>
public sealed record ItemActions(bool MayConfirm, string? HideFrom, string? Group, bool IsHidden = false, bool MayRemove = false, bool MayChange = false)
{
    public static readonly ItemActions None = new(false, null, null);

    public bool Any => MayConfirm || HideFrom is not null || MayRemove || MayChange;
}

/// <summary>
/// The actions on single items, as the item's field group declares who records it: a professional of
/// a recording sector confirms what the family reported, changes, removes and hides an item from the
/// family; the family changes and removes what they may report; the young person in control hides
/// an item from their carers. The API decides; the page only offers what it would allow.
/// </summary>
public partial class ViewPassportModel
{
    public bool IsYoungPerson => User.HasClaim("role", "young-person");

    public bool IsControlledByYoungPerson => Passport?["isControlledByYoungPerson"]?.GetValue<bool>() == true;

    public ItemActions ActionsFor(PageBlock block, JsonNode item)
    {
        if (ReadOnly || item["id"] is null)
        {
            return ItemActions.None;
        }

        var group = block.Item.Group;
        var ends = block.Item.EndMutation is not null;
        var changes = block.Item.Form is not null;
        if (IsProfessional)
        {
            var recordsIt = MayRecordAsProfessional(block);
            var mayConfirm = item["verified"]?.GetValue<bool>() == false && recordsIt;
            // Hiding from the family what the policy never shows them would change nothing.
            var hideFrom = recordsIt && !policy.IsHiddenFromFamily(group) ? "family" : null;
            return new(mayConfirm, hideFrom, group, IsWithheld(item), recordsIt && ends, recordsIt && changes);
        }

        var reports = FamilyReports(block);
        return IsYoungPerson && IsControlledByYoungPerson
            ? new(false, "carers", group, IsWithheld(item), reports && ends, reports && changes)
            : new(false, null, group, false, reports && ends, reports && changes);
    }

    /// <summary>True when the API lists this item as withheld (from the family, or from carers for the young person).</summary>
    private bool IsWithheld(JsonNode item) =>
        Passport?["withheldItems"] is JsonArray withheld && withheld.Any(w => w?["itemId"]?.ToString() == item["id"]?.ToString());

    /// <summary>
    /// The field whose value heads an item of a list: its first short one with a value (a line of
    /// text first, then a choice, date or number); null for a single record, which its block's
    /// heading names, and for an item with only long text.
    /// </summary>
    public static PageField? NamingField(ItemBlock block, JsonNode item) =>
        block.IsList
            ? block.Fields
                .Where(f => (f.Kind is FieldKind.Text or FieldKind.Choice or FieldKind.Date or FieldKind.Number or FieldKind.WholeNumber) && Display.Value(f, item[f.Name]).Length > 0)
                .OrderBy(f => f.Kind == FieldKind.Text ? 0 : 1)
                .FirstOrDefault()
            : null;

    /// <summary>What the item is, for the hidden part of a button's name: its block's heading and what names it, e.g. "Heading: value".</summary>
    public static string ItemName(ItemBlock block, JsonNode item)
    {
        if (!block.IsList)
        {
            return block.Heading;
        }

        var text = NamingField(block, item) is { } field
            ? Display.Value(field, item[field.Name])
            : block.Fields.Select(f => Display.Value(f, item[f.Name])).FirstOrDefault(v => v.Length > 0) ?? "";
        return text.Length == 0 ? block.Heading : $"{block.Heading}: {(text.Length > 40 ? text[..40].TrimEnd() + "…" : text)}";
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
            return IsYoungPerson ? Words["Item.HiddenMessageCarers"] : Words["Item.HiddenMessageFamily"];
        }

        if (Request.Query["changed"] == id)
        {
            return Words["Item.ChangedMessage"];
        }

        return Request.Query["shown"] == id ? (IsYoungPerson ? Words["Item.ShownMessageCarers"].Value : Words["Item.ShownMessageFamily"].Value) : null;
    }
}
