using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>
/// The buttons under an item on the passport page post here: confirm it (verifyItem), hide it or
/// show it again (setItemWithheld), remove it (its block's end mutation, after "Remove this?").
/// Back to the item on the passport page; a refusal is shown here.
/// </summary>
public sealed class ItemActionsModel(PageGraphQL graphQL, SectionPages pages) : FormPage
{
    private const string SetWithheld = "mutation($id: ID!, $item: ID!, $group: String!, $withheld: Boolean!) { setItemWithheld(passportId: $id, group: $group, itemId: $item, withheld: $withheld) { id } }";

    public string Id { get; private set; } = "";

    public string ItemId { get; private set; } = "";

    /// <summary>The block whose item is removed (its key, <c>section-field</c>), when asking to confirm a removal.</summary>
    public string? Removing { get; private set; }

    /// <summary>The argument that names the item in the mutation just run, for a refusal's words.</summary>
    private string _itemArgument = "itemId";

    /// <summary>With <c>remove</c>: asks "Remove this?" before anything changes. Otherwise back to the item.</summary>
    public IActionResult OnGet(string id, string itemId, string? remove)
    {
        if (remove is null || pages.WithKey(remove)?.Item.EndMutation is null)
        {
            return LocalRedirect($"/passports/{id}#item-{itemId}");
        }

        (Id, ItemId, Removing) = (id, itemId, remove);
        return Page();
    }

    /// <summary>Runs the block's end mutation: naming the item for a list, the passport alone for a single record.</summary>
    public Task<IActionResult> OnPostRemoveAsync(string id, string itemId, string block)
    {
        if (pages.WithKey(block) is not { Item.EndMutation: { } end } removed)
        {
            return Task.FromResult<IActionResult>(BadRequest());
        }

        if (!removed.Item.IsList)
        {
            return RunAsync(id, itemId, $"mutation($id: ID!) {{ {end}(passportId: $id) {{ id }} }}", new { id }, "?removed=true");
        }

        _itemArgument = removed.Item.Form?.ItemArgument ?? "itemId";
        return RunAsync(id, itemId, $"mutation($id: ID!, $item: ID!) {{ {end}(passportId: $id, {_itemArgument}: $item) {{ id }} }}", new { id, item = itemId }, "?removed=true");
    }

    public Task<IActionResult> OnPostVerifyAsync(string id, string itemId) =>
        RunAsync(id, itemId, "mutation($id: ID!, $item: ID!) { verifyItem(passportId: $id, itemId: $item) { id } }", new { id, item = itemId }, "");

    public Task<IActionResult> OnPostHideAsync(string id, string itemId, string group) =>
        RunAsync(id, itemId, SetWithheld, new { id, item = itemId, group, withheld = true }, $"?hidden={itemId}");

    public Task<IActionResult> OnPostShowAsync(string id, string itemId, string group) =>
        RunAsync(id, itemId, SetWithheld, new { id, item = itemId, group, withheld = false }, $"?shown={itemId}");

    private async Task<IActionResult> RunAsync(string id, string itemId, string mutation, object variables, string done)
    {
        Id = id;
        ItemId = itemId;
        var result = await graphQL.RunAsync(mutation, variables);
        if (!result.Ok)
        {
            // The API's refusals say why (e.g. "A professional withheld this item; only they can show it again.").
            foreach (var e in result.Errors)
            {
                if (e is { Code: "VALIDATION_FAILED" } && (e.Field == "itemId" || e.Field == _itemArgument))
                {
                    Errors.Add(("maincontent", Text["ItemActions.Gone"]));
                }
                else
                {
                    AddApiError("maincontent", e, apiExplainsRefusals: true);
                }
            }
            return Page();
        }

        return LocalRedirect($"/passports/{id}{done}#item-{itemId}");
    }
}
