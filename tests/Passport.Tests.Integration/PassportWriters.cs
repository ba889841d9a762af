using System.Globalization;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>The kinds of people who may try to change a passport (issue 11's writer kinds), as the write tables name them.</summary>
public static class WriterKinds
{
    public const string CarerWithEdit = "carer-edit";
    public const string CarerViewOnly = "carer-view";
    public const string YoungPersonBeforeControl = "yp-before";
    public const string YoungPersonInControl = "yp-after";
    public const string CarerNotKept = "carer-not-kept";
    public const string Health = "health";
    public const string SocialCare = "social-care";
    public const string Education = "education";
    public const string Leisure = "leisure";
    public const string BreakGlass = "break-glass";
    public const string Auditor = "auditor";
    public const string LocalAuthorityAdmin = "la-admin";
    public const string Unrelated = "unrelated";

    public static readonly string[] Sectors = [Health, SocialCare, Education, Leisure];

    public static readonly string[] All =
    [
        CarerWithEdit, CarerViewOnly, YoungPersonBeforeControl, YoungPersonInControl, CarerNotKept,
        Health, SocialCare, Education, Leisure, BreakGlass, Auditor, LocalAuthorityAdmin, Unrelated,
    ];

    /// <summary>Those whose passport is one the young person has taken control of.</summary>
    public static bool IsAfterTakeControl(string kind) => kind is YoungPersonInControl or CarerNotKept;
}

/// <summary>An expected-outcome table written as Markdown rows (<c>| row | column | column |</c>), first row the header.</summary>
public sealed class ExpectedTable
{
    private readonly Dictionary<(string Row, string Column), string> _cells;

    private ExpectedTable(IReadOnlyList<string> rows, IReadOnlyList<string> columns, Dictionary<(string, string), string> cells)
    {
        Rows = rows;
        Columns = columns;
        _cells = cells;
    }

    public IReadOnlyList<string> Rows { get; }

    public IReadOnlyList<string> Columns { get; }

    public string this[string row, string column] => _cells[(row, column)];

    public static ExpectedTable Parse(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToList();
        var columns = lines[0].Skip(1).ToList();
        var cells = new Dictionary<(string, string), string>();
        foreach (var line in lines.Skip(1))
        {
            if (line.Length != columns.Count + 1)
            {
                throw new InvalidOperationException($"Row '{line[0]}' has {line.Length - 1} cells for {columns.Count} columns.");
            }

            for (var i = 0; i < columns.Count; i++)
            {
                cells[(line[0], columns[i])] = line[i + 1];
            }
        }

        return new ExpectedTable([.. lines.Skip(1).Select(l => l[0])], columns, cells);
    }

    /// <summary>Every cell as (row, column), skipping cells marked "—" (no rule to test).</summary>
    public TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        foreach (var row in Rows)
        {
            foreach (var column in Columns.Where(c => this[row, c] != "—"))
            {
                data.Add(row, column);
            }
        }

        return data;
    }
}

/// <summary>One host of this run (the shared one, or one a test class started), called as a persona.</summary>
public sealed class HostClient(PassportFixture fixture, HttpClient http)
{
    public const string Cornwall = "E06000052";

    public Task<GraphQLResponse> GraphQLAsync(Persona persona, string query, object? variables = null) =>
        PassportFixture.GraphQLAsync(http, fixture.Token(persona), query, variables);

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"ok", or the error codes a read answered with.</summary>
    public static string Outcome(GraphQLResponse response) =>
        response.Errors.Count == 0 ? "ok" : string.Join(",", response.ErrorCodes);

    public async Task<string> CreatePassportAsync(Persona creator, DateOnly born, string localAuthority = Cornwall) =>
        (await GraphQLAsync(creator, "mutation($dob: Date!, $la: String!) { createPassport(input: { givenName: \"Riley\", familyName: \"Morgan\", dateOfBirth: $dob, localAuthority: $la }) { id } }", new { dob = Date(born), la = localAuthority }))
            .Ok()["createPassport"]!["id"]!.GetValue<string>();

    public async Task<string> ShareCodeAsync(Persona family, string id, string sector) =>
        (await GraphQLAsync(family, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id, s = sector }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();

    /// <summary>The family gives the professional a share code for their sector and they redeem it.</summary>
    public async Task JoinAsync(Persona family, string id, Persona professional)
    {
        var code = await ShareCodeAsync(family, id, professional.Claims.Sector!);
        (await GraphQLAsync(professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code })).Ok();
    }

    public async Task<string> InviteCarerAsync(Persona inviter, string id, bool mayEdit, bool mayManageSharing, bool mayInvite) =>
        (await GraphQLAsync(inviter, "mutation($id: ID!, $e: Boolean!, $s: Boolean!, $i: Boolean!) { inviteCarer(passportId: $id, mayEdit: $e, mayManageSharing: $s, mayInvite: $i) { code } }", new { id, e = mayEdit, s = mayManageSharing, i = mayInvite }))
            .Ok()["inviteCarer"]!["code"]!.GetValue<string>();

    public Task<GraphQLResponse> AcceptCarerInvitationAsync(Persona carer, string code) =>
        GraphQLAsync(carer, "mutation($c: String!) { acceptCarerInvitation(code: $c) { id } }", new { c = code });

    public async Task<string> InviteYoungPersonAsync(Persona carer, string id) =>
        (await GraphQLAsync(carer, "mutation($id: ID!) { inviteYoungPerson(passportId: $id) { code } }", new { id })).Ok()["inviteYoungPerson"]!["code"]!.GetValue<string>();

    public Task<GraphQLResponse> AcceptYoungPersonInvitationAsync(Persona youngPerson, string code) =>
        GraphQLAsync(youngPerson, "mutation($c: String!) { acceptYoungPersonInvitation(code: $c) { id } }", new { c = code });

    public async Task LinkYoungPersonAsync(Persona carer, string id, Persona youngPerson) =>
        (await AcceptYoungPersonInvitationAsync(youngPerson, await InviteYoungPersonAsync(carer, id))).Ok();

    public async Task TakeControlAsync(Persona youngPerson, string id, params string[] keepCarers) =>
        (await GraphQLAsync(youngPerson, "mutation($id: ID!, $keep: [String!]!) { takeControl(passportId: $id, keepCarers: $keep) { id } }", new { id, keep = keepCarers })).Ok();

    public async Task BreakGlassAsync(Persona doctor, string id) =>
        (await GraphQLAsync(doctor, "mutation($id: ID!) { breakGlass(passportId: $id, reason: \"Collapsed at the bus station, no family present\") { id } }", new { id })).Ok();

    public async Task SetSharingAsync(Persona family, string id, string sector, string group, bool shared) =>
        (await GraphQLAsync(family, "mutation($id: ID!, $s: String!, $g: String!, $on: Boolean!) { setSharing(passportId: $id, sector: $s, group: $g, shared: $on) { id } }", new { id, s = sector, g = group, on = shared })).Ok();

    public async Task<int> VersionAsync(Persona reader, string id) =>
        (await GraphQLAsync(reader, "query($id: ID!) { passport(id: $id) { version } }", new { id })).Ok()["passport"]!["version"]!.GetValue<int>();

    public async Task<string> RecordAllergyAsync(Persona recorder, string id, string substance, string severity = "MILD") =>
        (await GraphQLAsync(recorder, "mutation($id: ID!, $s: String!, $sev: Severity!) { recordAllergy(passportId: $id, input: { substance: $s, severity: $sev }) { health { allergies { id substance } } } }", new { id, s = substance, sev = severity }))
            .Ok()["recordAllergy"]!["health"]!["allergies"]!.AsArray().Single(a => a!["substance"]!.GetValue<string>() == substance)!["id"]!.GetValue<string>();

    /// <summary>
    /// Sets up a person of <paramref name="kind"/> with the relationship the kind names to a
    /// 17-year-old's passport the creator made: invited, linked, on the care team, or none.
    /// </summary>
    public async Task<Persona> WriterAsync(string kind, Persona creator, string id)
    {
        switch (kind)
        {
            case WriterKinds.CarerWithEdit:
                return creator;
            case WriterKinds.CarerViewOnly:
                var viewer = Persona.Carer();
                (await AcceptCarerInvitationAsync(viewer, await InviteCarerAsync(creator, id, mayEdit: false, mayManageSharing: false, mayInvite: false))).Ok();
                return viewer;
            case WriterKinds.YoungPersonBeforeControl:
            case WriterKinds.YoungPersonInControl:
            case WriterKinds.CarerNotKept:
                var youngPerson = Persona.YoungPerson();
                await LinkYoungPersonAsync(creator, id, youngPerson);
                if (kind == WriterKinds.YoungPersonBeforeControl)
                {
                    return youngPerson;
                }

                await TakeControlAsync(youngPerson, id);
                return kind == WriterKinds.YoungPersonInControl ? youngPerson : creator;
            case WriterKinds.Health or WriterKinds.SocialCare or WriterKinds.Education or WriterKinds.Leisure:
                var professional = Persona.Professional(kind);
                await JoinAsync(creator, id, professional);
                return professional;
            case WriterKinds.BreakGlass:
                var paramedic = Persona.Professional("health", "South Western Ambulance Service");
                await BreakGlassAsync(paramedic, id);
                return paramedic;
            case WriterKinds.Auditor:
                return Persona.Auditor();
            case WriterKinds.LocalAuthorityAdmin:
                return Persona.LocalAuthorityAdmin(Cornwall);
            case WriterKinds.Unrelated:
                return Persona.Professional("health", "A practice the family never met");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a writer kind.");
        }
    }
}

/// <summary>
/// Every writer kind around two 17-year-olds' passports, set up once through the API: one the
/// young person has not taken control of (its creator, a view-only carer, the young person, one
/// professional of each sector on the care team, a paramedic who broke the glass, and people
/// with no relationship), and one the young person took control of, keeping no carer.
/// </summary>
public sealed class GroupWriters
{
    /// <summary>
    /// Opt-ins so that every sector can see every group the policy lets it see: a refusal in a
    /// cell is then the write rule, not the read rule.
    /// </summary>
    private static readonly (string Sector, string Group)[] OptIns =
    [
        ("health", "leisure.activities"),
        ("education", "identity.nhsNumber"), ("education", "health.clinical"), ("education", "health.immunisations"),
        ("education", "socialCare.involvement"), ("education", "leisure.activities"),
        ("leisure", "education.setting"),
    ];

    private readonly Dictionary<string, Persona> _writers = [];
    private readonly Dictionary<string, (Persona Family, Persona SocialCare)> _readers = [];

    private GroupWriters(HostClient host, DateOnly born)
    {
        Host = host;
        DateOfBirth = born;
    }

    public HostClient Host { get; }

    public DateOnly DateOfBirth { get; }

    public string Open { get; private set; } = "";

    public string Controlled { get; private set; } = "";

    public Persona Writer(string kind) => _writers[kind];

    public string PassportOf(string kind) => WriterKinds.IsAfterTakeControl(kind) ? Controlled : Open;

    public Persona FamilyReaderOf(string id) => _readers[id].Family;

    public Persona SocialCareReaderOf(string id) => _readers[id].SocialCare;

    public static async Task<GroupWriters> ArrangeAsync(HostClient host, string localAuthority = HostClient.Cornwall)
    {
        var world = new GroupWriters(host, HostClient.Today.AddYears(-17).AddMonths(-1));

        var creator = Persona.Carer();
        world.Open = await host.CreatePassportAsync(creator, world.DateOfBirth, localAuthority);
        world._writers[WriterKinds.CarerWithEdit] = creator;
        foreach (var kind in new[] { WriterKinds.CarerViewOnly, WriterKinds.YoungPersonBeforeControl, WriterKinds.BreakGlass, WriterKinds.Auditor, WriterKinds.LocalAuthorityAdmin, WriterKinds.Unrelated }.Concat(WriterKinds.Sectors))
        {
            world._writers[kind] = await host.WriterAsync(kind, creator, world.Open);
        }

        foreach (var (sector, group) in OptIns)
        {
            await host.SetSharingAsync(creator, world.Open, sector, group, shared: true);
        }

        world._readers[world.Open] = (creator, world._writers[WriterKinds.SocialCare]);

        var controllingCreator = Persona.Carer();
        world.Controlled = await host.CreatePassportAsync(controllingCreator, world.DateOfBirth, localAuthority);
        var socialWorker = Persona.Professional("social-care");
        await host.JoinAsync(controllingCreator, world.Controlled, socialWorker);
        var youngPerson = Persona.YoungPerson();
        await host.LinkYoungPersonAsync(controllingCreator, world.Controlled, youngPerson);
        await host.TakeControlAsync(youngPerson, world.Controlled);
        world._writers[WriterKinds.YoungPersonInControl] = youngPerson;
        world._writers[WriterKinds.CarerNotKept] = controllingCreator;
        world._readers[world.Controlled] = (youngPerson, socialWorker);
        return world;
    }
}

/// <summary>One write into a field group: its mutation, and variables carrying a marker a reader can look for.</summary>
public sealed record GroupWrite(string Group, string Mutation, Func<string> NewMarker, Func<GroupWrite.Target, string, object> Variables)
{
    private static int _measurements;

    public sealed record Target(string PassportId, int Version, DateOnly DateOfBirth);

    public static string TextMarker() => "w" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A height that reads back as written (one decimal place, never .0).</summary>
    public static string HeightMarker() => string.Create(CultureInfo.InvariantCulture, $"{100 + (Interlocked.Increment(ref _measurements) % 100)}.3");

    /// <summary>A write into every group of the four sector modules and the core, as a user makes it.</summary>
    public static readonly IReadOnlyList<GroupWrite> Core =
    [
        new("aboutMe", "mutation($id: ID!, $v: Int!, $m: String!) { updateAboutMe(passportId: $id, expectedVersion: $v, input: { likes: $m }) { version } }",
            TextMarker, (t, m) => new { id = t.PassportId, v = t.Version, m }),
        new("identity.basic", "mutation($id: ID!, $dob: Date!, $m: String!) { updateChildDetails(passportId: $id, input: { givenName: \"Riley\", familyName: \"Morgan\", preferredName: $m, dateOfBirth: $dob, localAuthority: \"E06000052\" }) { version } }",
            TextMarker, (t, m) => new { id = t.PassportId, dob = HostClient.Date(t.DateOfBirth), m }),
        new("identity.nhsNumber", "mutation($id: ID!, $m: String!) { setNhsNumber(passportId: $id, nhsNumber: $m) { version } }",
            NhsNumbers.Next, (t, m) => new { id = t.PassportId, m }),
        new("contacts.emergency", "mutation($id: ID!, $m: String!) { addEmergencyContact(passportId: $id, input: { name: $m, relationship: \"Aunt\", parentalResponsibility: false, phone: \"01872 000000\" }) { version } }",
            TextMarker, (t, m) => new { id = t.PassportId, m }),
        new("health.emergency", "mutation($id: ID!, $m: String!) { recordAllergy(passportId: $id, input: { substance: $m, severity: MILD }) { version } }",
            TextMarker, (t, m) => new { id = t.PassportId, m }),
        new("health.clinical", "mutation($id: ID!, $m: String!) { recordCondition(passportId: $id, input: { name: $m }) { version } }",
            TextMarker, (t, m) => new { id = t.PassportId, m }),
        new("health.growth", "mutation($id: ID!, $m: Float!) { recordGrowthMeasurement(passportId: $id, input: { measuredOn: \"2024-06-01\", heightCm: $m }) { version } }",
            HeightMarker, (t, m) => new { id = t.PassportId, m = double.Parse(m, CultureInfo.InvariantCulture) }),
        new("health.immunisations", "mutation($id: ID!, $m: String!) { recordImmunisation(passportId: $id, input: { vaccine: $m, givenOn: \"2015-06-01\" }) { version } }",
            TextMarker, (t, m) => new { id = t.PassportId, m }),
        new("socialCare.involvement", "mutation($id: ID!, $m: String!) { recordInvolvement(passportId: $id, input: { allocatedWorker: $m }) { version } }",
            TextMarker, (t, m) => new { id = t.PassportId, m }),
        new("socialCare.legalStatus", "mutation($id: ID!, $m: String!) { setLegalStatus(passportId: $id, input: { status: CHILD_IN_NEED, responsibleAuthority: $m }) { version } }",
            TextMarker, (t, m) => new { id = t.PassportId, m }),
        new("socialCare.safeguarding", "mutation($id: ID!, $m: String!) { addSafeguardingNote(passportId: $id, note: $m) { version } }",
            TextMarker, (t, m) => new { id = t.PassportId, m }),
        new("education.setting", "mutation($id: ID!, $m: String!) { setEducationSetting(passportId: $id, input: { name: $m }) { version } }",
            TextMarker, (t, m) => new { id = t.PassportId, m }),
        new("education.sen", "mutation($id: ID!, $m: String!) { setSenSupport(passportId: $id, input: { level: SEN_SUPPORT, ehcpStatus: NONE, needs: $m }) { version } }",
            TextMarker, (t, m) => new { id = t.PassportId, m }),
        new("leisure.activities", "mutation($id: ID!, $m: String!) { addActivity(passportId: $id, input: { name: $m }) { version } }",
            TextMarker, (t, m) => new { id = t.PassportId, m }),
    ];

    /// <summary>What the family reads back: every group the family sees (safeguarding is social care's).</summary>
    public const string FamilyReadBack = """
        version
        child { givenName familyName preferredName dateOfBirth nhsNumber }
        aboutMe { likes } emergencyContacts { name }
        health { allergies { substance } conditions { name } growth { heightCm } immunisations { vaccine } }
        socialCare { legalStatus { status responsibleAuthority } involvement { allocatedWorker } }
        education { setting { name } sen { needs } } leisure { activities { name } }
        """;

    /// <summary>What social care reads back: the group the family never sees.</summary>
    public const string SocialCareReadBack = "version socialCare { safeguarding { note } }";
}
