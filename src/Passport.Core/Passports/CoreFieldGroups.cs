using Passport.Sdk;

namespace Passport.Core.Passports;

/// <summary>The field groups the core owns (SPEC §3), with who may write them (SPEC §4).</summary>
public static class CoreFieldGroups
{
    public const string IdentityBasic = "identity.basic";
    public const string NhsNumber = "identity.nhsNumber";
    public const string AboutMe = "aboutMe";
    public const string EmergencyContacts = "contacts.emergency";

    public static IReadOnlyList<FieldGroup> All { get; } =
    [
        // Health and social care correct the child's details and contacts (verified corrections).
        new(IdentityBasic, "Name, date of birth, pronouns, home local authority, language") { FamilyWrites = true, RecordingSectors = [Sectors.Health, Sectors.SocialCare] },
        new(NhsNumber, "NHS number") { FamilyWrites = true, RecordingSectors = [Sectors.Health] },
        // The child's voice: only the family writes it.
        new(AboutMe, "About me: how I communicate, what matters to me, how to help me") { FamilyWrites = true },
        new(EmergencyContacts, "Who to contact in an emergency") { FamilyWrites = true, RecordingSectors = [Sectors.Health, Sectors.SocialCare] },
    ];
}
