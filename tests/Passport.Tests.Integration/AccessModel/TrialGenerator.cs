using System.Globalization;

namespace Passport.Tests.Integration.AccessModel;

/// <summary>One read trial: who reads, and which fields (or the access log).</summary>
internal sealed record ReadTrial(string Id, Actor Actor, IReadOnlyList<ReadField> Fields, bool IsAccessLog)
{
    public string Summary => IsAccessLog ? "accessLog(passportId)" : $"passport(id) {{ {string.Join(' ', Fields.Select(f => f.Section.Length == 0 ? f.Key : $"{f.Section}.{f.Key}"))} }}";
}

/// <summary>
/// Random but valid choices, all drawn from one passport's own <see cref="Random"/> in a fixed
/// order, so a seed gives the same trials again (the host's answers feed the state, and they are
/// deterministic for a deterministic host).
/// </summary>
internal sealed class TrialGenerator(PassportState s, Random rng, IReadOnlyList<Actor> strangers)
{
    private const string CodeAlphabet = "ABCDEFGHJKLMNPQRSTWXYZ23456789";
    private const int CodeAttemptsPerAccount = 4; // under the guessing limit of 5 failures per account
    private int _fresh;

    public Random Random => rng;

    private string NextTrialId() => $"{s.Index}.{++s.Steps}";

    public T Pick<T>(IReadOnlyList<T> items) => items[rng.Next(items.Count)];

    public bool Chance(double p) => rng.NextDouble() < p;

    private int N() => s.NextItemNumber + rng.Next(1000);

    public string Organisation(string sector, char which) => $"Org {s.Index}{which} ({sector})";

    public Actor FreshCarer() => Actor.Carer($"m{s.Index}-carer-{++_fresh}");

    public Actor FreshYoungPerson() => Actor.YoungPerson($"m{s.Index}-yp-{++_fresh}");

    public Actor FreshProfessional(string sector, string organisation) =>
        Actor.Professional($"m{s.Index}-{sector}-{++_fresh}", sector, organisation);

    private IReadOnlyList<Actor> Everyone => [.. s.Cast, .. strangers];

    // ---------------------------------------------------------------- reads

    public ReadTrial NextRead()
    {
        var related = s.Cast.Where(a => AccessRules.Relationship(s, a) is not null).ToList();
        var roll = rng.NextDouble();
        var actor = roll < 0.6 && related.Count > 0 ? Pick(related) : roll < 0.85 ? Pick(s.Cast) : Pick(strangers);
        if (Chance(0.06))
        {
            return new ReadTrial(NextTrialId(), actor, [], IsAccessLog: true);
        }

        var fields = ReadField.All.Where(_ => Chance(0.3)).ToList();
        if (fields.Count == 0)
        {
            fields.Add(Pick(ReadField.All));
        }

        return new ReadTrial(NextTrialId(), actor, fields, IsAccessLog: false);
    }

    // ---------------------------------------------------------------- writes

    private static readonly (OpKind Kind, int Weight)[] Weights =
    [
        (OpKind.UpdateAboutMe, 3), (OpKind.UpdateChildDetails, 4), (OpKind.SetNhsNumber, 1),
        (OpKind.RecordItem, 8), (OpKind.AmendItem, 4), (OpKind.EndItem, 3), (OpKind.SetRecord, 4), (OpKind.EndRecord, 1),
        (OpKind.MarkReviewed, 3), (OpKind.VerifyItem, 3),
        (OpKind.CreateShareCode, 3), (OpKind.RedeemShareCode, 3), (OpKind.SetSharing, 5), (OpKind.RemoveCareTeamMember, 2),
        (OpKind.AddCareTeamColleague, 3), (OpKind.SetItemWithheld, 5), (OpKind.InviteCarer, 2), (OpKind.AcceptCarerInvitation, 2),
        (OpKind.InviteYoungPerson, 1), (OpKind.AcceptYoungPersonInvitation, 1), (OpKind.TakeControl, 2), (OpKind.SetFamilyAccessFrozen, 2),
        (OpKind.BreakGlass, 2),
    ];

    public (WriteOp Op, Actor Actor, string Id) NextWrite()
    {
        while (true)
        {
            var roll = rng.Next(Weights.Sum(w => w.Weight));
            var kind = Weights.First(w => (roll -= w.Weight) < 0).Kind;
            if (Build(kind) is { } built)
            {
                return (built.Op, built.Actor ?? PickActor(built.Op), NextTrialId());
            }
        }
    }

    /// <summary>Often someone the model says may do it, so allowed paths change the state; else someone related; else anyone.</summary>
    public Actor PickActor(WriteOp op)
    {
        var everyone = Everyone;
        var roll = rng.NextDouble();
        var pool = roll < 0.45 ? everyone.Where(a => AccessRules.Predict(s, a, op).IsOk).ToList()
            : roll < 0.8 ? everyone.Where(a => AccessRules.Relationship(s, a) is not null).ToList()
            : [];
        return pool.Count > 0 ? Pick(pool) : Pick(everyone);
    }

    private (WriteOp Op, Actor? Actor)? Build(OpKind kind)
    {
        switch (kind)
        {
            case OpKind.UpdateAboutMe:
                return (OpBuilder.UpdateAboutMe(s, N(), isStale: Chance(0.15)), null);
            case OpKind.UpdateChildDetails:
                return (ChildDetails(), null);
            case OpKind.SetNhsNumber:
                return (OpBuilder.SetNhsNumber(s, NhsNumber()), null);
            case OpKind.RecordItem:
                return (OpBuilder.RecordItem(s, Pick(ItemKind.All), N()), null);
            case OpKind.AmendItem when s.Items.Count > 0:
                return (OpBuilder.AmendItem(s, Pick(s.Items), N()), null);
            case OpKind.EndItem when s.Items.Count > 0:
                return (OpBuilder.EndItem(s, Pick(s.Items)), null);
            case OpKind.SetRecord:
                var record = Pick(RecordKind.All);
                return (OpBuilder.SetRecord(s, record, N(), record == RecordKind.LegalStatus ? Pick(RecordKind.Statuses) : null), null);
            case OpKind.EndRecord:
                var ending = RecordKind.All.Where(r => r.End is not null && s.Records.ContainsKey(r.Name)).ToList();
                return ending.Count == 0 ? null : (OpBuilder.EndRecord(s, Pick(ending)), null);
            case OpKind.MarkReviewed:
                return (OpBuilder.MarkReviewed(s, Pick(Groups.Content)), null);
            case OpKind.VerifyItem:
                var targets = s.Items.Select(i => (i.Kind.Group, i.Id, (ModelItem?)i, i.ToString()))
                    .Concat(RecordKind.All.Where(r => s.Records.ContainsKey(r.Name)).Select(r => (r.Group, s.Records[r.Name], (ModelItem?)null, r.Name)))
                    .ToList();
                if (targets.Count == 0)
                {
                    return null;
                }

                var (group, id, item, what) = Pick(targets);
                return (OpBuilder.VerifyItem(s, group, id, item, what), null);
            case OpKind.CreateShareCode:
                return (OpBuilder.CreateShareCode(s, Pick(Sectors.All)), null);
            case OpKind.RedeemShareCode:
                return Redeem();
            case OpKind.SetSharing:
                var sector = Pick(Sectors.All);
                var shared = Pick(Groups.All);
                return (OpBuilder.SetSharing(s, sector, shared, Chance(0.7) ? !AccessRules.IsShared(s, sector, shared) : Chance(0.5)), null);
            case OpKind.RemoveCareTeamMember:
                var members = s.CareTeam.Where(m => !s.IsPending(m)).ToList();
                var socialCare = members.Where(m => m.Sector == Sectors.SocialCare).ToList();
                return members.Count == 0 ? null : (OpBuilder.RemoveCareTeamMember(s, socialCare.Count > 0 && Chance(0.5) ? Pick(socialCare) : Pick(members)), null);
            case OpKind.AddCareTeamColleague:
                return Handover();
            case OpKind.SetItemWithheld:
                return Withholding();
            case OpKind.InviteCarer:
                return (OpBuilder.InviteCarer(s, Chance(0.5), Chance(0.4), Chance(0.4)), null);
            case OpKind.AcceptCarerInvitation:
                return AcceptCarer();
            case OpKind.InviteYoungPerson:
                return (OpBuilder.InviteYoungPerson(s), null);
            case OpKind.AcceptYoungPersonInvitation:
                return AcceptYoungPerson();
            case OpKind.TakeControl:
                return (OpBuilder.TakeControl(s, s.Carers.Where(_ => Chance(0.4)).Select(c => c.Subject).ToList()), null);
            case OpKind.SetFamilyAccessFrozen:
                return (OpBuilder.SetFamilyAccessFrozen(s, Chance(0.75) ? !s.IsFrozen : s.IsFrozen), null);
            case OpKind.BreakGlass:
                var op = OpBuilder.BreakGlass(s);
                return (op, Chance(0.5) ? FreshProfessional(Sectors.Health, "South Western Ambulance Service") : null);
            default:
                return null;
        }
    }

    /// <summary>Mostly corrections that keep the age bracket; some across 16 or 18, a few that would close the passport.</summary>
    private WriteOp ChildDetails()
    {
        var today = PassportState.Today;
        DateOnly dateOfBirth;
        string? reason = null;
        var roll = rng.NextDouble();
        if (roll < 0.55)
        {
            dateOfBirth = s.DateOfBirth;
        }
        else if (roll < 0.75)
        {
            dateOfBirth = s.DateOfBirth.AddDays(rng.Next(5, 40) * (Chance(0.5) ? 1 : -1));
        }
        else
        {
            var years = roll < 0.93 ? Pick(new[] { 15, 16, 17, 18 }) : 25;
            dateOfBirth = today.AddYears(-years).AddDays(-rng.Next(20, 300));
            reason = Chance(0.5) ? "Birth certificate seen at clinic" : null;
        }

        // Keep clear of birthdays that fall on today (the host and the model may not agree on which day it is).
        if (dateOfBirth > today.AddDays(-3) || new[] { 16, 18, 25 }.Any(age => Math.Abs(dateOfBirth.AddYears(age).DayNumber - today.DayNumber) <= 3))
        {
            dateOfBirth = s.DateOfBirth;
        }

        return OpBuilder.UpdateChildDetails(s, dateOfBirth, reason, N());
    }

    private string NhsNumber()
    {
        while (true)
        {
            var digits = new[] { 4, s.Index / 10 % 10, s.Index % 10 }.Concat(Enumerable.Range(0, 6).Select(_ => rng.Next(10))).ToArray();
            var remainder = digits.Select((d, i) => d * (10 - i)).Sum() % 11;
            var check = 11 - remainder;
            if (check == 10)
            {
                continue;
            }

            return string.Concat(digits.Select(d => d.ToString(CultureInfo.InvariantCulture))) + (check == 11 ? "0" : check.ToString(CultureInfo.InvariantCulture));
        }
    }

    private string MadeUpCode()
    {
        var chars = Enumerable.Range(0, 8).Select(_ => CodeAlphabet[rng.Next(CodeAlphabet.Length)]).ToArray();
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}";
    }

    /// <summary>An account that may still try a code without reaching the guessing limit, or a fresh one.</summary>
    private Actor Counted(Actor? preferred, Func<Actor> fresh)
    {
        var actor = preferred is not null && s.CodeAttempts.GetValueOrDefault(preferred.Subject) < CodeAttemptsPerAccount ? preferred : fresh();
        s.CodeAttempts[actor.Subject] = s.CodeAttempts.GetValueOrDefault(actor.Subject) + 1;
        return actor;
    }

    private (WriteOp, Actor?) Redeem()
    {
        var open = s.ShareCodes.Where(c => !c.IsUsed).ToList();
        var used = s.ShareCodes.Where(c => c.IsUsed).ToList();
        var roll = rng.NextDouble();
        var (code, sector, what) = roll < 0.65 && open.Count > 0 ? Describe(Pick(open), "an open code")
            : roll < 0.8 && used.Count > 0 ? Describe(Pick(used), "a used code")
            : (MadeUpCode(), Pick(Sectors.All), "a made-up code");

        var who = rng.NextDouble();
        Actor? preferred = who < 0.55 ? null
            : who < 0.7 ? FreshProfessional(Pick(Sectors.All.Where(x => x != sector).ToList()), Organisation(sector, 'A'))
            : who < 0.85 ? s.Cast.Where(a => s.Removed.Contains(a.Subject)).FirstOrDefault()
            : who < 0.95 ? s.Cast.Where(a => AccessRules.Relationship(s, a)?.Basis == Basis.CareTeam).FirstOrDefault()
            : s.Cast.FirstOrDefault(a => a.IsCarer);
        var actor = Counted(preferred, () => FreshProfessional(sector, Organisation(sector, Chance(0.7) ? 'A' : 'B')));
        return (OpBuilder.RedeemShareCode(code, what), actor);

        static (string, string, string) Describe(IssuedCode c, string what) => (c.Code, c.Sector, $"{what} for {c.Sector}");
    }

    private (WriteOp, Actor?) Handover()
    {
        var professionals = s.Cast.Where(a => AccessRules.Relationship(s, a)?.Basis == Basis.CareTeam).ToList();
        var actor = professionals.Count > 0 && Chance(0.6) ? Pick(professionals) : null;
        var removed = s.Cast.Where(a => s.Removed.Contains(a.Subject)).ToList();
        var sector = actor?.Sector ?? Pick(Sectors.All);
        var organisation = actor?.Organisation ?? Organisation(sector, 'A');
        var roll = rng.NextDouble();
        var (colleague, what) = roll < 0.5 ? (FreshProfessional(sector, organisation), "same sector and organisation")
            : roll < 0.7 ? (FreshProfessional(sector, Organisation(sector, 'B')), "same sector, another organisation")
            : roll < 0.85 || removed.Count == 0 ? (FreshProfessional(Pick(Sectors.All.Where(x => x != sector).ToList()), organisation), "another sector, same organisation")
            : (Pick(removed), "someone the family removed");
        var op = OpBuilder.AddCareTeamColleague(s, colleague, what);
        return (op, actor);
    }

    private (WriteOp, Actor?)? Withholding()
    {
        var shown = s.Items.Where(i => i.Withheld is null && ItemKind.Withholdable.Contains(i.Kind)).ToList();
        var withheld = s.Items.Where(i => i.Withheld is not null).ToList();
        return withheld.Count > 0 && (shown.Count == 0 || Chance(0.45)) ? (OpBuilder.SetItemWithheld(s, Pick(withheld), false), null)
            : shown.Count > 0 ? (OpBuilder.SetItemWithheld(s, Pick(shown), true), null)
            : null;
    }

    private (WriteOp, Actor?) AcceptCarer()
    {
        var open = s.CarerInvitations.Where(i => !i.IsUsed && !i.IsVoid).ToList();
        var spent = s.CarerInvitations.Where(i => i.IsUsed || i.IsVoid).ToList();
        var roll = rng.NextDouble();
        var (code, what) = roll < 0.6 && open.Count > 0 ? (Pick(open).Code, "an open invitation")
            : roll < 0.8 && spent.Count > 0 ? Spent(Pick(spent))
            : (MadeUpCode(), "a made-up code");
        var who = rng.NextDouble();
        var linkedCarer = s.Carers.Count > 0 ? s.ActorOf(Pick(s.Carers).Subject) : null;
        var actor = who < 0.6 ? Counted(null, FreshCarer)
            : who < 0.75 ? Counted(linkedCarer, FreshCarer)
            : who < 0.85 ? Counted(s.YoungPerson is { } yp ? s.ActorOf(yp) : null, FreshYoungPerson)
            : who < 0.95 ? Counted(null, FreshYoungPerson)
            : Counted(null, () => FreshProfessional(Sectors.Health, Organisation(Sectors.Health, 'A')));
        return (OpBuilder.AcceptCarerInvitation(code, what), actor);

        static (string, string) Spent(CarerInvitation i) => (i.Code, i.IsVoid ? "an invitation voided by take-control" : "a used invitation");
    }

    private (WriteOp, Actor?) AcceptYoungPerson()
    {
        var open = s.YoungPersonInvitations.Where(i => !i.IsUsed).ToList();
        var used = s.YoungPersonInvitations.Where(i => i.IsUsed).ToList();
        var roll = rng.NextDouble();
        var (code, what) = roll < 0.65 && open.Count > 0 ? (Pick(open).Code, "an open invitation")
            : roll < 0.8 && used.Count > 0 ? (Pick(used).Code, "a used invitation")
            : (MadeUpCode(), "a made-up code");
        var who = rng.NextDouble();
        var actor = who < 0.7 ? Counted(null, FreshYoungPerson)
            : who < 0.85 ? Counted(s.YoungPerson is { } yp ? s.ActorOf(yp) : null, FreshYoungPerson)
            : Counted(null, FreshCarer);
        return (OpBuilder.AcceptYoungPersonInvitation(code, what), actor);
    }
}
