using Npgsql;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

/// <summary>
/// Removing a linked carer (removeCarer): a carer leaves or removes a carer they invited; the young
/// person in control removes any carer; children's social care removes one with a reason, kept in
/// the history. The removed carer's access ends at once; a refusal changes nothing.
/// </summary>
[Collection(PassportCollection.Name)]
public class CarerRemovalTests(PassportFixture fixture)
{
    private const string Remove = "mutation($id: ID!, $who: String!, $why: String) { removeCarer(passportId: $id, subject: $who, reason: $why) { id carers { subject } } }";
    private const string History = "query($id: ID!) { history(passportId: $id) { change group recordedBy { displayName sector } } }";
    private const string SocialCareReason = "Court order: no longer holds parental responsibility";

    private HostClient Host => new(fixture, fixture.Http);

    [Fact]
    public async Task A_carer_removes_a_carer_they_invited_who_loses_access_at_once()
    {
        var (mum, id, dad) = await FamilyAsync();
        (await MyPassportsAsync(dad)).ShouldContain(id);

        var carers = (await fixture.GraphQLAsync(mum, Remove, new { id, who = dad.Subject, why = (string?)null })).Ok()["removeCarer"]!["carers"]!.AsArray();
        carers.Select(c => c!["subject"]!.GetValue<string>()).ShouldBe([mum.Subject]);

        var read = await fixture.GraphQLAsync(dad, "query($id: ID!) { passport(id: $id) { child { givenName } } }", new { id });
        read.Data!["passport"].ShouldBeNull();
        read.ErrorCodes.ShouldBe(["NOT_FOUND"]);
        read.Body.ShouldNotContain("Riley");
        (await MyPassportsAsync(dad)).ShouldNotContain(id);

        var removal = (await fixture.GraphQLAsync(mum, History, new { id })).Ok()["history"]!.AsArray().First()!;
        removal["change"]!.GetValue<string>().ShouldBe("Carer removed");
        removal["recordedBy"]!["displayName"]!.GetValue<string>().ShouldBe(mum.Claims.Name);
    }

    [Fact]
    public async Task A_carer_leaves_a_passport_and_the_answer_is_null_since_they_no_longer_see_it()
    {
        var (mum, id, dad) = await FamilyAsync();

        var left = await fixture.GraphQLAsync(dad, Remove, new { id, who = dad.Subject, why = (string?)null });
        left.Errors.ShouldBeEmpty(left.Body);
        left.Data!["removeCarer"].ShouldBeNull();

        (await fixture.GraphQLAsync(dad, "query($id: ID!) { passport(id: $id) { id } }", new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await MyPassportsAsync(dad)).ShouldNotContain(id);
        (await CarerSubjectsAsync(mum, id)).ShouldBe([mum.Subject]);
    }

    [Fact]
    public async Task Social_care_removes_a_carer_with_a_reason_that_the_history_keeps()
    {
        var (mum, id, dad) = await FamilyAsync();
        var socialWorker = Persona.Professional("social-care", "Cornwall Council Children's Services");
        await Host.JoinAsync(mum, id, socialWorker);

        var removed = (await fixture.GraphQLAsync(socialWorker, Remove, new { id, who = mum.Subject, why = SocialCareReason })).Ok()["removeCarer"]!;
        removed["carers"]!.AsArray().Select(c => c!["subject"]!.GetValue<string>()).ShouldBe([dad.Subject]);
        (await fixture.GraphQLAsync(mum, "query($id: ID!) { passport(id: $id) { id } }", new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await MyPassportsAsync(mum)).ShouldNotContain(id);

        // The family's history says who removed the carer and when; the stored event keeps why.
        var removal = (await fixture.GraphQLAsync(dad, History, new { id })).Ok()["history"]!.AsArray().First()!;
        removal["change"]!.GetValue<string>().ShouldBe("Carer removed");
        removal["recordedBy"]!["displayName"]!.GetValue<string>().ShouldBe(socialWorker.Claims.Name);
        removal["recordedBy"]!["sector"]!.GetValue<string>().ShouldBe("social-care");
        var stored = await StoredRemovalAsync(id);
        stored.ShouldContain(SocialCareReason);
        stored.ShouldContain(socialWorker.Subject);
        stored.ShouldContain(mum.Subject);
    }

    [Fact]
    public async Task The_young_person_removes_carers_only_once_in_control_and_then_only_they_remove_others()
    {
        var (mum, id, dad) = await FamilyAsync(yearsOld: 16);
        var youngPerson = Persona.YoungPerson();
        await Host.LinkYoungPersonAsync(mum, id, youngPerson);

        await RefusedAsync(youngPerson, id, dad, null, "FORBIDDEN", mum);

        await Host.TakeControlAsync(youngPerson, id, mum.Subject);
        // Mum invited dad, but after take-control only the young person removes other carers.
        await RefusedAsync(mum, id, dad, null, "FORBIDDEN", mum);
        (await fixture.GraphQLAsync(youngPerson, Remove, new { id, who = dad.Subject, why = (string?)null })).Ok();
        (await fixture.GraphQLAsync(dad, "query($id: ID!) { passport(id: $id) { id } }", new { id })).ErrorCodes.ShouldBe(["NOT_FOUND"]);

        // In control, the young person may be left with no carer at all; a carer may still leave.
        (await fixture.GraphQLAsync(mum, Remove, new { id, who = mum.Subject, why = (string?)null })).Errors.ShouldBeEmpty();
        (await fixture.GraphQLAsync(youngPerson, "query($id: ID!) { passport(id: $id) { carers { subject } } }", new { id })).Ok()["passport"]!["carers"]!.AsArray().ShouldBeEmpty();
    }

    public static TheoryData<string> Refusals() =>
    [
        "another carer who did not invite them", "health professional", "education professional", "leisure professional",
        "social care without a reason", "social care with too short a reason", "break-glass", "a removed carer", "frozen family", "unrelated",
    ];

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Anyone_else_is_refused_and_nothing_changes(string who)
    {
        var (mum, id, dad) = await FamilyAsync();
        var (remover, reason, code) = who switch
        {
            "another carer who did not invite them" => (await InvitedAsync(mum, id), null, "FORBIDDEN"),
            "health professional" or "education professional" or "leisure professional" => (await JoinedAsync(mum, id, who.Split(' ')[0]), SocialCareReason, "FORBIDDEN"),
            "social care without a reason" => (await JoinedAsync(mum, id, "social-care"), null, "VALIDATION_FAILED"),
            "social care with too short a reason" => (await JoinedAsync(mum, id, "social-care"), "Court", "VALIDATION_FAILED"),
            "break-glass" => (await BrokeGlassAsync(id), SocialCareReason, "FORBIDDEN"),
            "a removed carer" => (await RemovedAsync(mum, id), null, "NOT_FOUND"),
            "frozen family" => (await FrozenAsync(mum, id), null, "FORBIDDEN"),
            "unrelated" => (Persona.Carer(), null, "NOT_FOUND"),
            _ => throw new ArgumentOutOfRangeException(nameof(who), who, null),
        };

        await RefusedAsync(remover, id, dad, reason, code, mum);
    }

    [Fact]
    public async Task Validation_errors_name_the_field()
    {
        var (mum, id, dad) = await FamilyAsync();
        var socialWorker = await JoinedAsync(mum, id, "social-care");

        var missing = await fixture.GraphQLAsync(socialWorker, Remove, new { id, who = dad.Subject, why = (string?)null });
        missing.Errors.Single()!["extensions"]!["field"]!.GetValue<string>().ShouldBe("reason");
        var nobody = await fixture.GraphQLAsync(mum, Remove, new { id, who = "not-a-carer", why = (string?)null });
        nobody.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        nobody.Errors.Single()!["extensions"]!["field"]!.GetValue<string>().ShouldBe("subject");
    }

    [Fact]
    public async Task Nobody_without_a_relationship_learns_whether_the_passport_exists()
    {
        var (_, id, dad) = await FamilyAsync();
        var stranger = Persona.Carer();
        var socialWorker = Persona.Professional("social-care");
        var answers = new List<string>();
        foreach (var persona in new[] { stranger, socialWorker })
        {
            foreach (var (probe, who) in new[] { (id, dad.Subject), (id, "not-a-carer"), (Guid.NewGuid().ToString(), dad.Subject) })
            {
                var response = await fixture.GraphQLAsync(persona, Remove, new { id = probe, who, why = SocialCareReason });
                response.ErrorCodes.ShouldBe(["NOT_FOUND"], response.Body);
                answers.Add(response.Errors.Single()!["message"]!.GetValue<string>());
            }
        }

        answers.Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public async Task The_last_carer_cannot_be_removed_before_the_young_person_takes_control()
    {
        var mum = Persona.Carer();
        var id = await Host.CreatePassportAsync(mum, HostClient.Today.AddYears(-8));
        var socialWorker = await JoinedAsync(mum, id, "social-care");

        (await fixture.GraphQLAsync(mum, Remove, new { id, who = mum.Subject, why = (string?)null })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(socialWorker, Remove, new { id, who = mum.Subject, why = SocialCareReason })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await CarerSubjectsAsync(mum, id)).ShouldBe([mum.Subject]);
    }

    [Fact]
    public async Task An_invitation_issued_by_a_removed_carer_no_longer_works()
    {
        var mum = Persona.Carer();
        var id = await Host.CreatePassportAsync(mum, HostClient.Today.AddYears(-8));
        var dad = Persona.Carer();
        (await Host.AcceptCarerInvitationAsync(dad, await Host.InviteCarerAsync(mum, id, mayEdit: true, mayManageSharing: false, mayInvite: true))).Ok();
        var dadsInvitation = await Host.InviteCarerAsync(dad, id, mayEdit: false, mayManageSharing: false, mayInvite: false);

        (await fixture.GraphQLAsync(mum, Remove, new { id, who = dad.Subject, why = (string?)null })).Ok();

        var friend = Persona.Carer();
        (await Host.AcceptCarerInvitationAsync(friend, dadsInvitation)).ErrorCodes.ShouldBe(["NOT_FOUND"]);
        (await CarerSubjectsAsync(mum, id)).ShouldBe([mum.Subject]);
    }

    [Fact]
    public async Task Each_viewer_is_told_which_carers_they_may_remove()
    {
        var (mum, id, dad) = await FamilyAsync();
        var aunt = await InvitedAsync(mum, id);
        var socialWorker = await JoinedAsync(mum, id, "social-care");
        var doctor = await JoinedAsync(mum, id, "health");

        (await RemovableAsync(mum, id)).ShouldBe([dad.Subject, aunt.Subject, mum.Subject], ignoreOrder: true);
        (await RemovableAsync(dad, id)).ShouldBe([dad.Subject]);
        (await RemovableAsync(socialWorker, id)).ShouldBe([mum.Subject, dad.Subject, aunt.Subject], ignoreOrder: true);
        (await RemovableAsync(doctor, id)).ShouldBeEmpty();
    }

    /// <summary>A removal refused with <paramref name="code"/>: the passport's version and the carer's access are as before.</summary>
    private async Task RefusedAsync(Persona remover, string id, Persona carer, string? reason, string code, Persona familyReader)
    {
        var before = await Host.VersionAsync(familyReader, id);

        var response = await fixture.GraphQLAsync(remover, Remove, new { id, who = carer.Subject, why = reason });
        response.ErrorCodes.ShouldBe([code], response.Body);
        response.Data?["removeCarer"].ShouldBeNull();

        (await Host.VersionAsync(familyReader, id)).ShouldBe(before, "a refused removal changed the passport");
        (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { id } }", new { id })).Ok();
        (await MyPassportsAsync(carer)).ShouldContain(id);
    }

    /// <summary>Mum created the passport and invited dad (view only).</summary>
    private async Task<(Persona Mum, string Id, Persona Dad)> FamilyAsync(int yearsOld = 8)
    {
        var mum = Persona.Carer("Mum");
        var id = await Host.CreatePassportAsync(mum, HostClient.Today.AddYears(-yearsOld).AddDays(-1));
        var dad = await InvitedAsync(mum, id);
        return (mum, id, dad);
    }

    private async Task<Persona> InvitedAsync(Persona inviter, string id)
    {
        var carer = Persona.Carer("Invited carer");
        (await Host.AcceptCarerInvitationAsync(carer, await Host.InviteCarerAsync(inviter, id, mayEdit: false, mayManageSharing: false, mayInvite: false))).Ok();
        return carer;
    }

    private async Task<Persona> JoinedAsync(Persona family, string id, string sector)
    {
        var professional = Persona.Professional(sector);
        await Host.JoinAsync(family, id, professional);
        return professional;
    }

    private async Task<Persona> BrokeGlassAsync(string id)
    {
        var paramedic = Persona.Professional("health", "South Western Ambulance Service");
        await Host.BreakGlassAsync(paramedic, id);
        return paramedic;
    }

    /// <summary>A carer mum invited and then removed.</summary>
    private async Task<Persona> RemovedAsync(Persona mum, string id)
    {
        var removed = await InvitedAsync(mum, id);
        (await fixture.GraphQLAsync(mum, Remove, new { id, who = removed.Subject, why = (string?)null })).Ok();
        return removed;
    }

    /// <summary>Social care freezes family access: mum, who invited dad, cannot act (the frozen family still sees the passport's id and version).</summary>
    private async Task<Persona> FrozenAsync(Persona mum, string id)
    {
        var socialWorker = await JoinedAsync(mum, id, "social-care");
        (await fixture.GraphQLAsync(socialWorker, "mutation($id: ID!) { setFamilyAccessFrozen(passportId: $id, frozen: true, reason: \"Section 47 enquiry\") { id } }", new { id })).Ok();
        return mum;
    }

    private async Task<List<string>> MyPassportsAsync(Persona persona) =>
        (await fixture.GraphQLAsync(persona, "{ myPassports { id } }")).Ok()["myPassports"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ToList();

    private async Task<List<string>> CarerSubjectsAsync(Persona reader, string id) =>
        (await fixture.GraphQLAsync(reader, "query($id: ID!) { passport(id: $id) { carers { subject } } }", new { id })).Ok()["passport"]!["carers"]!.AsArray()
            .Select(c => c!["subject"]!.GetValue<string>()).ToList();

    private async Task<List<string>> RemovableAsync(Persona reader, string id) =>
        (await fixture.GraphQLAsync(reader, "query($id: ID!) { passport(id: $id) { carers { subject removableByYou } } }", new { id })).Ok()["passport"]!["carers"]!.AsArray()
            .Where(c => c!["removableByYou"]!.GetValue<bool>()).Select(c => c!["subject"]!.GetValue<string>()).ToList();

    private async Task<string> StoredRemovalAsync(string id)
    {
        await using var connection = new NpgsqlConnection(fixture.Postgres.ConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("select data::text from passport.mt_events where stream_id = @id and type = 'carer_removed'", connection);
        read.Parameters.AddWithValue("id", Guid.Parse(id));
        return (string)(await read.ExecuteScalarAsync())!;
    }
}
