using Passport.Sdk;

namespace Passport.Core.Passports;

/// <summary>The field groups the core owns (SPEC §3), with who may write them (SPEC §4).</summary>
public static class CoreFieldGroups
{
    public const string IdentityBasic = "identity.basic";
    public const string NhsNumber = "identity.nhsNumber";
    public const string AboutMe = "aboutMe";
    public const string EmergencyContacts = "contacts.emergency";

    /// <summary>Who is involved is itself information (SPEC §4): the care-team list.</summary>
    public const string CareTeam = "careTeam";

    /// <summary>The list of carers linked to the passport.</summary>
    public const string Carers = "family.carers";

    public static IReadOnlyList<FieldGroup> All { get; } =
    [
        // Health and social care correct the child's details and contacts (verified corrections).
        new(IdentityBasic, "Name, date of birth, pronouns, home local authority, language") { FamilyWrites = true, RecordingSectors = [Sectors.Health, Sectors.SocialCare] },
        new(NhsNumber, "NHS number") { FamilyWrites = true, RecordingSectors = [Sectors.Health] },
        // The child's voice: only the family writes it.
        new(AboutMe, "About me: how I communicate, what matters to me, how to help me") { FamilyWrites = true },
        new(EmergencyContacts, "Who to contact in an emergency") { FamilyWrites = true, RecordingSectors = [Sectors.Health, Sectors.SocialCare] },
        // Who is involved is information too: read by the policy; nobody writes these lists as a group.
        new(CareTeam, "Who else is working with the child: each professional's name, service and organisation"),
        new(Carers, "The parents and carers linked to this passport"),
    ];
}
