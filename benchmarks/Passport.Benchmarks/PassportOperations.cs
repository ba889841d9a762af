using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Passport.Benchmarks;

/// <summary>
/// The two operations measured through the host: POST /graphql with a bearer token, JwtBearer,
/// the GraphQL endpoint, the access decision, Marten, and the access log committed before the reply.
/// Each request picks a random seeded passport and acts as the health professional on its care team.
/// </summary>
internal sealed class PassportOperations(HttpClient http, SeededRegion region, IReadOnlyList<string> professionalTokens)
{
    /// <summary>An audited read as a clinician with a care-team relationship: the child, About me, and allergies (health.emergency).</summary>
    public const string ReadQuery = """
        query Read($id: ID!) {
          passport(id: $id) {
            id version
            child { givenName familyName dateOfBirth nhsNumber }
            aboutMe { communication importantToMe likes dislikes howToHelpMe mustKnow }
            health { allergies { substance reaction severity verified } }
          }
        }
        """;

    /// <summary>A recorded fact: the clinician records a verified allergy (one event, two inline projections, the outbox), answered with the passport's new version.</summary>
    public const string RecordQuery = """
        mutation Record($id: ID!, $input: AllergyInput!) {
          recordAllergy(passportId: $id, input: $input) { id version }
        }
        """;

    public Task<string?> ReadAsync(Random random, CancellationToken cancellationToken)
    {
        var (id, token) = Pick(random);
        return SendAsync(token, ReadQuery, new { id }, "\"allergies\":[", cancellationToken);
    }

    public Task<string?> RecordAllergyAsync(Random random, CancellationToken cancellationToken)
    {
        var (id, token) = Pick(random);
        var input = new { substance = "Latex", reaction = "Hives", severity = "MILD" };
        return SendAsync(token, RecordQuery, new { id, input }, "\"recordAllergy\":{", cancellationToken);
    }

    private (string Id, string Token) Pick(Random random)
    {
        var index = random.Next(region.Passports.Count);
        return (region.Passports[index].ToString(), professionalTokens[index % region.Professionals]);
    }

    private async Task<string?> SendAsync(string token, string query, object variables, string expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        // A request only counts when the passport came back whole: no GraphQL errors, the expected field present.
        return response.StatusCode == HttpStatusCode.OK && !body.Contains("\"errors\"", StringComparison.Ordinal) && body.Contains(expected, StringComparison.Ordinal)
            ? null
            : $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}";
    }
}
