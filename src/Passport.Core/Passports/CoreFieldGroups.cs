using Passport.Sdk;

namespace Passport.Core.Passports;

/// <summary>The field groups the core owns (SPEC §3).</summary>
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
        new(IdentityBasic, "Name, date of birth, pronouns, home local authority, language"),
        new(NhsNumber, "NHS number"),
        new(AboutMe, "About me: how I communicate, what matters to me, how to help me"),
        new(EmergencyContacts, "Who to contact in an emergency"),
        new(CareTeam, "Who else is working with the child: each professional's name, service and organisation"),
        new(Carers, "The parents and carers linked to this passport"),
    ];
}
