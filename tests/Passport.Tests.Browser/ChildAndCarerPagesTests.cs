using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>The core's own pages: the child's details, a carer's own contact details, and removing a carer.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ChildAndCarerPagesTests(BrowserFixture fixture)
{
    private const string Invite = "mutation($id: ID!) { inviteCarer(passportId: $id, mayEdit: false, mayManageSharing: false, mayInvite: false) { code } }";
    private const string Accept = "mutation($c: String!) { acceptCarerInvitation(code: $c) { id } }";

    [Fact]
    public async Task A_carer_corrects_the_childs_details_the_second_carer_keeps_their_address_private_and_carers_are_removed_by_their_inviter_and_by_social_care_with_a_reason()
    {
        var id = await fixture.NewPassportAsync("Morwenna", "Kitto", "2015-03-20");

        // The child's details: errors name the field; a date of birth across 16 is not the family's to make.
        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        await carer.ClickAsync("text=Change the child's details");
        (await carer.InputValueAsync("#dob-year")).ShouldBe("2015");
        await carer.FillAsync("#givenName", "");
        await carer.FillAsync("#dob-year", "2005");
        await carer.ClickAsync("button:has-text('Save details')");
        (await carer.Locator(".nhsuk-error-summary a[href='#givenName']").InnerTextAsync()).ShouldBe("Enter the child's first name");
        (await carer.Locator("#givenName-error").InnerTextAsync()).ShouldContain("Enter the child's first name");
        await carer.VerifyPageAsync("28-child-details-errors");
        await carer.FillAsync("#givenName", "Morwenna");
        await carer.ClickAsync("button:has-text('Save details')");
        (await carer.Locator(".nhsuk-error-summary a[href='#dob-day']").InnerTextAsync()).ShouldContain("across 16 or 18");
        (await carer.Locator("#dob-error").InnerTextAsync()).ShouldContain("Check the year");

        // Someone else saves meanwhile: this form is told, shows the latest details, and saves on the second go.
        await fixture.GraphQLAsync("carer", "mutation($id: ID!) { updateChildDetails(passportId: $id, input: { givenName: \"Morwenna\", familyName: \"Kitto\", dateOfBirth: \"2015-03-20\", pronouns: \"she/her\", localAuthority: \"E06000052\" }) { id } }", new { id });
        await carer.FillAsync("#dob-year", "2015");
        await carer.FillAsync("#dob-day", "21");
        await carer.FillAsync("#preferredName", "Wenna");
        await carer.ClickAsync("button:has-text('Save details')");
        (await carer.Locator(".nhsuk-error-summary").InnerTextAsync()).ShouldContain("Someone else changed this passport");
        (await carer.InputValueAsync("#pronouns")).ShouldBe("she/her");
        await carer.FillAsync("#dob-day", "21");
        await carer.FillAsync("#preferredName", "Wenna");
        await carer.CheckAsync("#interpreterNeeded-yes");
        await carer.ClickAsync("button:has-text('Save details')");
        await carer.WaitForURLAsync($"**/passports/{id}#child");
        var details = await carer.Locator("h2#child + dl").InnerTextAsync();
        details.ShouldContain("Wenna");
        details.ShouldContain("21 March 2015");
        details.ShouldContain("she/her");

        // The second carer keeps their own address and phone, private to them.
        var code = (await fixture.GraphQLAsync("carer", Invite, new { id }))["inviteCarer"]!["code"]!.ToString();
        await fixture.GraphQLAsync("second-carer", Accept, new { c = code });
        var second = await fixture.SignInAsync("second-carer");
        await second.GotoAsync($"/passports/{id}");
        await second.ClickAsync("ul.nhsuk-list a:has-text('Carers')");
        (await second.Locator("dt:has-text('Jordan Morgan (you)')").CountAsync()).ShouldBe(1);
        // A carer the first carer invited may remove only themselves.
        (await RemoveLinks(second).CountAsync()).ShouldBe(1);
        (await Link(second, "Remove Jordan Morgan").CountAsync()).ShouldBe(1);
        await Link(second, "Change your contact details").ClickAsync();
        await second.FillAsync("#address", "4 Lemon Street\nTruro");
        await second.FillAsync("#phone", "call me");
        await second.ClickAsync("button:has-text('Save contact details')");
        (await second.Locator(".nhsuk-error-summary a[href='#phone']").InnerTextAsync()).ShouldContain("Enter a phone number");
        await second.VerifyPageAsync("29-my-contact-details-errors");
        await second.FillAsync("#phone", "07700 900 982");
        await second.CheckAsync("#share-no");
        await second.ClickAsync("button:has-text('Save contact details')");
        await second.WaitForURLAsync($"**/passports/{id}/carers");
        var own = await second.Locator(".nhsuk-summary-list__row:has-text('Jordan Morgan')").InnerTextAsync();
        own.ShouldContain("Lemon Street");
        own.ShouldContain("07700 900 982");
        own.ShouldContain("Seen only by you");

        // The first carer sees the second's details are private, and removes them (she invited them) after confirming.
        await carer.GotoAsync($"/passports/{id}/carers");
        var theirs = await carer.Locator(".nhsuk-summary-list__row:has-text('Jordan Morgan')").InnerTextAsync();
        theirs.ShouldContain("Contact details kept private");
        theirs.ShouldNotContain("Lemon Street");
        await carer.VerifyPageAsync("30-carers");
        await Link(carer, "Remove Jordan Morgan").ClickAsync();
        (await carer.Locator("h1").InnerTextAsync()).ShouldBe("Remove Jordan Morgan as a carer?");
        await carer.VerifyPageAsync();
        await carer.ClickAsync("button:has-text('Yes, remove Jordan Morgan')");
        await carer.WaitForURLAsync("**/carers?removed=true");
        (await carer.Locator("[role=status]").InnerTextAsync()).ShouldContain("The carer was removed");
        (await carer.Locator("dt:has-text('Jordan Morgan')").CountAsync()).ShouldBe(0);
        var gone = await fixture.GraphQLResponseAsync("second-carer", "query($id: ID!) { passport(id: $id) { id } }", new { id });
        gone["errors"]![0]!["extensions"]!["code"]!.ToString().ShouldBe("NOT_FOUND");
        (await second.Context.APIRequest.GetAsync($"/passports/{id}")).Status.ShouldBe(404);

        // Invited again, the second carer is removed by social care, who must say why.
        code = (await fixture.GraphQLAsync("carer", Invite, new { id }))["inviteCarer"]!["code"]!.ToString();
        await fixture.GraphQLAsync("second-carer", Accept, new { c = code });
        await fixture.RelateAsync(id, "social-care");
        var socialWorker = await fixture.SignInAsync("social-care");
        await socialWorker.GotoAsync($"/passports/{id}");
        await Link(socialWorker, "Carers").ClickAsync();
        await Link(socialWorker, "Remove Jordan Morgan").ClickAsync();
        await socialWorker.ClickAsync("button:has-text('Yes, remove Jordan Morgan')");
        (await socialWorker.Locator(".nhsuk-error-summary a[href='#reason']").InnerTextAsync()).ShouldBe("Enter the reason for removing this carer");
        (await socialWorker.Locator("#reason-error").InnerTextAsync()).ShouldContain("Enter the reason");
        await socialWorker.VerifyPageAsync("31-remove-carer-reason-errors");
        await socialWorker.FillAsync("#reason", "Court order: no contact with the child");
        await socialWorker.ClickAsync("button:has-text('Yes, remove Jordan Morgan')");
        await socialWorker.WaitForURLAsync("**/carers?removed=true");
        (await socialWorker.Locator("dt:has-text('Jordan Morgan')").CountAsync()).ShouldBe(0);
        // The last carer stays until the young person takes control: nobody is offered to remove her.
        (await RemoveLinks(socialWorker).CountAsync()).ShouldBe(0);
        var history = await fixture.GraphQLAsync("carer", "query($id: ID!) { history(passportId: $id, first: 1) { change recordedBy { displayName } } }", new { id });
        history["history"]![0]!["change"]!.ToString().ShouldBe("Carer removed");
        history["history"]![0]!["recordedBy"]!["displayName"]!.ToString().ShouldBe("Tom Evans");
    }

    private static ILocator Link(IPage page, string name) => page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static ILocator RemoveLinks(IPage page) => page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Remove") });
}
