using System.Text;
using GraphQL.Types;

namespace Passport.Web.Infrastructure;

/// <summary>One block of the passport page: a heading, where it is in the Passport type, and what to select.</summary>
public sealed record Block(string Heading, string[] Path, bool IsList, string Selection);

/// <summary>One section of the passport page (a module's field on Passport, or the core's).</summary>
public sealed record Section(string Title, string? Root, IReadOnlyList<Block> Blocks);

/// <summary>
/// The passport page's query, built from the sections whose fields this host's schema has, so a
/// host without a module still renders the rest.
/// </summary>
public static class PassportQuery
{
    private const string Prov = "recordedBy { ...P } verified verifiedBy { ...P }";
    private const string HealthItem = "recordedAt " + Prov;

    public static IReadOnlyList<Section> All { get; } =
    [
        new("Health", "health",
        [
            new("Allergies", ["health", "allergies"], true, "id substance reaction severity status " + HealthItem),
            new("Alerts", ["health", "alerts"], true, "id title details " + HealthItem),
            new("Emergency care plans", ["health", "emergencyCarePlans"], true, "id title plan " + HealthItem),
            new("Equipment", ["health", "equipment"], true, "id name notes " + HealthItem),
            new("Conditions", ["health", "conditions"], true, "id name snomedCode onset " + HealthItem),
            new("Medicines", ["health", "medications"], true, "id name dose route frequency howITakeIt " + HealthItem),
            new("Clinicians and services", ["health", "clinicians"], true, "id name role service contact " + HealthItem),
            new("Growth", ["health", "growth"], true, "id measuredOn heightCm weightKg headCircumferenceCm " + HealthItem),
            new("Immunisations", ["health", "immunisations"], true, "id vaccine givenOn " + HealthItem),
        ]),
        new("Education", "education",
        [
            new("School or nursery", ["education", "setting"], false, "id name urn yearGroup sencoContact " + Prov),
            new("Special educational needs support", ["education", "sen"], false, "id level ehcpStatus ehcpDate ehcpReviewDate needs reasonableAdjustments healthcarePlanInSchool " + Prov),
        ]),
        new("Leisure", "leisure",
        [
            new("Activities", ["leisure", "activities"], true, "id name supportNeeded needsOneToOne needsChangingPlaces swimmingAbility dietaryNeeds " + Prov),
        ]),
        new("Social care", "socialCare",
        [
            new("Legal status", ["socialCare", "legalStatus"], false, "id status since responsibleAuthority " + Prov),
            new("Social care involvement", ["socialCare", "involvement"], false, "id allocatedWorker workerContact services " + Prov),
            new("Safeguarding", ["socialCare", "safeguarding"], true, "id note " + Prov),
        ]),
    ];

    /// <summary>The sections this schema can answer.</summary>
    public static IReadOnlyList<Section> Available(ISchema schema) =>
        schema.AllTypes["Passport"] is IComplexGraphType passport
            ? All.Where(s => s.Root is null || passport.HasField(s.Root)).ToList()
            : [];

    /// <param name="sections">The module sections to select.</param>
    /// <param name="withheldItems">Also select which items are withheld (only the care team and the young person may).</param>
    public static string Build(IReadOnlyList<Section> sections, bool withheldItems = false)
    {
        var q = new StringBuilder();
        q.Append("query($id: ID!) { passport(id: $id) { id version localAuthority isControlledByYoungPerson ");
        if (withheldItems)
        {
            q.Append("withheldItems { itemId from } ");
        }

        q.Append("child { givenName familyName preferredName dateOfBirth pronouns firstLanguage interpreterNeeded nhsNumber } ");
        q.Append("aboutMe { communication importantToMe likes dislikes whatUpsetsMe howToHelpMe howIShowPain mustKnow recordedBy { ...P } lastReviewed reviewDue } ");
        q.Append("emergencyContacts { id name relationship parentalResponsibility phone preferredOrder recordedBy { ...P } verified verifiedBy { ...P } } ");
        foreach (var section in sections)
        {
            q.Append(section.Root).Append(" { ");
            foreach (var block in section.Blocks)
            {
                q.Append(block.Path[^1]).Append(" { ").Append(block.Selection).Append(" } ");
            }

            q.Append("} ");
        }

        q.Append("} } fragment P on Provenance { displayName role sector organisation recordedAt verified }");
        return q.ToString();
    }
}
