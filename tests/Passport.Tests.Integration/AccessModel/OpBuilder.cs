using System.Globalization;

namespace Passport.Tests.Integration.AccessModel;

/// <summary>The public mutations the model sends, written out by name.</summary>
internal static class OpBuilder
{
    private const string Returned = "version";

    private static Dictionary<string, object?> Vars(PassportState s, params (string Key, object? Value)[] more)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = s.Id };
        foreach (var (key, value) in more)
        {
            variables[key] = value;
        }

        return variables;
    }

    public static WriteOp UpdateAboutMe(PassportState s, int n, bool isStale) => new(
        OpKind.UpdateAboutMe,
        "updateAboutMe",
        $"mutation($id: ID!, $v: Int!, $input: AboutMeInput!) {{ updateAboutMe(passportId: $id, expectedVersion: $v, input: $input) {{ {Returned} }} }}",
        Vars(s, ("v", 0), ("input", new { likes = $"Likes {n}", communication = "Makaton" })),
        $"updateAboutMe{(isStale ? " with a stale expectedVersion" : "")}")
    { Group = Groups.AboutMe, IsStaleVersion = isStale };

    public static WriteOp UpdateChildDetails(PassportState s, DateOnly dateOfBirth, string? reason, int n)
    {
        var input = new { givenName = $"Child{n}", familyName = "Model", dateOfBirth = dateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), localAuthority = s.LocalAuthority, pronouns = "they/them" };
        var change = dateOfBirth == s.DateOfBirth ? "same date of birth"
            : $"date of birth {s.DateOfBirth:yyyy-MM-dd} (aged {s.Age}) -> {dateOfBirth:yyyy-MM-dd} (aged {PassportState.AgeOn(dateOfBirth)})";
        return reason is null
            ? new(OpKind.UpdateChildDetails, "updateChildDetails", $"mutation($id: ID!, $input: ChildDetailsInput!) {{ updateChildDetails(passportId: $id, input: $input) {{ {Returned} }} }}", Vars(s, ("input", input)), $"updateChildDetails ({change})")
            { Group = Groups.IdentityBasic, DateOfBirth = dateOfBirth }
            : new(OpKind.UpdateChildDetails, "updateChildDetails", $"mutation($id: ID!, $input: ChildDetailsInput!, $reason: String) {{ updateChildDetails(passportId: $id, input: $input, reason: $reason) {{ {Returned} }} }}", Vars(s, ("input", input), ("reason", reason)), $"updateChildDetails ({change}, reason \"{reason}\")")
            { Group = Groups.IdentityBasic, DateOfBirth = dateOfBirth, Reason = reason };
    }

    public static WriteOp SetNhsNumber(PassportState s, string nhsNumber) => new(
        OpKind.SetNhsNumber, "setNhsNumber", $"mutation($id: ID!, $nhs: String!) {{ setNhsNumber(passportId: $id, nhsNumber: $nhs) {{ {Returned} }} }}", Vars(s, ("nhs", nhsNumber)), "setNhsNumber")
    { Group = Groups.NhsNumber, NhsNumber = nhsNumber };

    public static WriteOp RecordItem(PassportState s, ItemKind kind, int n) => new(
        OpKind.RecordItem,
        kind.Record,
        $"mutation($id: ID!, $input: {kind.InputType}) {{ {kind.Record}(passportId: $id, {kind.InputArgument}: $input) {{ {Returned} {kind.IdSelection} }} }}",
        Vars(s, ("input", kind.Input(n))),
        $"{kind.Record} (a {kind.Name}, {kind.Group})")
    { Group = kind.Group, ItemKind = kind };

    public static WriteOp AmendItem(PassportState s, ModelItem item, int n) => new(
        OpKind.AmendItem,
        item.Kind.Amend,
        $"mutation($id: ID!, $item: ID!, $input: {item.Kind.InputType}) {{ {item.Kind.Amend}(passportId: $id, {item.Kind.IdArgument}: $item, {item.Kind.InputArgument}: $input) {{ {Returned} }} }}",
        Vars(s, ("item", item.Id), ("input", item.Kind.Input(n))),
        $"{item.Kind.Amend} of {item}")
    { Group = item.Kind.Group, ItemKind = item.Kind, Item = item };

    public static WriteOp EndItem(PassportState s, ModelItem item) => new(
        OpKind.EndItem,
        item.Kind.End,
        $"mutation($id: ID!, $item: ID!) {{ {item.Kind.End}(passportId: $id, {item.Kind.IdArgument}: $item) {{ {Returned} }} }}",
        Vars(s, ("item", item.Id)),
        $"{item.Kind.End} of {item}")
    { Group = item.Kind.Group, ItemKind = item.Kind, Item = item };

    public static WriteOp SetRecord(PassportState s, RecordKind kind, int n, string? legalStatus = null) => new(
        OpKind.SetRecord,
        kind.Set,
        $"mutation($id: ID!, $input: {kind.InputType}) {{ {kind.Set}(passportId: $id, input: $input) {{ {Returned} {kind.IdSelection} }} }}",
        Vars(s, ("input", legalStatus is null ? kind.Input(n) : new { status = legalStatus })),
        $"{kind.Set} ({kind.Group}{(legalStatus is null ? "" : ": " + legalStatus)})")
    { Group = kind.Group, RecordKind = kind, LegalStatus = legalStatus };

    public static WriteOp EndRecord(PassportState s, RecordKind kind) => new(
        OpKind.EndRecord, kind.End!, $"mutation($id: ID!) {{ {kind.End}(passportId: $id) {{ {Returned} }} }}", Vars(s), $"{kind.End} ({kind.Group})")
    { Group = kind.Group, RecordKind = kind };

    public static WriteOp MarkReviewed(PassportState s, string group) => new(
        OpKind.MarkReviewed, "markReviewed", $"mutation($id: ID!, $g: String!) {{ markReviewed(passportId: $id, group: $g) {{ {Returned} }} }}", Vars(s, ("g", group)), $"markReviewed({group})")
    { Group = group };

    public static WriteOp VerifyItem(PassportState s, string group, string itemId, ModelItem? item, string what) => new(
        OpKind.VerifyItem, "verifyItem", $"mutation($id: ID!, $item: ID!) {{ verifyItem(passportId: $id, itemId: $item) {{ {Returned} }} }}", Vars(s, ("item", itemId)), $"verifyItem of {what} ({group})")
    { Group = group, Item = item };

    public static WriteOp CreateShareCode(PassportState s, string sector) => new(
        OpKind.CreateShareCode, "createShareCode", "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", Vars(s, ("s", sector)), $"createShareCode({sector})")
    { Sector = sector };

    public static WriteOp RedeemShareCode(string code, string what) => new(
        OpKind.RedeemShareCode, "redeemShareCode", $"mutation($c: String!) {{ redeemShareCode(code: $c) {{ {Returned} }} }}", new(StringComparer.Ordinal) { ["c"] = code }, $"redeemShareCode ({what})")
    { Code = code };

    public static WriteOp SetSharing(PassportState s, string sector, string group, bool shared) => new(
        OpKind.SetSharing,
        "setSharing",
        $"mutation($id: ID!, $s: String!, $g: String!, $on: Boolean!) {{ setSharing(passportId: $id, sector: $s, group: $g, shared: $on) {{ {Returned} }} }}",
        Vars(s, ("s", sector), ("g", group), ("on", shared)),
        $"setSharing({sector}, {group}, {(shared ? "shared" : "not shared")}) [{RegionPolicy.LevelFor(sector, group)}]")
    { Sector = sector, Group = group, Flag = shared };

    public static WriteOp RemoveCareTeamMember(PassportState s, Member member) => new(
        OpKind.RemoveCareTeamMember,
        "removeCareTeamMember",
        $"mutation($id: ID!, $who: String!) {{ removeCareTeamMember(passportId: $id, subject: $who) {{ {Returned} }} }}",
        Vars(s, ("who", member.Subject)),
        $"removeCareTeamMember({member.Subject}, {member.Sector})")
    { Target = member };

    public static WriteOp AddCareTeamColleague(PassportState s, Actor colleague, string what) => new(
        OpKind.AddCareTeamColleague,
        "addCareTeamColleague",
        $"mutation($id: ID!, $who: String!) {{ addCareTeamColleague(passportId: $id, subject: $who, displayName: \"Colleague\") {{ {Returned} }} }}",
        Vars(s, ("who", colleague.Subject)),
        $"addCareTeamColleague({colleague}, {what})")
    { Colleague = colleague };

    public static WriteOp SetItemWithheld(PassportState s, ModelItem item, bool withheld) => new(
        OpKind.SetItemWithheld,
        "setItemWithheld",
        $"mutation($id: ID!, $g: String!, $item: ID!, $w: Boolean!) {{ setItemWithheld(passportId: $id, group: $g, itemId: $item, withheld: $w) {{ {Returned} }} }}",
        Vars(s, ("g", item.Kind.Group), ("item", item.Id), ("w", withheld)),
        $"setItemWithheld({item}, withheld: {(withheld ? "true" : "false")})")
    { Group = item.Kind.Group, Item = item, Flag = withheld };

    public static WriteOp InviteCarer(PassportState s, bool edit, bool share, bool invite) => new(
        OpKind.InviteCarer,
        "inviteCarer",
        "mutation($id: ID!, $e: Boolean!, $s: Boolean!, $i: Boolean!) { inviteCarer(passportId: $id, mayEdit: $e, mayManageSharing: $s, mayInvite: $i) { code } }",
        Vars(s, ("e", edit), ("s", share), ("i", invite)),
        $"inviteCarer(edit: {edit}, sharing: {share}, invite: {invite})")
    { MayEdit = edit, MayManageSharing = share, MayInvite = invite };

    public static WriteOp AcceptCarerInvitation(string code, string what) => new(
        OpKind.AcceptCarerInvitation, "acceptCarerInvitation", $"mutation($c: String!) {{ acceptCarerInvitation(code: $c) {{ {Returned} }} }}", new(StringComparer.Ordinal) { ["c"] = code }, $"acceptCarerInvitation ({what})")
    { Code = code };

    public static WriteOp InviteYoungPerson(PassportState s) => new(
        OpKind.InviteYoungPerson, "inviteYoungPerson", "mutation($id: ID!) { inviteYoungPerson(passportId: $id) { code } }", Vars(s), "inviteYoungPerson");

    public static WriteOp AcceptYoungPersonInvitation(string code, string what) => new(
        OpKind.AcceptYoungPersonInvitation, "acceptYoungPersonInvitation", $"mutation($c: String!) {{ acceptYoungPersonInvitation(code: $c) {{ {Returned} }} }}", new(StringComparer.Ordinal) { ["c"] = code }, $"acceptYoungPersonInvitation ({what})")
    { Code = code };

    public static WriteOp TakeControl(PassportState s, IReadOnlyList<string> keep) => new(
        OpKind.TakeControl,
        "takeControl",
        $"mutation($id: ID!, $keep: [String!]!) {{ takeControl(passportId: $id, keepCarers: $keep) {{ {Returned} }} }}",
        Vars(s, ("keep", keep)),
        $"takeControl(keeping {(keep.Count == 0 ? "no carer" : string.Join(", ", keep))})")
    { Keep = keep };

    public static WriteOp SetFamilyAccessFrozen(PassportState s, bool frozen) => new(
        OpKind.SetFamilyAccessFrozen,
        "setFamilyAccessFrozen",
        $"mutation($id: ID!, $f: Boolean!, $r: String) {{ setFamilyAccessFrozen(passportId: $id, frozen: $f, reason: $r) {{ {Returned} }} }}",
        Vars(s, ("f", frozen), ("r", frozen ? "Section 47 enquiry" : null)),
        $"setFamilyAccessFrozen({(frozen ? "true" : "false")})")
    { Flag = frozen };

    public static WriteOp BreakGlass(PassportState s) => new(
        OpKind.BreakGlass, "breakGlass", $"mutation($id: ID!) {{ breakGlass(passportId: $id, reason: \"Unconscious child, parents not present\") {{ {Returned} }} }}", Vars(s), "breakGlass");
}
