using System.Security.Cryptography;
using System.Text;
using Npgsql;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// The emergency card (ADR 18): its link is returned once and holds no data; only a health
/// professional learns from it which passport to ask emergency access for; everyone else, and every
/// card that is not in use, gets one identical NOT_FOUND; only the family with the sharing right
/// issues or revokes it. (Who may issue and revoke, writer by writer: WriteMatrixTests.)
/// </summary>
[Collection(PassportCollection.Name)]
public class EmergencyCardTests(PassportFixture fixture)
{
    private const string Issue = "mutation($id: ID!) { issueEmergencyCard(passportId: $id) { url issuedAt } }";
    private const string Revoke = "mutation($id: ID!) { revokeEmergencyCard(passportId: $id) { emergencyCard { issuedAt } } }";
    private const string Scan = "query($t: String!) { emergencyCardScan(token: $t) { passportId hasAccess } }";
    private const string Status = "query($id: ID!) { passport(id: $id) { emergencyCard { issuedAt issuedBy } } }";

    [Fact]
    public async Task The_link_is_returned_once_holds_no_data_and_only_its_hash_is_stored()
    {
        var carer = Persona.Carer("Morwenna Pascoe");
        var id = await CreateAsync(carer);
        var issued = (await fixture.GraphQLAsync(carer, Issue, new { id })).Ok()["issueEmergencyCard"]!;
        var url = issued["url"]!.GetValue<string>();
        var token = TokenOf(url);

        url.ShouldStartWith(fixture.Host.BaseAddress.ToString().TrimEnd('/') + "/card/");
        token.Length.ShouldBe(22);
        token.ShouldMatch("^[A-Za-z0-9_-]{22}$");
        url.ShouldNotContain(id);
        url.ShouldNotContain("Ellie", Case.Insensitive);

        // The family sees that a card is in use, and since when, never its link again.
        var status = await fixture.GraphQLAsync(carer, Status, new { id });
        status.Ok()["passport"]!["emergencyCard"]!["issuedBy"]!.GetValue<string>().ShouldBe("Morwenna Pascoe");
        status.Ok()["passport"]!["emergencyCard"]!["issuedAt"]!.GetValue<string>().ShouldBe(issued["issuedAt"]!.GetValue<string>());
        status.Body.ShouldNotContain(token);
        var history = await fixture.GraphQLAsync(carer, "query($id: ID!) { history(passportId: $id) { change } }", new { id });
        history.Ok()["history"]!.AsArray().Select(h => h!["change"]!.GetValue<string>()).ShouldContain("Emergency card issued");
        history.Body.ShouldNotContain(token);

        // The database holds the token's SHA-256 and nowhere the token itself.
        await using var connection = new NpgsqlConnection(fixture.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using (var stored = new NpgsqlCommand("select id from passport.mt_doc_emergencycard where data->>'PassportId' = @id", connection))
        {
            stored.Parameters.AddWithValue("id", id);
            ((string?)await stored.ExecuteScalarAsync()).ShouldBe(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token))));
        }

        await using var anywhere = new NpgsqlCommand(
            "select (select count(*) from passport.mt_doc_emergencycard where data::text like @t or id like @t) + (select count(*) from passport.mt_events where data::text like @t)", connection);
        anywhere.Parameters.AddWithValue("t", "%" + token + "%");
        ((long)(await anywhere.ExecuteScalarAsync())!).ShouldBe(0);
    }

    [Fact]
    public async Task A_health_professional_learns_the_passport_and_nobody_else_learns_anything()
    {
        var carer = Persona.Carer();
        var id = await CreateAsync(carer);
        var token = TokenOf((await fixture.GraphQLAsync(carer, Issue, new { id })).Ok()["issueEmergencyCard"]!["url"]!.GetValue<string>());

        // A clinician with no relationship: which passport, and that they must ask for emergency access.
        var doctor = Persona.Professional("health", "Derriford Hospital");
        var scanned = (await fixture.GraphQLAsync(doctor, Scan, new { t = token })).Ok()["emergencyCardScan"]!;
        scanned["passportId"]!.GetValue<string>().ShouldBe(id);
        scanned["hasAccess"]!.GetValue<bool>().ShouldBeFalse();

        // One on the care team already has access.
        var gp = Persona.Professional("health", "Trelawny Surgery");
        await new HostClient(fixture, fixture.Http).JoinAsync(carer, id, gp);
        (await fixture.GraphQLAsync(gp, Scan, new { t = token })).Ok()["emergencyCardScan"]!["hasAccess"]!.GetValue<bool>().ShouldBeTrue();

        // Everyone else, even on the care team, gets exactly what a card that never existed gets.
        var unknown = await fixture.GraphQLAsync(doctor, Scan, new { t = NewToken() });
        unknown.ErrorCodes.ShouldBe(["NOT_FOUND"]);
        unknown.Data!["emergencyCardScan"].ShouldBeNull();
        var teacher = Persona.Professional("education", "Truro Primary School");
        await new HostClient(fixture, fixture.Http).JoinAsync(carer, id, teacher);
        var youngPerson = Persona.YoungPerson();
        var others = new[]
        {
            teacher, Persona.Professional("social-care"), Persona.Professional("leisure"), Persona.Carer(), youngPerson,
            carer, Persona.Auditor(), Persona.LocalAuthorityAdmin("E06000052"),
        };
        foreach (var other in others)
        {
            (await fixture.GraphQLAsync(other, Scan, new { t = token })).Body.ShouldBe(unknown.Body, other.Claims.Name);
        }

        // Anything that could not be a token is answered the same, without a lookup.
        foreach (var malformed in new[] { "", token[..21], token + "A", new string('é', 22), token.Replace(token[0], '!'), new string('A', 5000) })
        {
            (await fixture.GraphQLAsync(doctor, Scan, new { t = malformed })).Body.ShouldBe(unknown.Body, malformed);
        }
    }

    [Fact]
    public async Task A_new_card_stops_the_old_one_and_a_revoked_card_is_the_same_as_one_that_never_existed()
    {
        var carer = Persona.Carer();
        var id = await CreateAsync(carer);
        var doctor = Persona.Professional("health");
        var first = TokenOf((await fixture.GraphQLAsync(carer, Issue, new { id })).Ok()["issueEmergencyCard"]!["url"]!.GetValue<string>());
        var second = TokenOf((await fixture.GraphQLAsync(carer, Issue, new { id })).Ok()["issueEmergencyCard"]!["url"]!.GetValue<string>());
        second.ShouldNotBe(first);

        var unknown = (await fixture.GraphQLAsync(doctor, Scan, new { t = NewToken() })).Body;
        (await fixture.GraphQLAsync(doctor, Scan, new { t = first })).Body.ShouldBe(unknown);
        (await fixture.GraphQLAsync(doctor, Scan, new { t = second })).Ok()["emergencyCardScan"]!["passportId"]!.GetValue<string>().ShouldBe(id);

        (await fixture.GraphQLAsync(carer, Revoke, new { id })).Ok()["revokeEmergencyCard"]!["emergencyCard"].ShouldBeNull();
        (await fixture.GraphQLAsync(doctor, Scan, new { t = second })).Body.ShouldBe(unknown);
        (await fixture.GraphQLAsync(carer, Status, new { id })).Ok()["passport"]!["emergencyCard"].ShouldBeNull();

        // Revoking when no card is in use changes nothing and is not an error (a second click).
        var version = await new HostClient(fixture, fixture.Http).VersionAsync(carer, id);
        (await fixture.GraphQLAsync(carer, Revoke, new { id })).Ok();
        (await new HostClient(fixture, fixture.Http).VersionAsync(carer, id)).ShouldBe(version);

        var history = (await fixture.GraphQLAsync(carer, "query($id: ID!) { history(passportId: $id) { change } }", new { id })).Ok()["history"]!.AsArray()
            .Select(h => h!["change"]!.GetValue<string>()).Where(c => c.StartsWith("Emergency card", StringComparison.Ordinal));
        history.ShouldBe(["Emergency card revoked", "Emergency card issued", "Emergency card revoked", "Emergency card issued"]);
    }

    [Fact]
    public async Task Professionals_and_a_carer_without_the_sharing_right_cannot_issue_or_revoke_a_card()
    {
        var carer = Persona.Carer();
        var id = await CreateAsync(carer);
        var host = new HostClient(fixture, fixture.Http);
        var doctor = Persona.Professional("health");
        await host.JoinAsync(carer, id, doctor);
        var editor = Persona.Carer();
        (await host.AcceptCarerInvitationAsync(editor, await host.InviteCarerAsync(carer, id, mayEdit: true, mayManageSharing: false, mayInvite: false))).Ok();
        var stranger = Persona.Carer();

        (await fixture.GraphQLAsync(doctor, Issue, new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(editor, Issue, new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(stranger, Issue, new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await fixture.GraphQLAsync(carer, Status, new { id })).Ok()["passport"]!["emergencyCard"].ShouldBeNull();

        (await fixture.GraphQLAsync(carer, Issue, new { id })).Ok();
        (await fixture.GraphQLAsync(doctor, Revoke, new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(editor, Revoke, new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(stranger, Revoke, new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await fixture.GraphQLAsync(carer, Status, new { id })).Ok()["passport"]!["emergencyCard"].ShouldNotBeNull();

        // Whether the family has a card is the family's: the care team is told nothing of it.
        var seen = await fixture.GraphQLAsync(doctor, Status, new { id });
        seen.ErrorCodes.ShouldBe(["FORBIDDEN"]);
        seen.Data!["passport"]!["emergencyCard"].ShouldBeNull();
        (await fixture.GraphQLAsync(editor, Status, new { id })).Ok()["passport"]!["emergencyCard"].ShouldNotBeNull();
    }

    private async Task<string> CreateAsync(Persona carer) =>
        (await fixture.GraphQLAsync(carer, "mutation { createPassport(input: { givenName: \"Ellie\", familyName: \"Tonkin\", dateOfBirth: \"2017-03-09\", localAuthority: \"E06000052\" }) { id } }"))
            .Ok()["createPassport"]!["id"]!.GetValue<string>();

    private static string TokenOf(string url) => url[(url.LastIndexOf("/card/", StringComparison.Ordinal) + "/card/".Length)..];

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
