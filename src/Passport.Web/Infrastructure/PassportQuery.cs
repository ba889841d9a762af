using System.Text;

namespace Passport.Web.Infrastructure;

/// <summary>
/// The passport page's query: the core's own data, then each section as its module describes it
/// (every block's fields with their provenance). A section whose plugin failed to load is asked for
/// too, so its MODULE_UNAVAILABLE answer reaches the page rather than nothing at all.
/// </summary>
public static class PassportQuery
{
    private const string Provenance = "recordedBy { ...P } verified verifiedBy { ...P }";

    /// <param name="sections">The modules' sections to select.</param>
    /// <param name="withheldItems">Also select which items are withheld (only the care team and the young person may).</param>
    public static string Build(IReadOnlyList<PageSection> sections, bool withheldItems = false)
    {
        var q = new StringBuilder();
        q.Append("query($id: ID!) { passport(id: $id) { id version localAuthority isControlledByYoungPerson ");
        if (withheldItems)
        {
            q.Append("withheldItems { itemId from } ");
        }

        q.Append("child { givenName familyName preferredName dateOfBirth pronouns firstLanguage interpreterNeeded nhsNumber } ");
        q.Append("aboutMe { communication importantToMe likes dislikes whatUpsetsMe howToHelpMe howIShowPain mustKnow recordedBy { ...P } lastReviewed reviewDue } ");
        q.Append("emergencyContacts { id ").AppendJoin(' ', CoreBlocks.EmergencyContacts.Item.Fields.Select(f => f.Name)).Append(' ').Append(Provenance).Append(" } ");
        foreach (var section in sections)
        {
            q.Append(section.Field).Append(" { ");
            if (section.IsUnavailable)
            {
                q.Append("__typename ");
            }

            foreach (var block in section.Blocks)
            {
                q.Append(Selection(block)).Append(' ');
            }

            q.Append("} ");
        }

        q.Append("} } fragment P on Provenance { displayName role sector organisation recordedAt verified source }");
        return q.ToString();
    }

    /// <summary>One block of a section with every field its module describes, e.g. <c>items { id name … recordedBy { ...P } … }</c>.</summary>
    public static string Selection(PageBlock block) =>
        $"{block.Item.Field} {{ id {string.Join(' ', block.Item.Fields.Select(f => f.Name))} {Provenance} }}";
}
