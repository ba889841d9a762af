using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Resilience.Infrastructure;

/// <summary>Passports with a care team, made through the API as the family and professionals would.</summary>
public static class CareTeams
{
    public const string RecordAllergy = "mutation($id: ID!, $s: String!, $sev: Severity!) { recordAllergy(passportId: $id, input: { substance: $s, severity: $sev }) { id } }";

    public static async Task<string> CreatePassportAsync(FaultRig rig, HostProcess host, Persona carer) =>
        (await rig.OkAsync(host, carer, "mutation { createPassport(input: { givenName: \"Robin\", familyName: \"Hale\", dateOfBirth: \"2016-05-04\", localAuthority: \"E06000052\" }) { id } }"))
            ["createPassport"]!["id"]!.GetValue<string>();

    /// <summary>The family shares the passport with a professional's sector by a share code, which the professional redeems.</summary>
    public static async Task JoinAsync(FaultRig rig, HostProcess host, Persona carer, string id, Persona professional)
    {
        var code = (await rig.OkAsync(host, carer, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id, s = professional.Claims.Sector }))
            ["createShareCode"]!["code"]!.GetValue<string>();
        await rig.OkAsync(host, professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });
    }

    /// <summary>Every allergy substance on the passport as the carer reads it, one entry per recorded allergy.</summary>
    public static async Task<List<string>> AllergiesAsync(FaultRig rig, HostProcess host, Persona carer, string id) =>
        (await rig.OkAsync(host, carer, "query($id: ID!) { passport(id: $id) { health { allergies { substance } } } }", new { id }))
            ["passport"]!["health"]!["allergies"]!.AsArray().Select(a => a!["substance"]!.GetValue<string>()).ToList();
}
