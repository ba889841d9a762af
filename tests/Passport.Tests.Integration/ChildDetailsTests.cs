using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class ChildDetailsTests(PassportFixture fixture)
{
    [Fact]
    public async Task The_family_completes_the_childs_basic_details()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var child = (await fixture.GraphQLAsync(carer, """
            mutation($id: ID!) { updateChildDetails(passportId: $id, input: { givenName: "Eleanor", familyName: "Morgan", preferredName: "Ellie",
              dateOfBirth: "2016-05-14", pronouns: "she/her", firstLanguage: "Cornish", interpreterNeeded: false, localAuthority: "E06000026" }) {
              localAuthority child { givenName preferredName pronouns firstLanguage interpreterNeeded localAuthority } } }
            """, new { id })).Ok()["updateChildDetails"]!;
        child["child"]!["givenName"]!.GetValue<string>().ShouldBe("Eleanor");
        child["child"]!["pronouns"]!.GetValue<string>().ShouldBe("she/her");
        child["child"]!["firstLanguage"]!.GetValue<string>().ShouldBe("Cornish");
        child["child"]!["localAuthority"]!.GetValue<string>().ShouldBe("E06000026");
        child["localAuthority"]!.GetValue<string>().ShouldBe("E06000026");
    }

    [Fact]
    public async Task Details_read_before_someone_else_changed_them_are_refused_as_a_version_conflict_not_saved_over_the_change()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var read = (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { version } }", new { id })).Ok()["passport"]!["version"]!.GetValue<int>();
        const string update = """
            mutation($id: ID!, $v: Int, $p: String) { updateChildDetails(passportId: $id, expectedVersion: $v,
              input: { givenName: "Ellie", familyName: "Morgan", preferredName: $p, dateOfBirth: "2016-05-14", localAuthority: "E06000052" }) { version child { preferredName } } }
            """;
        (await fixture.GraphQLAsync(carer, update, new { id, v = read, p = "Els" })).Ok()["updateChildDetails"]!["child"]!["preferredName"]!.GetValue<string>().ShouldBe("Els");

        // A second editor who read the same version is told, and the first editor's change stands.
        (await fixture.GraphQLAsync(carer, update, new { id, v = read, p = "Nell" })).ErrorCodes.ShouldBe(["VERSION_CONFLICT"]);
        (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { child { preferredName } } }", new { id })).Ok()["passport"]!["child"]!["preferredName"]!.GetValue<string>().ShouldBe("Els");
    }

    [Fact]
    public async Task An_NHS_number_is_added_later_and_stays_unique()
    {
        var carer = Persona.Carer();
        var id = (await fixture.GraphQLAsync(carer, "mutation { createPassport(input: { givenName: \"Noah\", familyName: \"Penrose\", dateOfBirth: \"2024-01-02\", localAuthority: \"E06000052\" }) { id child { nhsNumber } } }"))
            .Ok()["createPassport"]!;
        id["child"]!["nhsNumber"].ShouldBeNull();
        var passportId = id["id"]!.GetValue<string>();
        var number = NhsNumbers.Next();

        const string set = "mutation($id: ID!, $n: String!) { setNhsNumber(passportId: $id, nhsNumber: $n) { child { nhsNumber } } }";
        (await fixture.GraphQLAsync(carer, set, new { id = passportId, n = number })).Ok()["setNhsNumber"]!["child"]!["nhsNumber"]!.GetValue<string>().ShouldBe(number);

        var other = await new PassportTests(fixture).CreateAsync(carer);
        var duplicate = await fixture.GraphQLAsync(carer, set, new { id = other, n = number });
        duplicate.ErrorCodes.ShouldBe(["DUPLICATE"]);
        var invalid = await fixture.GraphQLAsync(carer, set, new { id = other, n = "9434765918" });
        invalid.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        invalid.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("nhsNumber");
    }

    [Fact]
    public async Task An_emergency_contact_is_amended_and_removed()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var contact = (await fixture.GraphQLAsync(carer, "mutation($id: ID!) { addEmergencyContact(passportId: $id, input: { name: \"Mum\", relationship: \"Mother\", parentalResponsibility: true, phone: \"07700 900123\" }) { emergencyContacts { id } } }", new { id }))
            .Ok()["addEmergencyContact"]!["emergencyContacts"]!.AsArray().Single()!["id"]!.GetValue<string>();

        var amended = (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $c: ID!) { amendEmergencyContact(passportId: $id, contactId: $c, input: { name: \"Mum\", relationship: \"Mother\", parentalResponsibility: true, phone: \"07700 900999\" }) { emergencyContacts { id phone } } }", new { id, c = contact }))
            .Ok()["amendEmergencyContact"]!["emergencyContacts"]!.AsArray().Single()!;
        amended["id"]!.GetValue<string>().ShouldBe(contact);
        amended["phone"]!.GetValue<string>().ShouldBe("07700 900999");

        (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $c: ID!) { removeEmergencyContact(passportId: $id, contactId: $c) { emergencyContacts { id } } }", new { id, c = contact }))
            .Ok()["removeEmergencyContact"]!["emergencyContacts"]!.AsArray().ShouldBeEmpty();

        var again = await fixture.GraphQLAsync(carer, "mutation($id: ID!, $c: ID!) { removeEmergencyContact(passportId: $id, contactId: $c) { id } }", new { id, c = contact });
        again.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        again.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("contactId");
    }
}
