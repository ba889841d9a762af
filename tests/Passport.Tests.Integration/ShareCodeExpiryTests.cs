using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class ShareCodeExpiryTests(PassportFixture fixture)
{
    [Fact]
    public async Task An_expired_share_code_does_not_let_anyone_in()
    {
        // A host whose share codes live for no time at all: every code has expired by the time it is redeemed.
        var environment = fixture.HostEnvironment(await fixture.NewDatabaseAsync());
        environment["Passport__ShareCodeMinutes"] = "0";
        await using var host = await HostProcess.StartAsync(environment);
        using var http = new HttpClient { BaseAddress = host.BaseAddress };

        var carer = Persona.Carer();
        var id = (await PassportFixture.GraphQLAsync(http, fixture.Token(carer), "mutation { createPassport(input: { givenName: \"Ellie\", familyName: \"Morgan\", dateOfBirth: \"2016-05-14\", localAuthority: \"E06000052\" }) { id } }"))
            .Ok()["createPassport"]!["id"]!.GetValue<string>();
        var code = (await PassportFixture.GraphQLAsync(http, fixture.Token(carer), "mutation($id: ID!) { createShareCode(passportId: $id, sector: \"health\") { code } }", new { id }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();

        var doctor = Persona.Professional("health");
        (await PassportFixture.GraphQLAsync(http, fixture.Token(doctor), "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code }))
            .ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await PassportFixture.GraphQLAsync(http, fixture.Token(doctor), "query($id: ID!) { passport(id: $id) { id } }", new { id }))
            .ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }
}
