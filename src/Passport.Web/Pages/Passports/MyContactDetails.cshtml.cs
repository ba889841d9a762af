using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>
/// A carer's own address and phone on one passport (setMyContactDetails): private to them unless
/// they choose to share them, since separated parents may not want the other to know where they live.
/// </summary>
public sealed class MyContactDetailsModel(PageGraphQL graphQL) : FormPage
{
    public const int LongestAddress = 500;
    public const int LongestPhone = 30;

    public string Id { get; private set; } = "";

    /// <summary>False when the signed-in person is not a carer linked to this passport: nothing to change here.</summary>
    public bool IsLinkedCarer { get; private set; }

    public string Address { get; private set; } = "";

    public string Phone { get; private set; } = "";

    /// <summary>"yes" to share with others who see the carers, "no" to keep private.</summary>
    public string Share { get; private set; } = "no";

    public async Task<IActionResult> OnGetAsync(string id)
    {
        Id = id;
        return await LoadAsync() ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(string id)
    {
        Id = id;
        IsLinkedCarer = true;
        (Address, Phone, Share) = (Form("address").Trim(), Form("phone").Trim(), Form("share"));
        if (Address.Length > LongestAddress)
        {
            Errors.Add(("address", Text["MyContact.AddressTooLong", LongestAddress]));
        }

        if (Phone.Length > LongestPhone || Phone.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-')))
        {
            Errors.Add(("phone", Text["MyContact.PhoneShape"]));
        }

        if (Share is not ("yes" or "no"))
        {
            Errors.Add(("share-no", Text["MyContact.SelectWho"]));
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await graphQL.RunAsync(
            "mutation($id: ID!, $a: String, $p: String, $s: Boolean!) { setMyContactDetails(passportId: $id, address: $a, phone: $p, share: $s) { id } }",
            new { id, a = Address.Length > 0 ? Address : null, p = Phone.Length > 0 ? Phone : null, s = Share == "yes" });
        if (!result.Ok)
        {
            foreach (var e in result.Errors)
            {
                AddApiError(e.Field is "address" or "phone" ? e.Field : "address", e);
            }
            return Page();
        }

        return LocalRedirect($"/passports/{id}/carers");
    }

    private async Task<bool> LoadAsync()
    {
        var result = await graphQL.RunAsync("query($id: ID!) { me { subject } passport(id: $id) { carers { subject address phone sharesContactDetails } } }", new { id = Id });
        if (result.Data?["passport"] is not JsonNode passport)
        {
            return false;
        }

        // Other carers' private details answer FIELD_NOT_PERMITTED; only the viewer's own entry is used.
        var me = result.Data["me"].Str("subject");
        if ((passport["carers"] as JsonArray ?? []).FirstOrDefault(c => c.Str("subject") == me) is JsonNode mine)
        {
            IsLinkedCarer = true;
            (Address, Phone) = (mine.Str("address"), mine.Str("phone"));
            Share = mine["sharesContactDetails"]?.GetValue<bool>() == true ? "yes" : "no";
        }

        return true;
    }
}
