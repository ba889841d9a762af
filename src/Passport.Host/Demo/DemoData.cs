using System.Globalization;
using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using Marten;
using Passport.Core.Access;
using Passport.Core.Passports;
using Passport.Host.Identity;

namespace Passport.Host.Demo;

/// <summary>
/// Seeds the embedded default with demo passports on its first run, and switches on the demo's
/// extra module for Cornwall. It goes through the same GraphQL mutations, access decision and
/// Wolverine commands as a real user would.
/// </summary>
internal static class DemoData
{
    private const string ShortBreaks = "short-breaks";

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

        await SeedRegionActivityAsync(services);
        log.LogInformation("Seeded region activity for the impact measures: passports in Cornwall, Devon and Plymouth (commissioner and la-admin personas).");

        if (await SeedShortBreaksAsync(services, ellieId))
        {
            log.LogInformation("Seeded the extra module: Short Breaks is on for Cornwall (la-admin persona) with a plan on Ellie's passport, recorded by social care.");
        }
        else
        {
            log.LogInformation("The plugins folder has no loaded short-breaks module, so the demo has no extra module switched on.");
        }
    }

    /// <summary>
    /// The demo's extra module: Cornwall's administrator switches Short Breaks on for Cornwall (it
    /// stays off elsewhere), Ellie's carer gives social care a share code, and the social worker
    /// joins her care team with it and records her short breaks plan, as people would in the app.
    /// Nothing is done when the plugins folder has no Short Breaks (Passport__PluginsPath elsewhere).
    /// </summary>
    private static async Task<bool> SeedShortBreaksAsync(IServiceProvider services, string passportId)
    {
        var modules = await RunAsync(services, "la-admin", $$"""{ modules(localAuthority: "{{DemoPersonas.Cornwall}}") { name status } }""");
        if (!modules["modules"]!.AsArray().Any(m => m!["name"]!.GetValue<string>() == ShortBreaks && m["status"]!.GetValue<string>() == "loaded"))
        {
            return false;
        }

        await RunAsync(services, "la-admin", $$"""
            mutation { setModuleEnabled(localAuthority: "{{DemoPersonas.Cornwall}}", module: "{{ShortBreaks}}", enabled: true) { enabled } }
            """);
        var shareCode = await RunAsync(services, "carer", $$"""
            mutation { createShareCode(passportId: "{{passportId}}", sector: "social-care") { code } }
            """);
        await RunAsync(services, "social-care", $$"""
            mutation { redeemShareCode(code: "{{shareCode["createShareCode"]!["code"]}}") { id } }
            """);
        // The plugin refuses an assessment date in the future, so it is taken from today's date.
        var assessedOn = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime).AddMonths(-9)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await RunAsync(services, "social-care", $$"""
            mutation { recordShortBreaksPlan(passportId: "{{passportId}}", input: {
              eligibilityAssessed: true, assessedOn: "{{assessedOn}}", hoursPerYear: 288,
              provider: "Sunflower House overnight short breaks, Truro",
              routines: "Breakfast before 8. A visual timetable for the day; bath before bed, then a story with her sensory toy.",
              nightTimeCare: "Wakes once or twice: settle with calm words and a drink of water. No checks needed otherwise.",
              medicationSupport: "No regular medicines. Adrenaline pen travels with Ellie: staff trained in its use." }) { version } }
            """);
        return true;
    }

    /// <summary>
    /// Something for the impact dashboard to show this month: other families (not the personas) in
    /// three authorities create passports, fill in About me and give share codes that doctors and
    /// teachers use; a few say how easy creating the passport was. Plymouth's three passports are
    /// fewer than 5, so the dashboard shows how small numbers are hidden.
    /// </summary>
    private static async Task SeedRegionActivityAsync(IServiceProvider services)
    {
        (string Authority, int Passports, string Sector)[] areas = [(DemoPersonas.Cornwall, 8, "health"), ("E10000008", 6, "education"), ("E06000026", 3, "health")];
        string[] names = ["Amelia", "Oliver", "Isla", "Noah", "Freya", "Leo", "Poppy", "Arthur"];
        foreach (var (authority, passports, sector) in areas)
        {
            for (var i = 0; i < passports; i++)
            {
                var family = Person($"demo-family-{authority}-{i}", "Demo family", "carer", null, null);
                var created = await RunAsync(services, family, $$"""
                    mutation { createPassport(input: { givenName: "{{names[i]}}", familyName: "Example", dateOfBirth: "2018-0{{1 + i}}-1{{i}}", localAuthority: "{{authority}}" }) { id } }
                    """);
                var id = created["createPassport"]!["id"]!.ToString();
                await RunAsync(services, family, $$"""
                    mutation { updateAboutMe(passportId: "{{id}}", expectedVersion: 1, input: { likes: "Drawing and the park." }) { version } }
                    """);
                if (i < passports - 1)
                {
                    var code = await RunAsync(services, family, $$"""mutation { createShareCode(passportId: "{{id}}", sector: "{{sector}}") { code } }""");
                    var professional = Person($"demo-{sector}-{authority}-{i}", "Demo professional", "professional", sector, "Demo service");
                    await RunAsync(services, professional, $$"""mutation { redeemShareCode(code: "{{code["createShareCode"]!["code"]}}") { id } }""");
                }

                if (i < 5)
                {
                    await RunAsync(services, family, $$"""mutation { recordSatisfaction(journey: CREATED_PASSPORT, score: {{5 - (i % 2)}}) }""");
                }
            }
        }
    }

    private static Passport.Sdk.Viewer Person(string subject, string name, string role, string? sector, string? organisation) =>
        new(subject, name, new HashSet<string>(StringComparer.Ordinal) { role }, sector, organisation, null);

    private static Task<JsonNode> RunAsync(IServiceProvider services, string persona, string operation)
    {
        var claims = DemoPersonas.All[persona];
        return RunAsync(services, new Passport.Sdk.Viewer(
            claims.Subject, claims.Name, claims.Roles.ToHashSet(StringComparer.Ordinal), claims.Sector, claims.Organisation, claims.LocalAuthority), operation);
    }

    private static async Task<JsonNode> RunAsync(IServiceProvider services, Passport.Sdk.Viewer viewer, string operation)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentViewer>().Value = viewer;
        var result = await scope.ServiceProvider.GetRequiredService<IDocumentExecuter<ISchema>>().ExecuteAsync(options =>
        {
            options.Query = operation;
            options.RequestServices = scope.ServiceProvider;
        });
        if (result.Errors is { Count: > 0 } errors)
        {
            throw new InvalidOperationException("Demo data could not be seeded: " + string.Join("; ", errors.Select(e => e.Message)));
        }

        return JsonNode.Parse(scope.ServiceProvider.GetRequiredService<IGraphQLTextSerializer>().Serialize(result))!["data"]!;
    }
}
