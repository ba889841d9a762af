using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Passport.Core;
using Passport.Host.Identity;
using Passport.Sdk;

namespace Passport.Benchmarks;

/// <summary>
/// The operations measured through the host: POST /graphql with a bearer token, JwtBearer, the
/// GraphQL endpoint, the access decision, Marten, and the access log committed before the reply.
/// Each request picks a random seeded passport and acts as someone with a standing relationship
/// to it (see <see cref="SeededRegion"/> for who is on which care team).
/// </summary>
internal sealed class PassportOperations
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

    /// <summary>A recorded fact: the clinician records a verified allergy (one event, the inline projections, the outbox), answered with the passport's new version.</summary>
    public const string RecordQuery = """
        mutation Record($id: ID!, $input: AllergyInput!) {
          recordAllergy(passportId: $id, input: $input) { id version }
        }
        """;

    /// <summary>What each sector and the family typically open, with the field that proves the answer was whole.</summary>
    private static readonly (string Query, string Expected)[] PersonaReads =
    [
        (ReadQuery, "\"allergies\":["),
        ("""
         query Read($id: ID!) { passport(id: $id) { id version child { givenName familyName dateOfBirth }
           aboutMe { communication howToHelpMe mustKnow } health { allergies { substance severity } }
           education { setting { name yearGroup } sen { level } } } }
         """, "\"setting\":{"),
        ("""
         query Read($id: ID!) { passport(id: $id) { id child { givenName familyName }
           aboutMe { communication likes dislikes howToHelpMe } health { allergies { substance severity } }
           leisure { activities { name supportNeeded needsOneToOne } } } }
         """, "\"activities\":["),
        ("""
         query Read($id: ID!) { passport(id: $id) { id version child { givenName familyName dateOfBirth nhsNumber }
           careTeam { displayName sector } socialCare { legalStatus { status since } involvement { allocatedWorker services } } } }
         """, "\"legalStatus\":{"),
        ("""
         query Read($id: ID!) { passport(id: $id) { id version child { givenName familyName dateOfBirth }
           aboutMe { communication importantToMe likes dislikes howToHelpMe mustKnow }
           emergencyContacts { name phone } health { allergies { substance severity } medications { name dose } }
           education { setting { name } } leisure { activities { name } } careTeam { displayName sector } } }
         """, "\"emergencyContacts\":["),
    ];

    private const string MyPassportsQuery = "query { myPassports(first: 20) { id child { givenName familyName dateOfBirth } } }";

    private readonly HttpClient _http;
    private readonly SeededRegion _region;
    private readonly SigningKey _key;
    private readonly string _issuer;
    private readonly string _audience;
    private readonly Dictionary<string, string> _tokens = new(StringComparer.Ordinal);

    public PassportOperations(HttpClient http, SeededRegion region, SigningKey key, string issuer, string audience)
    {
        _http = http;
        _region = region;
        _key = key;
        _issuer = issuer;
        _audience = audience;
    }

    public Task<string?> ReadAsync(Random random, CancellationToken cancellationToken)
    {
        var index = random.Next(_region.Passports.Count);
        return SendAsync(ProfessionalToken(Sectors.Health, index), ReadQuery, new { id = _region.Passports[index].ToString() }, "\"allergies\":[", cancellationToken);
    }

    public Task<string?> RecordAllergyAsync(Random random, CancellationToken cancellationToken)
    {
        var index = random.Next(_region.Passports.Count);
        var input = new { substance = "Latex", reaction = "Hives", severity = "MILD" };
        return SendAsync(ProfessionalToken(Sectors.Health, index), RecordQuery, new { id = _region.Passports[index].ToString(), input }, "\"recordAllergy\":{", cancellationToken);
    }

    /// <summary>
    /// The mixed load: nine requests in ten are reads by whoever has a relationship with a random
    /// passport (health 30 %, education 20 %, leisure 10 %, the family 30 %, social care when the child
    /// has a social worker), one in ten records an allergy as the health professional.
    /// </summary>
    public Task<string?> MixedAsync(Random random, CancellationToken cancellationToken)
    {
        var roll = random.Next(100);
        if (roll < 10)
        {
            return RecordAllergyAsync(random, cancellationToken);
        }

        var index = random.Next(_region.Passports.Count);
        var (persona, token) = roll switch
        {
            < 40 => (0, ProfessionalToken(Sectors.Health, index)),
            < 60 => (1, ProfessionalToken(Sectors.Education, index)),
            < 70 => (2, ProfessionalToken(Sectors.Leisure, index)),
            _ when SeededRegion.ProfessionalOf(Sectors.SocialCare, index) is not null && roll < 80 => (3, ProfessionalToken(Sectors.SocialCare, index)),
            _ => (4, Token(SeededRegion.Carer(index), Viewer.CarerRole, null)),
        };
        var (query, expected) = PersonaReads[persona];
        return SendAsync(token, query, new { id = _region.Passports[index].ToString() }, expected, cancellationToken);
    }

    /// <summary>The first page (20) of <c>myPassports</c> for a health professional with the given caseload subject.</summary>
    public LoadRun.Operation MyPassports(string subject) =>
        (_, cancellationToken) => SendAsync(Token(subject, Viewer.ProfessionalRole, Sectors.Health), MyPassportsQuery, new { }, "\"myPassports\":[{", cancellationToken);

    private string ProfessionalToken(string sector, int passport) =>
        Token(SeededRegion.ProfessionalOf(sector, passport) ?? throw new InvalidOperationException($"Passport {passport} has no {sector} professional."), Viewer.ProfessionalRole, sector);

    private string Token(string subject, string role, string? sector)
    {
        lock (_tokens)
        {
            if (!_tokens.TryGetValue(subject, out var token))
            {
                token = _key.Issue(
                    new TokenClaims(subject, "Bench " + subject, subject, [role], sector, sector is null ? null : SeededRegion.Organisation),
                    _issuer,
                    _audience,
                    DateTimeOffset.UtcNow,
                    TimeSpan.FromHours(12));
                _tokens[subject] = token;
            }

            return token;
        }
    }

    private async Task<string?> SendAsync(string token, string query, object variables, string expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);

        // A request only counts when the passport came back whole: no GraphQL errors, the expected field present.
        return response.StatusCode == HttpStatusCode.OK && !body.Contains("\"errors\"", StringComparison.Ordinal) && body.Contains(expected, StringComparison.Ordinal)
            ? null
            : $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 400)]}";
    }
}
