using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// The host keeps parsed and validated documents by query text. What depends on the request must
/// still be decided per request: the complexity limit (a variable may size a list), the variables'
/// types, and the access decision.
/// </summary>
[Collection(PassportCollection.Name)]
public class DocumentCacheTests(PassportFixture fixture)
{
    [Fact]
    public async Task A_cached_query_is_refused_as_too_complex_when_its_variables_make_it_so()
    {
        // Twelve lists of `first: $n` passports: small for n = 1, over the limit of 20,000 for n = 200.
        var aliases = string.Join(' ', Enumerable.Range(0, 12).Select(i =>
            $"p{i}: myPassports(first: $n) {{ id version cursor localAuthority child {{ givenName familyName preferredName dateOfBirth nhsNumber }} }}"));
        var query = $"query Wide{Guid.NewGuid():N}($n: Int) {{ {aliases} }}";
        var carer = Persona.Carer();

        (await fixture.GraphQLAsync(carer, query, new { n = 1 })).Ok();
        (await fixture.GraphQLAsync(carer, query, new { n = 1 })).Ok();

        var wide = await fixture.GraphQLAsync(carer, query, new { n = 200 });
        wide.ErrorCodes.ShouldBe(["QUERY_TOO_COMPLEX"], wide.Body);
        wide.Data.ShouldBeNull();
    }

    [Fact]
    public async Task A_cached_query_still_checks_its_variables()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var query = $"query Read{Guid.NewGuid():N}($id: ID!, $first: Int) {{ passport(id: $id) {{ id }} history(passportId: $id, first: $first) {{ version }} }}";
        (await fixture.GraphQLAsync(carer, query, new { id, first = 1 })).Ok();

        var missing = await fixture.GraphQLAsync(carer, query, new { first = 1 });
        missing.Errors.ShouldNotBeEmpty();
        missing.Body.ShouldContain("$id");
        missing.Data.ShouldBeNull();

        var wrongType = await fixture.GraphQLAsync(carer, query, new { id, first = "many" });
        wrongType.Errors.ShouldNotBeEmpty();
        wrongType.Body.ShouldContain("$first");
        wrongType.Data.ShouldBeNull();
    }

    [Fact]
    public async Task A_query_cached_for_one_person_decides_access_afresh_for_the_next()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var query = $"query Child{Guid.NewGuid():N}($id: ID!) {{ passport(id: $id) {{ id child {{ givenName }} }} }}";
        (await fixture.GraphQLAsync(carer, query, new { id })).Ok()["passport"]!["id"]!.GetValue<string>().ShouldBe(id);

        var stranger = await fixture.GraphQLAsync(Persona.Carer(), query, new { id });
        stranger.ErrorCodes.ShouldBe(["NOT_FOUND"], stranger.Body);
        stranger.Data?["passport"].ShouldBeNull();
    }
}
