using System.Globalization;
using System.Text.Json.Nodes;
using static Passport.Tests.Integration.AccessModel.Prediction;

namespace Passport.Tests.Integration.AccessModel;

internal enum Basis
{
    Carer,
    YoungPerson,
    CareTeam,
    BreakGlass,
}

internal sealed record Grant(Basis Basis, Actor Actor, CarerLink? Carer)
{
    public bool IsFamily => Basis is Basis.Carer or Basis.YoungPerson;
}

/// <summary>
/// The model's own statement of SPEC §4 as DESIGN (issue 11) fixes it: who has a relationship,
/// who sees which group, and what each write gets. Written from those documents alone; the
/// product's code is never consulted. Each prediction names the rule that made it, so a failure
/// says which rule the host broke. Where DESIGN leaves an answer open the prediction is open (or
/// lists every answer DESIGN allows), so the host is only held to what is written.
/// </summary>
internal static class AccessRules
{
    public static Grant? Relationship(PassportState s, Actor a)
    {
        if (a.IsCarer && s.CarerOf(a.Subject) is { } carer)
        {
            return new Grant(Basis.Carer, a, carer);
        }

        if (a.IsYoungPerson && s.YoungPerson == a.Subject)
        {
            return new Grant(Basis.YoungPerson, a, null);
        }

        if (s.MemberOf(a.Subject) is { } member && PassportState.IsActive(member, a))
        {
            return new Grant(Basis.CareTeam, a, null);
        }

        return a.IsProfessional && a.Sector == Sectors.Health && s.BreakGlass.Contains(a.Subject) ? new Grant(Basis.BreakGlass, a, null) : null;
    }

    /// <summary>The policy's level and the family's choice.</summary>
    public static bool IsShared(PassportState s, string sector, string group) => RegionPolicy.LevelFor(sector, group) switch
    {
        Level.Always => true,
        Level.Default => !s.Choices.TryGetValue((sector, group), out var shared) || shared,
        Level.OptIn => s.Choices.TryGetValue((sector, group), out var shared) && shared,
        _ => false,
    };

    public static bool Sees(PassportState s, Grant g, string group) => g.Basis switch
    {
        Basis.Carer or Basis.YoungPerson => !s.IsFrozen && group != Groups.Safeguarding,
        Basis.CareTeam => IsShared(s, g.Actor.Sector!, group),
        _ => Groups.EmergencyView.Contains(group),
    };

    /// <summary>Withholding hides an item from the family only: from carers and the young person, or (the young person's choice) from carers.</summary>
    public static bool IsWithheldFrom(ModelItem item, Grant g) => item.Withheld is { } w && g.Basis switch
    {
        Basis.Carer => true,
        Basis.YoungPerson => w.From == Audience.Family,
        _ => false,
    };

    public static bool IsYoungPersonInControl(PassportState s) => s.IsControlTaken && s.Age >= 16;

    private static string Who(Grant g) => g.Basis switch
    {
        Basis.Carer => "carer",
        Basis.YoungPerson => "young person",
        Basis.CareTeam => g.Actor.Sector!,
        _ => "break-glass",
    };

    private static string Choice(PassportState s, string sector, string group) =>
        $"{RegionPolicy.LevelFor(sector, group)}{(s.Choices.TryGetValue((sector, group), out var shared) ? shared ? ", family opted in" : ", family opted out" : "")}";

    // ---------------------------------------------------------------- writes

    public static Prediction Predict(PassportState s, Actor a, WriteOp op) => op.Kind switch
    {
        OpKind.UpdateAboutMe => Stale(GroupWrite(s, a, Groups.AboutMe), op),
        OpKind.UpdateChildDetails => ChildDetails(s, a, op),
        OpKind.SetNhsNumber => GroupWrite(s, a, Groups.NhsNumber),
        OpKind.RecordItem => GroupWrite(s, a, op.ItemKind!.Group),
        OpKind.AmendItem or OpKind.EndItem => GroupWrite(s, a, op.ItemKind!.Group, op.Item, op.ItemKind.IdArgument),
        OpKind.SetRecord or OpKind.EndRecord => GroupWrite(s, a, op.RecordKind!.Group),
        OpKind.MarkReviewed => GroupWrite(s, a, op.Group!),
        OpKind.VerifyItem => Verify(s, a, op),
        OpKind.SetItemWithheld => Withhold(s, a, op),
        OpKind.CreateShareCode => FamilyManages(s, a),
        OpKind.SetSharing => Sharing(s, a, op),
        OpKind.RemoveCareTeamMember => Removal(s, a, op),
        OpKind.AddCareTeamColleague => Handover(s, a, op),
        OpKind.InviteCarer => InviteCarer(s, a, op),
        OpKind.AcceptCarerInvitation => AcceptCarer(s, a, op),
        OpKind.InviteYoungPerson => InviteYoungPerson(s, a),
        OpKind.AcceptYoungPersonInvitation => AcceptYoungPerson(s, a, op),
        OpKind.TakeControl => TakeControl(s, a),
        OpKind.SetFamilyAccessFrozen => Freeze(s, a),
        OpKind.BreakGlass => BreakGlass(s, a),
        OpKind.RedeemShareCode => Redeem(s, a, op),
        _ => throw new InvalidOperationException(op.Kind.ToString()),
    };

    /// <summary>No relationship, a closed passport, and break-glass: the same for every passport write.</summary>
    private static Prediction? Prologue(PassportState s, Actor a, Grant? g) =>
        g is null ? Refused(NotFound, $"no relationship{Pending(s, a)}: NOT_FOUND for any passport write")
        : s.IsClosed ? Refused(PassportClosed, "closed passport: PASSPORT_CLOSED to those with a relationship")
        : g.Basis == Basis.BreakGlass ? Refused(Forbidden, "break-glass is read only: every write FORBIDDEN")
        : null;

    /// <summary>DESIGN: a handed-over colleague gets access only with the same sector and organisation as who handed over.</summary>
    private static string Pending(PassportState s, Actor a) =>
        s.MemberOf(a.Subject) is { } member && !PassportState.IsActive(member, a)
            ? $" (handed over by {member.Sector}/{(member.Organisation == a.Organisation ? "the same organisation" : "another organisation")}: pending)"
            : "";

    private const string Frozen = "frozen family: every family write FORBIDDEN";

    /// <summary>DESIGN's group-write table, with the rule that a professional writes only what they may see.</summary>
    private static Prediction GroupWrite(PassportState s, Actor a, string group, ModelItem? item = null, string? itemArgument = null)
    {
        var g = Relationship(s, a);
        if (Prologue(s, a, g) is { } refused)
        {
            return refused;
        }

        Prediction decision;
        var isWithheld = item is not null && IsWithheldFrom(item, g!);
        if (g!.IsFamily)
        {
            decision = s.IsFrozen ? Refused(Forbidden, Frozen)
                : g.Carer is { MayEdit: false } ? Refused(Forbidden, "carer without the edit right writes nothing")
                : !WriteTable.FamilyWrites(group) ? Refused(Forbidden, $"the family does not write {group}")
                : isWithheld ? Invalid(itemArgument!, "family edit of an item withheld from them: refused as if it did not exist")
                : Ok($"the family writes {group}");
            if (isWithheld && !decision.IsOk && decision.Field is null)
            {
                decision = decision.Or(ValidationFailed, itemArgument);
            }
        }
        else
        {
            var sector = a.Sector!;
            decision = !WriteTable.ProfessionalsWriting(group).Contains(sector) ? Refused(Forbidden, $"{sector} is not in the professional column of {group}")
                : !IsShared(s, sector, group) ? Refused(Forbidden, $"{sector} writes {group} only while it may see it ({Choice(s, sector, group)})")
                : Ok($"{sector} writes {group}");
        }

        return ModuleGate(s, group, decision);
    }

    /// <summary>A disabled module refuses every write touching its groups; DESIGN does not order that against FORBIDDEN.</summary>
    private static Prediction ModuleGate(PassportState s, string group, Prediction decision) =>
        group != Groups.ShortBreaksPlan || s.IsShortBreaksEnabled ? decision
        : decision.IsOk ? Refused(ModuleNotEnabled, "short breaks is not enabled for the child's authority: MODULE_NOT_ENABLED")
        : decision.Or(ModuleNotEnabled);

    private static Prediction Stale(Prediction decision, WriteOp op) =>
        !op.IsStaleVersion ? decision
        : decision.IsOk ? Refused(VersionConflict, "a stale expectedVersion is a VERSION_CONFLICT")
        : decision.Codes.Contains(NotFound) ? decision
        : decision.Or(VersionConflict);

    private static Prediction ChildDetails(PassportState s, Actor a, WriteOp op)
    {
        var write = GroupWrite(s, a, Groups.IdentityBasic);
        var before = s.Age;
        var after = PassportState.AgeOn(op.DateOfBirth!.Value);
        var crosses = (before >= 16) != (after >= 16) || (before >= 18) != (after >= 18);
        var closes = op.DateOfBirth.Value.AddYears(25) <= PassportState.Today;
        if (!crosses && !closes)
        {
            return write;
        }

        // Someone with a relationship who may not write it anyway: DESIGN does not order FORBIDDEN and the date check.
        const string field = "input.dateOfBirth";
        if (!write.IsOk)
        {
            return write.Codes.Contains(Forbidden) ? write.Or(ValidationFailed, field) : write;
        }

        var g = Relationship(s, a)!;
        return g.Basis == Basis.CareTeam && a.Sector is Sectors.Health or Sectors.SocialCare && op.Reason is { Length: >= 10 }
            // A correction that closes the passport is saved, and the reply can only say it has closed.
            ? closes
                ? Refused(PassportClosed, $"{a.Sector} corrects a date of birth across closure with a reason: saved, and the passport is closed")
                : Ok($"{a.Sector} corrects a date of birth across 16/18 with a reason")
            : Invalid(field, $"a date of birth change across {(closes ? "closure" : "16/18")} needs health or social care with a reason ({Who(g)}{(op.Reason is null ? ", no reason" : ", with a reason")})");
    }

    private static Prediction Verify(PassportState s, Actor a, WriteOp op)
    {
        var g = Relationship(s, a);
        if (Prologue(s, a, g) is { } refused)
        {
            return refused;
        }

        var group = op.Group!;
        Prediction decision;
        if (g!.IsFamily)
        {
            decision = Refused(Forbidden, "only a professional of the owning sector verifies");
            if (op.Item is { } item && IsWithheldFrom(item, g))
            {
                decision = decision.Or(ValidationFailed, "itemId");
            }
        }
        else
        {
            var sector = a.Sector!;
            decision = !WriteTable.ProfessionalsWriting(group).Contains(sector) ? Refused(Forbidden, $"{sector} does not verify {group}: not the owning sector")
                : !IsShared(s, sector, group) ? Refused(Forbidden, $"{sector} verifies {group} only while it may see it ({Choice(s, sector, group)})")
                : Ok($"{sector} verifies {group}");
        }

        return ModuleGate(s, group, decision);
    }

    private static Prediction Withhold(PassportState s, Actor a, WriteOp op)
    {
        var g = Relationship(s, a);
        if (Prologue(s, a, g) is { } refused)
        {
            return refused;
        }

        var item = op.Item!;
        var group = item.Kind.Group;
        var owns = g!.Basis == Basis.CareTeam && WriteTable.ProfessionalsWriting(group).Contains(a.Sector!) && IsShared(s, a.Sector!, group);
        if (op.Flag)
        {
            return g.Basis switch
            {
                Basis.Carer => Refused(Forbidden, "carers do not withhold items"),
                Basis.YoungPerson when s.IsFrozen => Refused(Forbidden, Frozen),
                Basis.YoungPerson => IsYoungPersonInControl(s)
                    ? Ok("the young person in control (16+) withholds an item from carers")
                    : Refused(Forbidden, $"the young person withholds only once in control and 16+ (aged {s.Age}, {(s.IsControlTaken ? "in control" : "not in control")})"),
                _ => owns ? Ok($"{a.Sector} (owning sector) withholds a {group} item from the family")
                    : Refused(Forbidden, $"{a.Sector} withholds {group} items only as its owning sector, while it may see it"),
            };
        }

        var withheld = item.Withheld!;
        if (IsWithheldFrom(item, g))
        {
            return OneOf("showing again an item withheld from them: as if it did not exist", Forbidden, ValidationFailed);
        }

        if (withheld.ByYoungPerson)
        {
            return g.Basis switch
            {
                Basis.YoungPerson when s.IsFrozen => Refused(Forbidden, Frozen),
                Basis.YoungPerson => Ok("the young person shows again what they withheld"),
                _ => Refused(Forbidden, "an item the young person withheld is shown again only by them"),
            };
        }

        return g.Basis == Basis.CareTeam && (owns || withheld.By == a.Subject)
            ? Ok($"{a.Sector} shows again a {group} item (owning sector or who withheld it)")
            : Refused(Forbidden, $"{Who(g)} may not show again a {group} item withheld by a professional");
    }

    /// <summary>Sharing choices, share codes and removal from the care team: carers with the sharing right and the young person.</summary>
    private static Prediction FamilyManages(PassportState s, Actor a)
    {
        var g = Relationship(s, a);
        return Prologue(s, a, g) ?? (g!.Basis == Basis.CareTeam ? Refused(Forbidden, "only the family manages sharing and the care team")
            : s.IsFrozen ? Refused(Forbidden, Frozen)
            : g.Basis == Basis.YoungPerson ? Ok($"the young person manages sharing ({(s.IsControlTaken ? "in control" : "before control")})")
            : g.Carer!.MayManageSharing ? Ok("a carer with the sharing right manages sharing")
            : Refused(Forbidden, s.IsControlTaken ? "after take-control a carer not kept has no sharing right" : "carer without the sharing right"));
    }

    private static Prediction Sharing(PassportState s, Actor a, WriteOp op)
    {
        var decision = FamilyManages(s, a);
        if (decision.IsOk && !RegionPolicy.FamilyMayChange(op.Sector!, op.Group!))
        {
            decision = Refused(Forbidden, $"{RegionPolicy.LevelFor(op.Sector!, op.Group!)} cells are the policy's: the family cannot change them");
        }
        else if (decision.IsOk)
        {
            decision = Ok($"the family changes a {RegionPolicy.LevelFor(op.Sector!, op.Group!)} cell{(op.Group is Groups.CareTeam or Groups.Carers ? $" of {op.Group}" : "")}");
        }

        return op.Group == Groups.ShortBreaksPlan && !s.IsShortBreaksEnabled ? decision.Or(ModuleNotEnabled) : decision;
    }

    private static Prediction Removal(PassportState s, Actor a, WriteOp op)
    {
        var decision = FamilyManages(s, a);
        return decision.IsOk && op.Target!.Sector == Sectors.SocialCare && s.LegalStatus is "CHILD_PROTECTION_PLAN" or "LOOKED_AFTER"
            ? Refused(Forbidden, $"social care cannot be removed while the legal status is {s.LegalStatus}")
            : decision;
    }

    private static Prediction Handover(PassportState s, Actor a, WriteOp op)
    {
        var g = Relationship(s, a);
        if (Prologue(s, a, g) is { } refused)
        {
            return refused;
        }

        var colleague = op.Colleague!;
        return g!.Basis != Basis.CareTeam ? Refused(Forbidden, "only a care-team professional hands over")
            : s.Removed.Contains(colleague.Subject) ? Refused(Forbidden, "a subject the family removed comes back only with a new share code")
            : s.MemberOf(colleague.Subject) is not null ? Open("handing over to someone already on the care team is not covered")
            : Ok("a care-team professional hands over to a colleague");
    }

    private static Prediction InviteCarer(PassportState s, Actor a, WriteOp op)
    {
        var g = Relationship(s, a);
        if (Prologue(s, a, g) is { } refused)
        {
            return refused;
        }

        if (g!.Basis == Basis.CareTeam)
        {
            return Refused(Forbidden, "only the family invites carers");
        }

        if (s.IsFrozen)
        {
            return Refused(Forbidden, Frozen);
        }

        if (s.IsControlTaken)
        {
            return g.Basis == Basis.YoungPerson ? Ok("after take-control the young person invites carers, with any rights") : Refused(Forbidden, "after take-control only the young person invites carers");
        }

        if (g.Basis == Basis.YoungPerson)
        {
            return Refused(Forbidden, "before take-control carers with the invite right invite carers");
        }

        var carer = g.Carer!;
        return !carer.MayInvite ? Refused(Forbidden, "carer without the invite right")
            : (op.MayEdit && !carer.MayEdit) || (op.MayManageSharing && !carer.MayManageSharing) ? Refused(Forbidden, "never more rights than the inviting carer holds")
            : Ok("a carer with the invite right invites a carer");
    }

    private static Prediction AcceptCarer(PassportState s, Actor a, WriteOp op)
    {
        var invitation = s.CarerInvitations.Find(i => i.Code == op.Code);
        var isValid = invitation is { IsUsed: false, IsVoid: false };
        if (!a.IsCarer)
        {
            return a.IsYoungPerson && s.YoungPerson == a.Subject && isValid
                ? Refused(Forbidden, "accepting never changes an existing link (the young person)")
                : OneOf("carer invitations are for carers", Forbidden, NotFound);
        }

        return !isValid ? Refused(NotFound, invitation?.IsVoid == true ? "invitations outstanding at take-control are void: NOT_FOUND" : "an unknown or used invitation: NOT_FOUND")
            : s.IsClosed ? OneOf("an invitation to a closed passport", NotFound, PassportClosed)
            : s.CarerOf(a.Subject) is not null ? Refused(Forbidden, "accepting never changes an existing link (a linked carer)")
            : s.IsFrozen ? Open("accepting while family access is frozen is not covered")
            : Ok("a carer accepts a valid invitation");
    }

    private static Prediction InviteYoungPerson(PassportState s, Actor a)
    {
        var g = Relationship(s, a);
        return Prologue(s, a, g) ?? (g!.Basis == Basis.CareTeam ? Refused(Forbidden, "only the family invites the young person")
            : s.IsFrozen ? Refused(Forbidden, Frozen)
            : g.Basis == Basis.YoungPerson ? Refused(Forbidden, "only one young person per passport (they are linked)")
            : !g.Carer!.MayInvite ? Refused(Forbidden, "carer without the invite right")
            : s.YoungPerson is not null ? OneOf("inviting while a young person is linked is not covered beyond FORBIDDEN or an invitation no one can use", Forbidden, Outcome.Ok)
            : !g.Carer.MayManageSharing ? OneOf("DESIGN names no inviter of the young person beyond 'a carer who may invite' (schema): the sharing right is not settled", Outcome.Ok, Forbidden)
            : Ok("a carer with the invite and sharing rights invites the young person"));
    }

    private static Prediction AcceptYoungPerson(PassportState s, Actor a, WriteOp op)
    {
        var invitation = s.YoungPersonInvitations.Find(i => i.Code == op.Code);
        return !a.IsYoungPerson ? OneOf("young-person invitations are for the young person", Forbidden, NotFound)
            : invitation is not { IsUsed: false } ? Refused(NotFound, "an unknown or used invitation: NOT_FOUND")
            : s.YoungPerson is not null ? OneOf("only one young person per passport: a second acceptance is refused", NotFound, Forbidden)
            : s.IsClosed ? OneOf("an invitation to a closed passport", NotFound, PassportClosed)
            : s.IsFrozen ? Open("accepting while family access is frozen is not covered")
            : Ok("the young person accepts a valid invitation");
    }

    private static Prediction TakeControl(PassportState s, Actor a)
    {
        var g = Relationship(s, a);
        return Prologue(s, a, g) ?? (g!.Basis != Basis.YoungPerson ? Refused(Forbidden, "only the young person takes control")
            : s.IsFrozen ? Refused(Forbidden, Frozen)
            : s.Age < 16 ? Refused(Forbidden, $"the young person takes control from 16 (aged {s.Age})")
            : s.IsControlTaken ? Open("taking control twice is not covered")
            : Ok("the young person, 16+, takes control"));
    }

    private static Prediction Freeze(PassportState s, Actor a)
    {
        var g = Relationship(s, a);
        return Prologue(s, a, g) ?? (g!.Basis == Basis.CareTeam && a.Sector == Sectors.SocialCare
            ? Ok("a social-care professional on the care team freezes or restores family access")
            : Refused(Forbidden, $"only social care on the care team freezes family access ({Who(g)})"));
    }

    private static Prediction BreakGlass(PassportState s, Actor a)
    {
        var g = Relationship(s, a);
        if (!(a.IsProfessional && a.Sector == Sectors.Health))
        {
            return g is not null && !s.IsClosed ? Refused(Forbidden, $"break-glass is for health professionals ({Who(g)})")
                : g is not null ? OneOf("break-glass on a closed passport by someone related", Forbidden, PassportClosed)
                : OneOf("break-glass by someone who is not a health professional, with no relationship", Forbidden, NotFound);
        }

        return s.IsClosed ? g is null ? Refused(NotFound, "a closed passport does not exist for someone with no relationship") : Refused(PassportClosed, "closed passport: PASSPORT_CLOSED to those with a relationship")
            : g?.Basis == Basis.BreakGlass ? OneOf("breaking glass again while it holds is not covered", Outcome.Ok, Forbidden)
            : Ok("any health professional breaks glass");
    }

    private static Prediction Redeem(PassportState s, Actor a, WriteOp op)
    {
        var code = s.ShareCodes.Find(c => c.Code == op.Code);
        return !a.IsProfessional ? OneOf("share codes are for professionals", Forbidden, NotFound)
            : code is not { IsUsed: false } ? Refused(NotFound, "an unknown or used share code: NOT_FOUND")
            : code.Sector != a.Sector ? Refused(NotFound, "a share code for another sector: NOT_FOUND")
            : s.IsClosed ? OneOf("a share code for a closed passport", NotFound, PassportClosed)
            : Relationship(s, a)?.Basis == Basis.CareTeam ? Open("redeeming while already on the care team is not covered")
            : s.IsFrozen ? Open("joining while family access is frozen is not covered")
            : Ok("a professional of the code's sector joins by share code");
    }

    // ---------------------------------------------------------------- reads

    /// <summary>What passport(id) as a whole answers: null with NOT_FOUND or PASSPORT_CLOSED, or the passport (null here).</summary>
    public static (string Code, string Rule)? PassportRefusal(PassportState s, Actor a, Grant? g) =>
        g is null ? (NotFound, $"no relationship{Pending(s, a)}: passport(id) is null with NOT_FOUND")
        : s.IsClosed ? (PassportClosed, "closed passport: PASSPORT_CLOSED to those with a relationship")
        : null;

    public static FieldExpectation Expect(PassportState s, Grant g, ReadField field) => field.Key switch
    {
        "careTeam" => CareTeamList(s, g),
        "carers" => CarersList(s, g),
        "withheldItems" => WithheldItems(s, g),
        "sharing" => !g.IsFamily ? FieldExpectation.Error($"only the family sees the sharing settings ({Who(g)})", Forbidden)
            : s.IsFrozen ? FieldExpectation.Anything("the sharing settings for a frozen family are not covered")
            : FieldExpectation.Value("the family sees the sharing settings", v => v is JsonArray ? null : "no sharing list"),
        "closesOn" => Sees(s, g, Groups.IdentityBasic) && Sees(s, g, Groups.Involvement)
            ? FieldExpectation.Value($"{Who(g)} sees closesOn (identity.basic and socialCare.involvement)", v => Equal(s.ClosesOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), v))
            : FieldExpectation.Error($"closesOn needs identity.basic and socialCare.involvement ({Who(g)})", FieldNotPermitted),
        _ => GroupField(s, g, field),
    };

    private static FieldExpectation GroupField(PassportState s, Grant g, ReadField field)
    {
        var group = field.Group!;
        var sees = Sees(s, g, group);
        if (group == Groups.ShortBreaksPlan && !s.IsShortBreaksEnabled)
        {
            return sees
                ? FieldExpectation.Error("short breaks is not enabled for the child's authority: MODULE_NOT_ENABLED", ModuleNotEnabled)
                : FieldExpectation.Error("short breaks is not enabled and not shared", ModuleNotEnabled, FieldNotPermitted);
        }

        if (!sees)
        {
            return FieldExpectation.Error(
                g.Basis switch
                {
                    Basis.CareTeam => $"{g.Actor.Sector} may not see {group} ({Choice(s, g.Actor.Sector!, group)})",
                    Basis.BreakGlass => $"break-glass sees the emergency view only, not {group}",
                    _ => s.IsFrozen ? "frozen family sees no group" : "safeguarding is never shown to the family",
                },
                FieldNotPermitted);
        }

        var rule = $"{Who(g)} sees {group}";
        if (field.Items is { } kind)
        {
            if (s.Desynced.Contains(group))
            {
                return FieldExpectation.Value(rule, v => v is JsonArray ? null : "no list");
            }

            var expected = s.ItemsOf(kind).Where(i => !IsWithheldFrom(i, g)).Select(i => i.Id).ToHashSet(StringComparer.Ordinal);
            var withheld = s.ItemsOf(kind).Any(i => IsWithheldFrom(i, g));
            return FieldExpectation.Value(withheld ? $"{rule}, less items withheld from them" : rule, v => SameIds(expected, v, "id", s));
        }

        if (field.Record is { } record)
        {
            if (s.Desynced.Contains(group))
            {
                return FieldExpectation.Value(rule, _ => null);
            }

            var present = s.Records.ContainsKey(record.Name);
            return FieldExpectation.Value(rule, v => (v is JsonObject) == present
                ? record == RecordKind.LegalStatus && present && v!["status"]?.GetValue<string>() != s.LegalStatus ? $"status {v["status"]} instead of {s.LegalStatus}" : null
                : present ? "null instead of the record" : $"a record {v?.ToJsonString()} where none was recorded");
        }

        return field.Key switch
        {
            "givenName" => FieldExpectation.Value(rule, v => v is JsonValue ? null : "no given name"),
            "dateOfBirth" => FieldExpectation.Value(rule, v => Equal(s.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), v)),
            "nhsNumber" => FieldExpectation.Value(rule, v => Equal(s.NhsNumber, v)),
            "isControlledByYoungPerson" => FieldExpectation.Value(rule, v => v?.GetValue<bool>() == s.IsControlTaken ? null : $"{v?.ToJsonString() ?? "null"} instead of {s.IsControlTaken}"),
            "aboutMe" => FieldExpectation.Value(rule, v => (v is JsonObject) == s.HasAboutMe ? null : s.HasAboutMe ? "null instead of About me" : "About me where none was written"),
            _ => throw new InvalidOperationException(field.Key),
        };
    }

    /// <summary>DESIGN: a viewer who may not see careTeam gets a list with only their own entry, no error.</summary>
    private static FieldExpectation CareTeamList(PassportState s, Grant g)
    {
        var pending = s.CareTeam.Where(s.IsPending).Select(m => m.Subject).ToHashSet(StringComparer.Ordinal);
        if (Sees(s, g, Groups.CareTeam))
        {
            var team = s.CareTeam.Where(m => !s.IsPending(m)).Select(m => m.Subject).ToHashSet(StringComparer.Ordinal);
            return FieldExpectation.Value($"{Who(g)} sees the care team", v => SameIds(team, v, "subject", s, ignore: pending));
        }

        HashSet<string> own = g.Basis == Basis.CareTeam ? [g.Actor.Subject] : [];
        return FieldExpectation.Value($"{Who(g)} may not see careTeam{(s.IsFrozen && g.IsFamily ? " (frozen)" : "")}: only their own entry", v => SameIds(own, v, "subject", s, ignore: pending));
    }

    private static FieldExpectation CarersList(PassportState s, Grant g)
    {
        if (Sees(s, g, Groups.Carers))
        {
            var carers = s.Carers.Select(c => c.Subject).ToHashSet(StringComparer.Ordinal);
            return FieldExpectation.Value($"{Who(g)} sees the carers", v => SameIds(carers, v, "subject", s));
        }

        HashSet<string> own = g.Basis == Basis.Carer ? [g.Actor.Subject] : [];
        return FieldExpectation.Value($"{Who(g)} may not see family.carers{(s.IsFrozen && g.IsFamily ? " (frozen)" : "")}: only their own entry", v => SameIds(own, v, "subject", s));
    }

    private static FieldExpectation WithheldItems(PassportState s, Grant g)
    {
        switch (g.Basis)
        {
            case Basis.CareTeam:
                var seen = s.Items.Concat(s.EndedWithheldItems).Where(i => i.Withheld is not null && Sees(s, g, i.Kind.Group)).Select(i => $"{i.Id}:{FromOf(i)}").ToHashSet(StringComparer.Ordinal);
                return FieldExpectation.Value("a professional sees the withheld items of groups they may see", v => SameWithheld(seen, v, s));
            case Basis.YoungPerson when s.IsFrozen:
                return FieldExpectation.Anything("withheldItems for a frozen young person is not covered");
            case Basis.YoungPerson:
                var own = s.Items.Concat(s.EndedWithheldItems).Where(i => i.Withheld is { ByYoungPerson: true }).Select(i => $"{i.Id}:{FromOf(i)}").ToHashSet(StringComparer.Ordinal);
                return FieldExpectation.Value("the young person sees the items they withheld", v => SameWithheld(own, v, s));
            default:
                return FieldExpectation.Error($"withheldItems is FORBIDDEN to a {Who(g)}", Forbidden);
        }
    }

    private static string FromOf(ModelItem item) => item.Withheld!.From == AccessModel.Audience.Family ? "FAMILY" : "CARERS";

    private static string? Equal(string? expected, JsonNode? actual)
    {
        var value = actual is JsonValue ? actual.GetValue<string>() : null;
        return value == expected ? null : $"{value ?? "null"} instead of {expected ?? "null"}";
    }

    private static string? SameIds(IReadOnlySet<string> expected, JsonNode? actual, string key, PassportState s, IReadOnlySet<string>? ignore = null)
    {
        if (actual is not JsonArray list)
        {
            return "null instead of a list";
        }

        var ids = list.Select(e => e?[key]?.GetValue<string>() ?? "").Where(id => ignore is null || !ignore.Contains(id)).ToList();
        var missing = expected.Except(ids).ToList();
        var extra = ids.Except(expected).ToList();
        return missing.Count == 0 && extra.Count == 0 && ids.Count == ids.Distinct().Count() ? null
            : $"{(missing.Count > 0 ? $"missing {string.Join(", ", missing.Select(id => Name(s, id)))}" : "")}{(missing.Count > 0 && extra.Count > 0 ? "; " : "")}{(extra.Count > 0 ? $"unexpected {string.Join(", ", extra.Select(id => Name(s, id)))}" : "")}";
    }

    private static string? SameWithheld(IReadOnlySet<string> expected, JsonNode? actual, PassportState s)
    {
        if (actual is not JsonArray list)
        {
            return "null instead of a list";
        }

        var pairs = list.Select(e => $"{e?["itemId"]?.GetValue<string>()}:{e?["from"]?.GetValue<string>()}").ToHashSet(StringComparer.Ordinal);
        return pairs.SetEquals(expected) ? null
            : $"{string.Join(", ", pairs.Select(p => Name(s, p.Split(':')[0]) + ":" + p.Split(':')[1]))} instead of {string.Join(", ", expected.Select(p => Name(s, p.Split(':')[0]) + ":" + p.Split(':')[1]))}";
    }

    /// <summary>An id or subject as the failure report names it.</summary>
    private static string Name(PassportState s, string id) =>
        s.Items.Find(i => i.Id == id) is { } item ? $"{item.Kind.Name}#{item.Number}"
        : s.ActorOf(id) is { } actor ? s.Describe(actor) + $" {id}"
        : id;
}
