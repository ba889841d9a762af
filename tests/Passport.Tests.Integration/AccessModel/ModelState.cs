using System.Globalization;
using System.Text;
using Passport.Host.Identity;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration.AccessModel;

/// <summary>Someone the model acts as: a token's role, sector and organisation.</summary>
internal sealed record Actor(Persona Persona, string Role, string? Sector, string? Organisation)
{
    public const string CarerRole = "carer";
    public const string YoungPersonRole = "young-person";
    public const string ProfessionalRole = "professional";

    public string Subject => Persona.Subject;

    public bool IsCarer => Role == CarerRole;

    public bool IsYoungPerson => Role == YoungPersonRole;

    public bool IsProfessional => Role == ProfessionalRole;

    public static Actor Carer(string subject) => New(subject, CarerRole);

    public static Actor YoungPerson(string subject) => New(subject, YoungPersonRole);

    public static Actor Professional(string subject, string sector, string organisation) => New(subject, ProfessionalRole, sector, organisation);

    public static Actor Auditor(string subject) => New(subject, "auditor");

    public static Actor LocalAuthorityAdmin(string subject, string localAuthority) => New(subject, "la-admin", localAuthority: localAuthority);

    public static Actor Commissioner(string subject) => New(subject, "commissioner");

    private static Actor New(string subject, string role, string? sector = null, string? organisation = null, string? localAuthority = null) =>
        new(new Persona(new TokenClaims(subject, $"Model {role} {subject}", subject, [role], sector, organisation, localAuthority)), role, sector, organisation);

    public override string ToString() => IsProfessional ? $"{Subject} ({Sector} professional, {Organisation})" : $"{Subject} ({Role})";
}

internal sealed class CarerLink(string subject, bool isCreator, bool mayEdit, bool mayManageSharing, bool mayInvite)
{
    public string Subject { get; } = subject;
    public bool IsCreator { get; } = isCreator;
    public bool MayEdit { get; set; } = mayEdit;
    public bool MayManageSharing { get; set; } = mayManageSharing;
    public bool MayInvite { get; set; } = mayInvite;

    public string Rights => MayEdit || MayManageSharing || MayInvite
        ? string.Join('+', new[] { MayEdit ? "edit" : null, MayManageSharing ? "sharing" : null, MayInvite ? "invite" : null }.OfType<string>())
        : "view only";
}

/// <summary>A care-team entry as recorded: the sector and organisation it was recorded with.</summary>
internal sealed record Member(string Subject, string Sector, string? Organisation, string HowJoined);

internal enum Audience
{
    /// <summary>Hidden from carers and the young person (a professional's decision).</summary>
    Family,

    /// <summary>Hidden from carers (the young person's decision).</summary>
    Carers,
}

internal sealed record Withholding(Audience From, string By, bool ByYoungPerson);

/// <summary>A list item on the passport (an allergy, a contact, a note…), with its id as the host gave it.</summary>
internal sealed class ModelItem(ItemKind kind, string id, int number)
{
    public ItemKind Kind { get; } = kind;
    public string Id { get; } = id;
    public int Number { get; } = number;
    public Withholding? Withheld { get; set; }

    public override string ToString() => $"{Kind.Name}#{Number}" + (Withheld is { } w ? $" (withheld from {w.From.ToString().ToLowerInvariant()} by {(w.ByYoungPerson ? "the young person" : w.By)})" : "");
}

internal sealed class IssuedCode(string code, string sector)
{
    public string Code { get; } = code;
    public string Sector { get; } = sector;
    public bool IsUsed { get; set; }
}

internal sealed class CarerInvitation(string code, bool mayEdit, bool mayManageSharing, bool mayInvite)
{
    public string Code { get; } = code;
    public bool MayEdit { get; } = mayEdit;
    public bool MayManageSharing { get; } = mayManageSharing;
    public bool MayInvite { get; } = mayInvite;
    public bool IsUsed { get; set; }

    /// <summary>Outstanding when the young person took control: void from then on.</summary>
    public bool IsVoid { get; set; }
}

internal sealed class YoungPersonInvitation(string code)
{
    public string Code { get; } = code;
    public bool IsUsed { get; set; }
}

/// <summary>
/// What the model believes one passport on the host is. Built and changed only by the model's
/// driver, from the mutations it sent and the outcomes the host gave, never from reading the
/// host's state back: a state the host reached by a wrong decision is followed, so one wrong
/// decision is reported once rather than in every trial after it.
/// </summary>
internal sealed class PassportState(int index, string localAuthority, bool isShortBreaksEnabled, DateOnly dateOfBirth)
{
    public int Index { get; } = index;
    public string Id { get; set; } = "";
    public string LocalAuthority { get; } = localAuthority;
    public bool IsShortBreaksEnabled { get; } = isShortBreaksEnabled;
    public DateOnly DateOfBirth { get; set; } = dateOfBirth;
    public Actor Creator { get; set; } = null!;

    public List<CarerLink> Carers { get; } = [];
    public string? YoungPerson { get; set; }
    public bool IsControlTaken { get; set; }
    public bool IsFrozen { get; set; }
    public List<Member> CareTeam { get; } = [];

    /// <summary>Subjects the family removed from the care team (they come back only by a new share code).</summary>
    public HashSet<string> Removed { get; } = new(StringComparer.Ordinal);

    public HashSet<string> BreakGlass { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Sector, string Group), bool> Choices { get; } = [];

    public List<ModelItem> Items { get; } = [];

    /// <summary>Items ended while withheld: they stay withheld (their history stays hidden from the family) and stay in withheldItems.</summary>
    public List<ModelItem> EndedWithheldItems { get; } = [];

    /// <summary>Single records (education setting, SEN support, legal status, involvement, short breaks plan): kind → id.</summary>
    public Dictionary<string, string> Records { get; } = new(StringComparer.Ordinal);

    public string? LegalStatus { get; set; }
    public bool HasAboutMe { get; set; }
    public string? NhsNumber { get; set; }

    public List<IssuedCode> ShareCodes { get; } = [];
    public List<CarerInvitation> CarerInvitations { get; } = [];
    public List<YoungPersonInvitation> YoungPersonInvitations { get; } = [];

    /// <summary>Groups whose item ids the model lost track of (a change it could not see the result of): only permissions are compared.</summary>
    public HashSet<string> Desynced { get; } = new(StringComparer.Ordinal);

    /// <summary>Everyone who has acted on this passport or may try to, in the order they appeared.</summary>
    public List<Actor> Cast { get; } = [];

    /// <summary>Code attempts (share codes, invitations) per account, kept under the guessing limit on purpose.</summary>
    public Dictionary<string, int> CodeAttempts { get; } = new(StringComparer.Ordinal);

    public int NextItemNumber { get; set; } = 1;
    public int Steps { get; set; }

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public int Age => AgeOn(DateOfBirth);

    public DateOnly ClosesOn => DateOfBirth.AddYears(25);

    public bool IsClosed => ClosesOn <= Today;

    public static int AgeOn(DateOnly dateOfBirth)
    {
        var today = Today;
        return today.Year - dateOfBirth.Year - (today < dateOfBirth.AddYears(today.Year - dateOfBirth.Year) ? 1 : 0);
    }

    public CarerLink? CarerOf(string subject) => Carers.Find(c => c.Subject == subject);

    public Member? MemberOf(string subject) => CareTeam.Find(m => m.Subject == subject);

    /// <summary>A care-team entry gives access only to a token of the same sector and organisation it was recorded with.</summary>
    public static bool IsActive(Member member, Actor actor) =>
        actor.IsProfessional && actor.Sector == member.Sector && actor.Organisation == member.Organisation;

    public Actor? ActorOf(string subject) => Cast.Find(a => a.Subject == subject);

    public bool IsPending(Member member) => ActorOf(member.Subject) is not { } actor || !IsActive(member, actor);

    public void Join(Actor actor)
    {
        if (!Cast.Exists(a => a.Subject == actor.Subject))
        {
            Cast.Add(actor);
        }
    }

    public IEnumerable<ModelItem> ItemsOf(ItemKind kind) => Items.Where(i => i.Kind == kind);

    /// <summary>The passport as a reader of a failure needs it: who is related, how, and what is shared or withheld.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"passport {Index} ({Id}): child aged {Age} (born {DateOfBirth:yyyy-MM-dd}), {LocalAuthority} (short breaks {(IsShortBreaksEnabled ? "on" : "off")})");
        text.Append(IsClosed ? ", CLOSED" : "").Append(IsFrozen ? ", family access FROZEN" : "").Append(IsControlTaken ? ", young person IN CONTROL" : "");
        text.Append(CultureInfo.InvariantCulture, $"\n    carers: {(Carers.Count == 0 ? "none" : string.Join("; ", Carers.Select(c => $"{c.Subject}{(c.IsCreator ? " (creator)" : "")}: {c.Rights}")))}");
        text.Append(CultureInfo.InvariantCulture, $"\n    young person: {YoungPerson ?? "not linked"}");
        text.Append(CultureInfo.InvariantCulture, $"\n    care team: {(CareTeam.Count == 0 ? "none" : string.Join("; ", CareTeam.Select(m => $"{m.Subject} {m.Sector}/{m.Organisation} by {m.HowJoined}{(IsPending(m) ? " (pending)" : "")}")))}");
        if (Removed.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    removed from the care team: {string.Join(", ", Removed)}");
        }

        if (BreakGlass.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    break-glass: {string.Join(", ", BreakGlass)}");
        }

        text.Append(CultureInfo.InvariantCulture, $"\n    sharing choices: {(Choices.Count == 0 ? "policy defaults" : string.Join(", ", Choices.Select(c => $"{c.Key.Sector}/{c.Key.Group}={(c.Value ? "shared" : "not shared")}")))}");
        text.Append(CultureInfo.InvariantCulture, $"\n    legal status: {LegalStatus ?? "none"}; items: {(Items.Count == 0 ? "none" : string.Join(", ", Items))}");
        if (Records.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"; records: {string.Join(", ", Records.Keys)}");
        }

        return text.ToString();
    }

    /// <summary>How the actor stands to this passport, in words that group failures.</summary>
    public string Describe(Actor actor)
    {
        if (actor.IsCarer && CarerOf(actor.Subject) is { } carer)
        {
            return $"carer ({(carer.IsCreator ? "creator" : "invited")}, {carer.Rights}){(IsFrozen ? ", family frozen" : "")}";
        }

        if (actor.IsYoungPerson && YoungPerson == actor.Subject)
        {
            return $"young person (aged {Age}, {(IsControlTaken ? "in control" : "not in control")}){(IsFrozen ? ", family frozen" : "")}";
        }

        if (MemberOf(actor.Subject) is { } member)
        {
            return IsActive(member, actor)
                ? $"{actor.Sector} professional on the care team (by {(member.HowJoined.StartsWith("handover", StringComparison.Ordinal) ? "handover" : member.HowJoined)})"
                : $"{actor.Sector} professional handed over by a {member.Sector} professional of {(member.Organisation == actor.Organisation ? "the same" : "another")} organisation (pending)";
        }

        if (actor.IsProfessional && actor.Sector == Sectors.Health && BreakGlass.Contains(actor.Subject))
        {
            return "break-glass health professional";
        }

        if (Removed.Contains(actor.Subject))
        {
            return $"{actor.Sector} professional removed from the care team";
        }

        return actor.IsProfessional ? $"unrelated {actor.Sector} professional" : $"unrelated {actor.Role}";
    }
}
