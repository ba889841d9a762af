using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// Who may change what (SPEC §4 "Who may write", issue 11's rules), as a literal table: every
/// field group and every change to who sees the passport, for every kind of writer, through the
/// real mutations on the real host. A refused change must answer the code in the table and leave
/// the passport exactly as the family and social care read it before.
/// </summary>
[Collection(PassportCollection.Name)]
public class WriteMatrixTests(PassportFixture fixture, WriteMatrixTests.Writers writers) : IClassFixture<WriteMatrixTests.Writers>
{
    /// <summary>Record, set or add in each group (and markReviewed of it). A professional writes verified; the family reports.</summary>
    private const string GroupWrites = """
        | group                   | carer-edit | carer-view | yp-before | yp-after  | carer-not-kept | health    | social-care | education | leisure   | break-glass | auditor   | la-admin  | unrelated |
        | aboutMe                 | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | FORBIDDEN | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | identity.basic          | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | ok        | ok          | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | identity.nhsNumber      | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | ok        | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | contacts.emergency      | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | ok        | ok          | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | health.emergency        | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | ok        | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | health.clinical         | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | ok        | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | health.growth           | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | ok        | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | health.immunisations    | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | ok        | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | socialCare.involvement  | FORBIDDEN  | FORBIDDEN  | FORBIDDEN | FORBIDDEN | FORBIDDEN      | FORBIDDEN | ok          | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | socialCare.legalStatus  | FORBIDDEN  | FORBIDDEN  | FORBIDDEN | FORBIDDEN | FORBIDDEN      | FORBIDDEN | ok          | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | socialCare.safeguarding | FORBIDDEN  | FORBIDDEN  | FORBIDDEN | FORBIDDEN | FORBIDDEN      | FORBIDDEN | ok          | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | education.setting       | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | FORBIDDEN | FORBIDDEN   | ok        | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | education.sen           | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | FORBIDDEN | FORBIDDEN   | ok        | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | leisure.activities      | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | FORBIDDEN | FORBIDDEN   | FORBIDDEN | ok        | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        """;

    /// <summary>
    /// Changes to who sees or changes the passport. "—": no rule to test (the young person already
    /// has control). yp-before is a 16+ young person who has not taken control.
    /// </summary>
    private const string AccessWrites = """
        | change                | carer-edit | carer-view | yp-before | yp-after  | carer-not-kept | health    | social-care | education | leisure   | break-glass | auditor   | la-admin  | unrelated |
        | setSharing            | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | FORBIDDEN | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | createShareCode       | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | FORBIDDEN | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | removeCareTeamMember  | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | FORBIDDEN | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | addCareTeamColleague  | FORBIDDEN  | FORBIDDEN  | FORBIDDEN | FORBIDDEN | FORBIDDEN      | ok        | ok          | ok        | ok        | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | setItemWithheld       | FORBIDDEN  | FORBIDDEN  | FORBIDDEN | ok        | FORBIDDEN      | ok        | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | verifyItem            | FORBIDDEN  | FORBIDDEN  | FORBIDDEN | FORBIDDEN | FORBIDDEN      | ok        | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | inviteCarer           | ok         | FORBIDDEN  | FORBIDDEN | ok        | FORBIDDEN      | FORBIDDEN | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | setFamilyAccessFrozen | FORBIDDEN  | FORBIDDEN  | FORBIDDEN | FORBIDDEN | FORBIDDEN      | FORBIDDEN | ok          | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | takeControl           | FORBIDDEN  | FORBIDDEN  | ok        | —         | FORBIDDEN      | FORBIDDEN | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | removeCarer           | ok         | FORBIDDEN  | FORBIDDEN | ok        | FORBIDDEN      | FORBIDDEN | ok          | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | issueEmergencyCard    | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | FORBIDDEN | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        | revokeEmergencyCard   | ok         | FORBIDDEN  | ok        | ok        | FORBIDDEN      | FORBIDDEN | FORBIDDEN   | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        """;

    private static readonly ExpectedTable Groups = ExpectedTable.Parse(GroupWrites);
    private static readonly ExpectedTable Access = ExpectedTable.Parse(AccessWrites);

    public static TheoryData<string, string> GroupCells() => Groups.Cells();

    public static TheoryData<string, string> AccessCells() => Access.Cells();

    [Fact]
    public void The_tables_name_every_group_every_change_and_every_writer_kind()
    {
        Groups.Columns.ShouldBe(WriterKinds.All, ignoreOrder: false);
        Access.Columns.ShouldBe(WriterKinds.All, ignoreOrder: false);
        Groups.Rows.ShouldBe(GroupWrite.Core.Select(w => w.Group), ignoreOrder: false);
        Access.Rows.ShouldBe(AccessChanges.Keys, ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(GroupCells))]
    public async Task Writing_a_group_is_allowed_or_refused_as_the_table_says(string group, string writer)
    {
        var world = await writers.GetAsync(fixture);
        await WriteAndCheckAsync(world, GroupWrite.Core.Single(w => w.Group == group), writer, Groups[group, writer], GroupWrite.FamilyReadBack);
    }

    [Theory]
    [MemberData(nameof(GroupCells))]
    public async Task Marking_a_group_reviewed_is_allowed_or_refused_as_the_table_says(string group, string writer)
    {
        var world = await writers.GetAsync(fixture);
        await MarkReviewedAndCheckAsync(world, group, writer, Groups[group, writer]);
    }

    [Theory]
    [MemberData(nameof(AccessCells))]
    public async Task Changing_who_sees_the_passport_is_allowed_or_refused_as_the_table_says(string change, string writer)
    {
        // A fresh passport for every cell: an allowed change (a freeze, take-control, a removal)
        // would otherwise change the next cell's starting point.
        var host = new HostClient(fixture, fixture.Http);
        var what = AccessChanges[change];
        var scene = new Scene(host, Persona.Carer());
        scene.Id = await host.CreatePassportAsync(scene.Creator, HostClient.Today.AddYears(-17).AddMonths(-1));
        await what.Arrange(scene);
        scene.Writer = await host.WriterAsync(writer, scene.Creator, scene.Id);
        scene.Colleague = Persona.Professional(scene.Writer.Claims.Sector ?? "health", scene.Writer.Claims.Organisation ?? "Test Organisation");

        var version = await host.VersionAsync(scene.Creator, scene.Id);
        var seenBefore = what.Observe is null ? null : await what.Observe(scene);
        var response = await what.Make(scene);
        var seenAfter = what.Observe is null ? null : await what.Observe(scene);

        var expected = Access[change, writer];
        if (expected == "ok")
        {
            response.Errors.ShouldBeEmpty($"{writer}: {change}: {response.Body}");
            if (what.Observe is null)
            {
                response.Body.ShouldContain("\"code\":\"", Case.Sensitive, response.Body);
            }
            else
            {
                seenAfter.ShouldNotBe(seenBefore, $"{writer}: {change} was allowed but changed nothing anyone sees");
            }
        }
        else
        {
            response.ErrorCodes.ShouldBe([expected], $"{writer}: {change}: {response.Body}");
            seenAfter.ShouldBe(seenBefore, $"{writer}: a refused {change} changed what the family or the care team sees");
            (await host.VersionAsync(scene.Creator, scene.Id)).ShouldBe(version, $"{writer}: a refused {change} changed the passport");
        }
    }

    /// <summary>A passport around one writer, and what a change needs (an item, a member to remove, a colleague to hand over to).</summary>
    private sealed class Scene(HostClient host, Persona creator)
    {
        public HostClient Host { get; } = host;
        public Persona Creator { get; } = creator;
        public string Id { get; set; } = "";
        public Persona Writer { get; set; } = creator;
        public Persona Colleague { get; set; } = creator;
        public string ItemId { get; set; } = "";
        public Persona? Member { get; set; }

        public Task<GraphQLResponse> AsWriter(string mutation, object variables) => Host.GraphQLAsync(Writer, mutation, variables);

        public async Task<string> CreatorReadsAsync(string selection, Func<GraphQLResponse, string> seen) =>
            seen(await Host.GraphQLAsync(Creator, $"query($id: ID!) {{ passport(id: $id) {{ {selection} }} }}", new { id = Id }));
    }

    private sealed record AccessChange(Func<Scene, Task> Arrange, Func<Scene, Task<GraphQLResponse>> Make, Func<Scene, Task<string>>? Observe);

    private static readonly Task Nothing = Task.CompletedTask;

    private static readonly Dictionary<string, AccessChange> AccessChanges = new()
    {
        ["setSharing"] = new(
            _ => Nothing,
            s => s.AsWriter("mutation($id: ID!) { setSharing(passportId: $id, sector: \"education\", group: \"health.clinical\", shared: true) { id } }", new { id = s.Id }),
            s => s.CreatorReadsAsync("sharing { sector group shared }", r => r.Ok()["passport"]!["sharing"]!.AsArray()
                .Single(c => c!["sector"]!.GetValue<string>() == "education" && c["group"]!.GetValue<string>() == "health.clinical")!["shared"]!.ToJsonString())),
        ["createShareCode"] = new(
            _ => Nothing,
            s => s.AsWriter("mutation($id: ID!) { createShareCode(passportId: $id, sector: \"education\") { code } }", new { id = s.Id }),
            null),
        ["removeCareTeamMember"] = new(
            async s =>
            {
                s.Member = Persona.Professional("health", "Treliske Children's Ward");
                await s.Host.JoinAsync(s.Creator, s.Id, s.Member);
            },
            s => s.AsWriter("mutation($id: ID!, $who: String!) { removeCareTeamMember(passportId: $id, subject: $who) { id } }", new { id = s.Id, who = s.Member!.Subject }),
            async s => "member reads: " + HostClient.Outcome(await s.Host.GraphQLAsync(s.Member!, "query($id: ID!) { passport(id: $id) { id } }", new { id = s.Id }))),
        ["addCareTeamColleague"] = new(
            _ => Nothing,
            s => s.AsWriter("mutation($id: ID!, $who: String!) { addCareTeamColleague(passportId: $id, subject: $who, displayName: \"Colleague\") { id } }", new { id = s.Id, who = s.Colleague.Subject }),
            async s => "colleague reads: " + HostClient.Outcome(await s.Host.GraphQLAsync(s.Colleague, "query($id: ID!) { passport(id: $id) { id } }", new { id = s.Id }))),
        ["setItemWithheld"] = new(
            async s => s.ItemId = await s.Host.RecordAllergyAsync(s.Creator, s.Id, "Latex"),
            s => s.AsWriter("mutation($id: ID!, $item: ID!) { setItemWithheld(passportId: $id, group: \"health.emergency\", itemId: $item, withheld: true) { id } }", new { id = s.Id, item = s.ItemId }),
            s => s.CreatorReadsAsync("health { allergies { id } }", r => r.Ok()["passport"]!["health"]!["allergies"]!.AsArray()
                .Any(a => a!["id"]!.GetValue<string>() == s.ItemId) ? "shown to carers" : "withheld from carers")),
        ["verifyItem"] = new(
            async s => s.ItemId = await s.Host.RecordAllergyAsync(s.Creator, s.Id, "Latex"),
            s => s.AsWriter("mutation($id: ID!, $item: ID!) { verifyItem(passportId: $id, itemId: $item) { id } }", new { id = s.Id, item = s.ItemId }),
            s => s.CreatorReadsAsync("health { allergies { id verified } }", r => r.Ok()["passport"]!["health"]!["allergies"]!.AsArray()
                .Single(a => a!["id"]!.GetValue<string>() == s.ItemId)!["verified"]!.ToJsonString())),
        ["inviteCarer"] = new(
            _ => Nothing,
            s => s.AsWriter("mutation($id: ID!) { inviteCarer(passportId: $id, mayEdit: false, mayManageSharing: false, mayInvite: false) { code } }", new { id = s.Id }),
            null),
        ["setFamilyAccessFrozen"] = new(
            _ => Nothing,
            s => s.AsWriter("mutation($id: ID!) { setFamilyAccessFrozen(passportId: $id, frozen: true, reason: \"Section 47 enquiry\") { id } }", new { id = s.Id }),
            s => s.CreatorReadsAsync("child { givenName }", r => "family reads: " + HostClient.Outcome(r))),
        ["takeControl"] = new(
            _ => Nothing,
            s => s.AsWriter("mutation($id: ID!) { takeControl(passportId: $id, keepCarers: []) { id } }", new { id = s.Id }),
            s => s.CreatorReadsAsync("isControlledByYoungPerson", r => r.Ok()["passport"]!["isControlledByYoungPerson"]!.ToJsonString())),
        ["removeCarer"] = new(
            // A carer the creator invited: the creator (their inviter) may remove them, social care with a reason, the young person in control.
            async s =>
            {
                s.Member = Persona.Carer();
                (await s.Host.AcceptCarerInvitationAsync(s.Member, await s.Host.InviteCarerAsync(s.Creator, s.Id, mayEdit: false, mayManageSharing: false, mayInvite: false))).Ok();
            },
            s => s.AsWriter("mutation($id: ID!, $who: String!) { removeCarer(passportId: $id, subject: $who, reason: \"No longer holds parental responsibility\") { id } }", new { id = s.Id, who = s.Member!.Subject }),
            async s => "carer reads: " + HostClient.Outcome(await s.Host.GraphQLAsync(s.Member!, "query($id: ID!) { passport(id: $id) { id } }", new { id = s.Id }))),
        ["issueEmergencyCard"] = new(
            _ => Nothing,
            s => s.AsWriter("mutation($id: ID!) { issueEmergencyCard(passportId: $id) { url } }", new { id = s.Id }),
            s => s.CreatorReadsAsync("emergencyCard { issuedAt }", r => r.Ok()["passport"]!["emergencyCard"]?.ToJsonString() ?? "no card")),
        ["revokeEmergencyCard"] = new(
            async s => (await s.Host.GraphQLAsync(s.Creator, "mutation($id: ID!) { issueEmergencyCard(passportId: $id) { url } }", new { id = s.Id })).Ok(),
            s => s.AsWriter("mutation($id: ID!) { revokeEmergencyCard(passportId: $id) { id } }", new { id = s.Id }),
            s => s.CreatorReadsAsync("emergencyCard { issuedAt }", r => r.Ok()["passport"]!["emergencyCard"]?.ToJsonString() ?? "no card")),
    };

    /// <summary>
    /// Makes one write as <paramref name="writer"/>; allowed: it answers without errors and the
    /// marker it wrote reads back; refused: it answers the expected code and the family's and
    /// social care's read-back, version included, is unchanged.
    /// </summary>
    internal static async Task WriteAndCheckAsync(GroupWriters world, GroupWrite write, string writer, string expected, string familyReadBack)
    {
        var id = world.PassportOf(writer);
        var before = await ReadBackAsync(world, id, familyReadBack);
        var marker = write.NewMarker();
        var response = await world.Host.GraphQLAsync(world.Writer(writer), write.Mutation, write.Variables(new(id, before.Version, world.DateOfBirth), marker));
        var after = await ReadBackAsync(world, id, familyReadBack);

        if (expected == "ok")
        {
            response.Errors.ShouldBeEmpty($"{writer} writing {write.Group}: {response.Body}");
            after.Version.ShouldBeGreaterThan(before.Version);
            (after.Family + after.SocialCare).ShouldContain(marker, Case.Sensitive, $"{writer}'s write to {write.Group} does not read back");
        }
        else
        {
            response.ErrorCodes.ShouldBe([expected], $"{writer} writing {write.Group}: {response.Body}");
            after.ShouldBe(before, $"{writer}'s refused write to {write.Group} changed the passport");
        }
    }

    internal static async Task MarkReviewedAndCheckAsync(GroupWriters world, string group, string writer, string expected)
    {
        var id = world.PassportOf(writer);
        var reader = world.FamilyReaderOf(id);
        var before = await world.Host.VersionAsync(reader, id);
        var response = await world.Host.GraphQLAsync(world.Writer(writer), "mutation($id: ID!, $g: String!) { markReviewed(passportId: $id, group: $g) { version } }", new { id, g = group });
        var after = await world.Host.VersionAsync(reader, id);

        if (expected == "ok")
        {
            response.Errors.ShouldBeEmpty($"{writer} marking {group} reviewed: {response.Body}");
            after.ShouldBeGreaterThan(before);
        }
        else
        {
            response.ErrorCodes.ShouldBe([expected], $"{writer} marking {group} reviewed: {response.Body}");
            after.ShouldBe(before, $"{writer}'s refused review of {group} changed the passport");
        }
    }

    private sealed record ReadBack(int Version, string Family, string SocialCare);

    private static async Task<ReadBack> ReadBackAsync(GroupWriters world, string id, string familyReadBack)
    {
        var family = (await world.Host.GraphQLAsync(world.FamilyReaderOf(id), $"query($id: ID!) {{ passport(id: $id) {{ {familyReadBack} }} }}", new { id })).Ok()["passport"]!;
        var socialCare = (await world.Host.GraphQLAsync(world.SocialCareReaderOf(id), $"query($id: ID!) {{ passport(id: $id) {{ {GroupWrite.SocialCareReadBack} }} }}", new { id })).Ok()["passport"]!;
        return new ReadBack(family["version"]!.GetValue<int>(), family.ToJsonString(), socialCare.ToJsonString());
    }

    /// <summary>The writers around the two passports, set up once for the class; each cell leaves them as it found them unless the table allows its write.</summary>
    public sealed class Writers : IAsyncLifetime
    {
        private readonly SemaphoreSlim _gate = new(1, 1);
        private GroupWriters? _world;

        public async Task<GroupWriters> GetAsync(PassportFixture fixture)
        {
            await _gate.WaitAsync();
            try
            {
                return _world ??= await GroupWriters.ArrangeAsync(new HostClient(fixture, fixture.Http));
            }
            finally
            {
                _gate.Release();
            }
        }

        public Task InitializeAsync() => Task.CompletedTask;

        public Task DisposeAsync()
        {
            _gate.Dispose();
            return Task.CompletedTask;
        }
    }
}

/// <summary>
/// The Short Breaks plugin's group written by every writer kind, and every write to it refused
/// with MODULE_NOT_ENABLED where the child's authority has the module off, on a host with the
/// plugin built on its own and dropped into its plugins folder.
/// </summary>
[Collection(PassportCollection.Name)]
public class ShortBreaksWriteMatrixTests(PassportFixture fixture, ShortBreaksWriteMatrixTests.PluginWriters plugin) : IClassFixture<ShortBreaksWriteMatrixTests.PluginWriters>
{
    private const string Torbay = "E06000027";

    private const string PlanWrites = """
        | group            | carer-edit | carer-view | yp-before | yp-after | carer-not-kept | health    | social-care | education | leisure   | break-glass | auditor   | la-admin  | unrelated |
        | shortBreaks.plan | ok         | FORBIDDEN  | ok        | ok       | FORBIDDEN      | FORBIDDEN | ok          | FORBIDDEN | FORBIDDEN | FORBIDDEN   | NOT_FOUND | NOT_FOUND | NOT_FOUND |
        """;

    private static readonly ExpectedTable Plan = ExpectedTable.Parse(PlanWrites);

    private static readonly GroupWrite RecordPlan = new(
        "shortBreaks.plan",
        "mutation($id: ID!, $m: String!) { recordShortBreaksPlan(passportId: $id, input: { eligibilityAssessed: true, provider: $m }) { version } }",
        GroupWrite.TextMarker,
        (t, m) => new { id = t.PassportId, m });

    public static TheoryData<string, string> PlanCells() => Plan.Cells();

    [Theory]
    [MemberData(nameof(PlanCells))]
    public async Task Writing_the_short_breaks_plan_is_allowed_or_refused_as_the_table_says(string group, string writer)
    {
        var world = await plugin.WritersAsync(fixture);
        await WriteMatrixTests.WriteAndCheckAsync(world, RecordPlan, writer, Plan[group, writer], GroupWrite.FamilyReadBack + " shortBreaks { plan { provider } }");
    }

    [Theory]
    [MemberData(nameof(PlanCells))]
    public async Task Marking_the_short_breaks_plan_reviewed_is_allowed_or_refused_as_the_table_says(string group, string writer)
    {
        var world = await plugin.WritersAsync(fixture);
        await WriteMatrixTests.MarkReviewedAndCheckAsync(world, group, writer, Plan[group, writer]);
    }

    [Theory]
    [InlineData("verifyItem")]
    [InlineData("setItemWithheld")]
    [InlineData("markReviewed")]
    [InlineData("recordShortBreaksPlan")]
    public async Task Where_the_authority_has_short_breaks_off_every_write_to_the_plan_is_MODULE_NOT_ENABLED(string mutation)
    {
        var host = await plugin.HostAsync(fixture);
        var admin = Persona.LocalAuthorityAdmin(Torbay);
        const string setEnabled = "mutation($on: Boolean!) { setModuleEnabled(localAuthority: \"E06000027\", module: \"short-breaks\", enabled: $on) { enabled } }";
        (await host.GraphQLAsync(admin, setEnabled, new { on = true })).Ok();

        var carer = Persona.Carer();
        var id = await host.CreatePassportAsync(carer, HostClient.Today.AddYears(-9), Torbay);
        var planId = (await host.GraphQLAsync(carer, "mutation($id: ID!) { recordShortBreaksPlan(passportId: $id, input: { eligibilityAssessed: true, provider: \"Sunflower House\" }) { shortBreaks { plan { id } } } }", new { id }))
            .Ok()["recordShortBreaksPlan"]!["shortBreaks"]!["plan"]!["id"]!.GetValue<string>();
        var socialWorker = Persona.Professional("social-care");
        await host.JoinAsync(carer, id, socialWorker);
        (await host.GraphQLAsync(admin, setEnabled, new { on = false })).Ok();
        var version = await host.VersionAsync(carer, id);

        var response = mutation switch
        {
            "verifyItem" => await host.GraphQLAsync(socialWorker, "mutation($id: ID!, $item: ID!) { verifyItem(passportId: $id, itemId: $item) { id } }", new { id, item = planId }),
            "setItemWithheld" => await host.GraphQLAsync(socialWorker, "mutation($id: ID!, $item: ID!) { setItemWithheld(passportId: $id, group: \"shortBreaks.plan\", itemId: $item, withheld: true) { id } }", new { id, item = planId }),
            "markReviewed" => await host.GraphQLAsync(socialWorker, "mutation($id: ID!) { markReviewed(passportId: $id, group: \"shortBreaks.plan\") { id } }", new { id }),
            _ => await host.GraphQLAsync(socialWorker, "mutation($id: ID!) { recordShortBreaksPlan(passportId: $id, input: { eligibilityAssessed: false }) { id } }", new { id }),
        };

        response.ErrorCodes.ShouldBe(["MODULE_NOT_ENABLED"], response.Body);
        (await host.VersionAsync(carer, id)).ShouldBe(version, "a write refused as MODULE_NOT_ENABLED changed the passport");
    }

    /// <summary>The plugin host (built once for the class) and, on it, the writers around two Cornwall passports with Short Breaks on.</summary>
    public sealed class PluginWriters : IAsyncLifetime
    {
        private readonly ShortBreaksPluginTests.PluginHost _plugin = new();
        private readonly SemaphoreSlim _gate = new(1, 1);
        private GroupWriters? _world;

        public async Task<HostClient> HostAsync(PassportFixture fixture) => new(fixture, (await _plugin.StartAsync(fixture)).Http);

        public async Task<GroupWriters> WritersAsync(PassportFixture fixture)
        {
            await _gate.WaitAsync();
            try
            {
                if (_world is null)
                {
                    var host = await HostAsync(fixture);
                    (await host.GraphQLAsync(Persona.LocalAuthorityAdmin(HostClient.Cornwall), "mutation { setModuleEnabled(localAuthority: \"E06000052\", module: \"short-breaks\", enabled: true) { enabled } }")).Ok();
                    _world = await GroupWriters.ArrangeAsync(host);
                }

                return _world;
            }
            finally
            {
                _gate.Release();
            }
        }

        public Task InitializeAsync() => _plugin.InitializeAsync();

        public async Task DisposeAsync()
        {
            await _plugin.DisposeAsync();
            _gate.Dispose();
        }
    }
}
