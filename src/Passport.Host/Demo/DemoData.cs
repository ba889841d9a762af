using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using Marten;
using Passport.Core.Access;
using Passport.Core.Passports;
using Passport.Host.Identity;

namespace Passport.Host.Demo;

/// <summary>
/// Seeds the embedded default with demo passports on its first run. It goes through the same
/// GraphQL mutations, access decision and Wolverine commands as a real user would.
/// </summary>
internal static class DemoData
{
    public static async Task SeedAsync(IServiceProvider services, ILogger log)
    {
        await using (var check = services.GetRequiredService<IDocumentStore>().QuerySession())
        {
            if (await check.Query<PassportView>().AnyAsync())
            {
                return;
            }
        }

        var ellie = await RunAsync(services, "carer", """
            mutation { createPassport(input: { givenName: "Ellie", familyName: "Morgan", preferredName: "Ellie",
              dateOfBirth: "2016-05-14", nhsNumber: "943 476 5919", localAuthority: "E06000052" }) { id version } }
            """);
        var ellieId = ellie["createPassport"]!["id"]!.ToString();
        await RunAsync(services, "carer", $$"""
            mutation { updateAboutMe(passportId: "{{ellieId}}", expectedVersion: 1, input: {
              communication: "I use some Makaton signs and short sentences. Give me time to answer.",
              importantToMe: "My dog Biscuit, my big sister, swimming on Saturdays.",
              likes: "Trains, the colour yellow, singing.", dislikes: "Loud hand dryers, being rushed.",
              whatUpsetsMe: "Sudden noises and changes to plans without warning.",
              howToHelpMe: "Tell me what is going to happen next, speak calmly, let me hold my sensory toy.",
              howIShowPain: "I go quiet and rub my ear. I may not say that it hurts.",
              mustKnow: "Severe peanut allergy: adrenaline pen is in my bag." }) { version } }
            """);
        await RunAsync(services, "carer", $$"""
            mutation { addEmergencyContact(passportId: "{{ellieId}}", input: { name: "Alex Morgan", relationship: "Mother",
              parentalResponsibility: true, phone: "07700 900123", preferredOrder: 1 }) { version } }
            """);
        await RunAsync(services, "carer", $$"""
            mutation { recordAllergy(passportId: "{{ellieId}}", input: { substance: "Peanuts", reaction: "Anaphylaxis", severity: SEVERE }) { version } }
            """);

        await RunAsync(services, "health", """
            mutation { createPassport(input: { givenName: "Ava", familyName: "Penrose", dateOfBirth: "2021-02-03",
              localAuthority: "E06000052" }) { id } }
            """);

        log.LogInformation("Seeded demo passports: Ellie Morgan (carer persona) and Ava Penrose (health persona).");
    }

    private static async Task<JsonNode> RunAsync(IServiceProvider services, string persona, string mutation)
    {
        await using var scope = services.CreateAsyncScope();
        var claims = DemoPersonas.All[persona];
        scope.ServiceProvider.GetRequiredService<CurrentViewer>().Value = new Passport.Sdk.Viewer(
            claims.Subject, claims.Name, claims.Roles.ToHashSet(StringComparer.Ordinal), claims.Sector, claims.Organisation, claims.LocalAuthority);
        var result = await scope.ServiceProvider.GetRequiredService<IDocumentExecuter<ISchema>>().ExecuteAsync(options =>
        {
            options.Query = mutation;
            options.RequestServices = scope.ServiceProvider;
        });
        if (result.Errors is { Count: > 0 } errors)
        {
            throw new InvalidOperationException("Demo data could not be seeded: " + string.Join("; ", errors.Select(e => e.Message)));
        }

        return JsonNode.Parse(scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>().Serialize(result))!["data"]!;
    }
}
