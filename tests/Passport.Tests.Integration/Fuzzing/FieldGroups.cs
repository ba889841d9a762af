namespace Passport.Tests.Integration.Fuzzing;

/// <summary>
/// Which field group each field below <c>Passport</c> is in, as the core and the modules declare it
/// (<c>InFieldGroup</c> in PassportGraphType, HealthView, SocialCareView, EducationView and
/// LeisureView). Lists the host filters per entry (care team, carers, reviews, sharing, withheld
/// items) are checked entry by entry instead.
/// </summary>
public static class FieldGroups
{
    public static readonly IReadOnlyDictionary<(string Type, string Field), string[]> Of = new Dictionary<(string, string), string[]>
    {
        [("Passport", "aboutMe")] = ["aboutMe"],
        [("Passport", "emergencyContacts")] = ["contacts.emergency"],
        [("Passport", "isControlledByYoungPerson")] = ["identity.basic"],

        // A closing day at the 26th birthday reveals social care's involvement: both groups needed.
        [("Passport", "closesOn")] = ["identity.basic", "socialCare.involvement"],
        [("Child", "givenName")] = ["identity.basic"],
        [("Child", "familyName")] = ["identity.basic"],
        [("Child", "preferredName")] = ["identity.basic"],
        [("Child", "dateOfBirth")] = ["identity.basic"],
        [("Child", "pronouns")] = ["identity.basic"],
        [("Child", "firstLanguage")] = ["identity.basic"],
        [("Child", "interpreterNeeded")] = ["identity.basic"],
        [("Child", "photoReference")] = ["identity.basic"],
        [("Child", "localAuthority")] = ["identity.basic"],
        [("Child", "dueForAdultTransition")] = ["identity.basic"],
        [("Child", "nhsNumber")] = ["identity.nhsNumber"],
        [("Health", "allergies")] = ["health.emergency"],
        [("Health", "alerts")] = ["health.emergency"],
        [("Health", "emergencyCarePlans")] = ["health.emergency"],
        [("Health", "equipment")] = ["health.emergency"],
        [("Health", "conditions")] = ["health.clinical"],
        [("Health", "medications")] = ["health.clinical"],
        [("Health", "clinicians")] = ["health.clinical"],
        [("Health", "growth")] = ["health.growth"],
        [("Health", "immunisations")] = ["health.immunisations"],
        [("SocialCare", "legalStatus")] = ["socialCare.legalStatus"],
        [("SocialCare", "involvement")] = ["socialCare.involvement"],
        [("SocialCare", "safeguarding")] = ["socialCare.safeguarding"],
        [("Education", "setting")] = ["education.setting"],
        [("Education", "sen")] = ["education.sen"],
        [("Leisure", "activities")] = ["leisure.activities"],
    };

    /// <summary>Fields of Passport that are not child data, or that are checked entry by entry.</summary>
    public static readonly IReadOnlySet<string> PassportStructural = new HashSet<string>(StringComparer.Ordinal)
    {
        "id", "version", "localAuthority", "cursor", "careTeam", "carers", "reviews", "sharing", "withheldItems", "emergencyCard",
    };

    /// <summary>The module sections of Passport, by their GraphQL type.</summary>
    public static readonly IReadOnlySet<string> SectionTypes = new HashSet<string>(StringComparer.Ordinal) { "Child", "Health", "SocialCare", "Education", "Leisure" };
}
