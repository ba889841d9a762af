using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Passport.Tests.Browser.Infrastructure;

namespace Passport.Tests.Browser;

/// <summary>Carers and the young person join with invitation codes; the young person takes control; actions on single items.</summary>
[Collection(BrowserCollection.Name)]
public sealed class FamilyMembersTests(BrowserFixture fixture)
{
    [Fact]
    public async Task A_second_carer_joins_with_the_code_the_first_carer_created_and_sees_the_passport()
    {
        var id = await fixture.NewPassportAsync("Tamsin", "Rowe", "2018-06-12");
        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        await carer.ClickAsync("text=Invite another carer");
        await carer.CheckAsync("#mayEdit");
        await carer.ClickAsync("button:has-text('Create invitation code')");
        var code = (await carer.Locator("#invite-code").InnerTextAsync()).Trim();

        var second = await fixture.SignInAsync("second-carer");
        await second.WaitForURLAsync("**/passports");
        await second.ClickAsync("text=Join a passport with an invitation code");
        await second.VerifyPageAsync("25-join");
        await second.ClickAsync("button:has-text('Join passport')");
        (await second.Locator(".nhsuk-error-summary a[href='#code']").InnerTextAsync()).ShouldContain("Enter the invitation code");
        await second.FillAsync("#code", "ABCD-EFGH");
        await second.ClickAsync("button:has-text('Join passport')");
        (await second.Locator(".nhsuk-error-summary a[href='#code']").InnerTextAsync()).ShouldContain("not valid");
        (await second.Locator("#code-error").InnerTextAsync()).ShouldContain("not valid");
        await second.VerifyPageAsync();

        await second.FillAsync("#code", code);
        await second.ClickAsync("button:has-text('Join passport')");
        await second.WaitForURLAsync($"**/passports/{id}");
        (await second.Locator("h1").InnerTextAsync()).ShouldBe("Tamsin Rowe");
    }

    [Fact]
    public async Task The_young_person_joins_takes_control_and_hides_a_medicine_from_their_carers()
    {
        var id = await fixture.NewPassportAsync("Riley", "Morgan", "2009-02-14");
        var medicine = "Sertraline-" + Guid.NewGuid().ToString("N")[..6];
        await fixture.GraphQLAsync("carer", "mutation($id: ID!, $n: String!) { recordMedication(passportId: $id, input: { name: $n, dose: \"50 mg\", frequency: \"once a day\" }) { id } }", new { id, n = medicine });

        // The carer invites the young person: a code shown large with its expiry.
        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        await carer.ClickAsync("text=Invite the young person");
        await carer.VerifyPageAsync();
        await carer.ClickAsync("button:has-text('Create invitation code')");
        var code = (await carer.Locator("#invite-code").InnerTextAsync()).Trim();
        (await carer.ContentAsync()).ShouldContain("expires on");
        await carer.VerifyPageAsync();

        // The young person joins with it and lands on their passport.
        var young = await fixture.SignInAsync("young-person");
        await young.WaitForURLAsync("**/passports");
        await young.ClickAsync("text=Join a passport with an invitation code");
        await young.FillAsync("#code", code);
        await young.ClickAsync("button:has-text('Join passport')");
        await young.WaitForURLAsync($"**/passports/{id}");
        (await young.ContentAsync()).ShouldContain(medicine);
        (await young.Locator("button:has-text('Hide from my carers')").CountAsync()).ShouldBe(0);

        // Takes control, keeping no carer able to change the passport.
        await young.ClickAsync("text=Take control of your passport");
        (await young.Locator("label:has-text('Alex Morgan')").CountAsync()).ShouldBe(1);
        await young.VerifyPageAsync("26-take-control");
        await young.ClickAsync("button:has-text('Take control')");
        await young.WaitForURLAsync($"**/passports/{id}");
        (await young.Locator("text=Take control of your passport").CountAsync()).ShouldBe(0);
        var carers = await fixture.GraphQLAsync("carer", "query($id: ID!) { passport(id: $id) { carers { subject mayEdit } } }", new { id });
        carers["passport"]!["carers"]!.AsArray().Single(c => c!["subject"]!.ToString() == "demo-carer")!["mayEdit"]!.GetValue<bool>().ShouldBeFalse();

        // Hides the medicine from carers: the young person still sees it, the carer no longer does.
        await ItemButton(young, "Hide from my carers", medicine).ClickAsync();
        await young.WaitForURLAsync("**?hidden=*");
        await young.GotoAsync($"/passports/{id}");
        var card = young.Locator($".nhsuk-card:has-text('{medicine}')");
        (await card.InnerTextAsync()).ShouldContain("Hidden from your carers");
        (await ItemButton(young, "Hide from my carers", medicine).CountAsync()).ShouldBe(0);
        await young.VerifyPageAsync();
        await carer.GotoAsync($"/passports/{id}");
        (await carer.ContentAsync()).ShouldNotContain(medicine);

        // And shows it to them again.
        await ItemButton(young, "Show to my carers", medicine).ClickAsync();
        await young.WaitForURLAsync("**?shown=*");
        await carer.ReloadAsync();
        (await carer.ContentAsync()).ShouldContain(medicine);
    }

    [Fact]
    public async Task Taking_control_before_16_is_refused_with_an_error_summary()
    {
        var id = await fixture.NewPassportAsync("Kit", "Morgan", "2014-09-01");
        var code = (await fixture.GraphQLAsync("carer", "mutation($id: ID!) { inviteYoungPerson(passportId: $id) { code } }", new { id }))["inviteYoungPerson"]!["code"]!.ToString();
        await fixture.GraphQLAsync("young-person", "mutation($c: String!) { acceptYoungPersonInvitation(code: $c) { id } }", new { c = code });

        var young = await fixture.SignInAsync("young-person");
        await young.GotoAsync($"/passports/{id}/take-control");
        await young.ClickAsync("button:has-text('Take control')");
        (await young.Locator(".nhsuk-error-summary a[href='#take-control']").InnerTextAsync()).ShouldContain("16th birthday");
        await young.VerifyPageAsync();
    }

    [Fact]
    public async Task Health_confirms_an_allergy_the_family_reported_and_can_hide_it_from_the_family()
    {
        var id = await fixture.NewPassportAsync("Demelza", "Hocking", "2016-03-08");
        var substance = "Sesame-" + Guid.NewGuid().ToString("N")[..6];
        await fixture.GraphQLAsync("carer", "mutation($id: ID!, $s: String!) { recordAllergy(passportId: $id, input: { substance: $s, reaction: \"Hives\", severity: MODERATE }) { id } }", new { id, s = substance });
        var share = await fixture.GraphQLAsync("carer", "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id });
        await fixture.GraphQLAsync("health", "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = share["createShareCode"]!["code"]!.ToString() });

        var health = await fixture.SignInAsync("health");
        await health.GotoAsync($"/passports/{id}");
        var card = health.Locator($".nhsuk-card:has-text('{substance}')");
        (await card.InnerTextAsync()).ShouldContain("Not verified");
        await health.VerifyPageAsync();
        await health.GetByRole(AriaRole.Button, new() { Name = $"Confirm this is correct (Allergies: {substance})" }).ClickAsync();
        await health.WaitForURLAsync("**#item-*");
        (await card.InnerTextAsync()).ShouldContain("Verified");
        (await card.InnerTextAsync()).ShouldContain("Dr Priya Shah");
        (await health.GetByRole(AriaRole.Button, new() { Name = $"Confirm this is correct (Allergies: {substance})" }).CountAsync()).ShouldBe(0);

        // Hidden from the family: the carer no longer sees it; health still does.
        await ItemButton(health, "Hide from the family", substance).ClickAsync();
        await health.WaitForURLAsync("**?hidden=*");
        await health.GotoAsync($"/passports/{id}");
        (await card.InnerTextAsync()).ShouldContain("Hidden from the family");
        (await ItemButton(health, "Hide from the family", substance).CountAsync()).ShouldBe(0);
        var carer = await fixture.SignInAsync("carer");
        await carer.GotoAsync($"/passports/{id}");
        (await carer.ContentAsync()).ShouldNotContain(substance);
        await ItemButton(health, "Show to the family", substance).ClickAsync();
        await health.WaitForURLAsync("**?shown=*");
        await carer.ReloadAsync();
        (await carer.ContentAsync()).ShouldContain(substance);

        // A page opened before someone removed the item: the refusal is shown, not lost.
        var stale = await fixture.GraphQLAsync("carer", "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Latex\", severity: MILD }) { health { allergies { id substance } } } }", new { id });
        var latexId = stale["recordAllergy"]!["health"]!["allergies"]!.AsArray().Single(a => a!["substance"]!.ToString() == "Latex")!["id"]!.ToString();
        await health.GotoAsync($"/passports/{id}");
        await fixture.GraphQLAsync("carer", "mutation($id: ID!, $item: ID!) { endAllergy(passportId: $id, itemId: $item) { id } }", new { id, item = latexId });
        await health.GetByRole(AriaRole.Button, new() { Name = "Confirm this is correct (Allergies: Latex)" }).ClickAsync();
        (await health.Locator(".nhsuk-error-summary").InnerTextAsync()).ShouldContain("not on the passport any more");
        await health.VerifyPageAsync();

        // The print view has no actions.
        await health.GotoAsync($"/passports/{id}/print");
        (await health.Locator("button:has-text('Hide from the family')").CountAsync()).ShouldBe(0);
    }

    private static ILocator ItemButton(IPage page, string text, string item) =>
        page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{text} \\(.*{item}\\)$") });
}
