using Passport.Host.Identity;

namespace Passport.Tests.Integration.Infrastructure;

/// <summary>A person a test acts as; each has a unique subject so tests do not see each other's passports.</summary>
public sealed record Persona(TokenClaims Claims)
{
    public static Persona Carer(string? name = null) => New("carer", name ?? "Test Carer", ["carer"]);

    public static Persona YoungPerson() => New("yp", "Test Young Person", ["young-person"]);

    public static Persona Professional(string sector, string organisation = "Test Organisation") =>
        New(sector, $"Test {sector} professional", ["professional"], sector, organisation);

    public static Persona LocalAuthorityAdmin(string localAuthority) =>
        New("la", "Test LA admin", ["la-admin"], localAuthority: localAuthority);

    public static Persona Auditor() => New("auditor", "Test Auditor", ["auditor"]);

    public static Persona Commissioner() => New("commissioner", "Test Commissioner", ["commissioner"], organisation: "Test ICB");

    private static Persona New(string kind, string name, string[] roles, string? sector = null, string? organisation = null, string? localAuthority = null)
    {
        var subject = $"{kind}-{Guid.NewGuid():N}";
        return new Persona(new TokenClaims(subject, name, subject, roles, sector, organisation, localAuthority));
    }

    public string Subject => Claims.Subject;
}
