using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration;

[Collection(PassportCollection.Name)]
public class SocialCareTests(PassportFixture fixture)
{
    private const string SetLegalStatus = """
        mutation($id: ID!, $input: LegalStatusInput!) {
          setLegalStatus(passportId: $id, input: $input) {
            version
            socialCare { legalStatus { status since responsibleAuthority verified recordedBy { displayName role sector organisation } } }
          }
        }
        """;

    private const string AddNote = """
        mutation($id: ID!, $note: String!) {
          addSafeguardingNote(passportId: $id, note: $note) { socialCare { safeguarding { id note recordedBy { sector } } } }
        }
        """;

    private const string RecordInvolvement = """
        mutation($id: ID!, $input: InvolvementInput!) {
          recordInvolvement(passportId: $id, input: $input) {
            socialCare { involvement { allocatedWorker workerContact services verified recordedBy { displayName sector } } }
          }
        }
        """;

    private const string AmendNote = """
        mutation($id: ID!, $noteId: ID!, $note: String!) {
          amendSafeguardingNote(passportId: $id, noteId: $noteId, note: $note) { version socialCare { safeguarding { id note verified verifiedBy { displayName } recordedBy { displayName sector } } } }
        }
        """;

    private const string EndNote = """
        mutation($id: ID!, $noteId: ID!) {
          endSafeguardingNote(passportId: $id, noteId: $noteId) { version socialCare { safeguarding { id note } } }
        }
        """;

    private const string EndInvolvement = """
        mutation($id: ID!) { endInvolvement(passportId: $id) { version socialCare { involvement { id allocatedWorker } } } }
        """;

    private const string ReadItems = """
        query($id: ID!) { passport(id: $id) { socialCare {
          legalStatus { id status verified verifiedBy { displayName } }
          involvement { id allocatedWorker workerContact services verified verifiedBy { displayName } }
          safeguarding { id note verified verifiedBy { displayName } } } } }
        """;

    private const string ReadInvolvement = """
        query($id: ID!) { passport(id: $id) { socialCare { involvement { id allocatedWorker workerContact services verified verifiedBy { displayName } } } } }
        """;

    private const string ReadSocialCare = """
        query($id: ID!) { passport(id: $id) { socialCare {
          legalStatus { status since } involvement { allocatedWorker services } safeguarding { id note } } } }
        """;

    [Fact]
    public async Task A_social_worker_sets_legal_status_and_reads_it_back_verified()
    {
        var socialWorker = Persona.Professional("social-care", "Cornwall Council Children's Services");
        var id = await new PassportTests(fixture).CreateAsync(socialWorker);

        var passport = (await fixture.GraphQLAsync(socialWorker, SetLegalStatus, new
        {
            id,
            input = new { status = "CHILD_PROTECTION_PLAN", since = "2024-03-04", responsibleAuthority = " Cornwall Council " },
        })).Ok()["setLegalStatus"]!;
        passport["version"]!.GetValue<int>().ShouldBe(2);
        var status = passport["socialCare"]!["legalStatus"]!;
        status["status"]!.GetValue<string>().ShouldBe("CHILD_PROTECTION_PLAN");
        status["since"]!.GetValue<string>().ShouldBe("2024-03-04");
        status["responsibleAuthority"]!.GetValue<string>().ShouldBe("Cornwall Council");
        status["verified"]!.GetValue<bool>().ShouldBeTrue();
        status["recordedBy"]!["displayName"]!.GetValue<string>().ShouldBe("Test social-care professional");
        status["recordedBy"]!["role"]!.GetValue<string>().ShouldBe("professional");
        status["recordedBy"]!["sector"]!.GetValue<string>().ShouldBe("social-care");
        status["recordedBy"]!["organisation"]!.GetValue<string>().ShouldBe("Cornwall Council Children's Services");

        var read = (await fixture.GraphQLAsync(socialWorker, ReadSocialCare, new { id })).Ok()["passport"]!["socialCare"]!;
        read["legalStatus"]!["status"]!.GetValue<string>().ShouldBe("CHILD_PROTECTION_PLAN");
        read["legalStatus"]!["since"]!.GetValue<string>().ShouldBe("2024-03-04");
        read["involvement"].ShouldBeNull();
        read["safeguarding"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public async Task A_later_legal_status_replaces_the_earlier_one()
    {
        var socialWorker = Persona.Professional("social-care");
        var id = await new PassportTests(fixture).CreateAsync(socialWorker);
        (await fixture.GraphQLAsync(socialWorker, SetLegalStatus, new { id, input = new { status = "CHILD_IN_NEED", since = "2023-01-10" } })).Ok();
        var status = (await fixture.GraphQLAsync(socialWorker, SetLegalStatus, new { id, input = new { status = "LOOKED_AFTER" } }))
            .Ok()["setLegalStatus"]!["socialCare"]!["legalStatus"]!;
        status["status"]!.GetValue<string>().ShouldBe("LOOKED_AFTER");
        status["since"].ShouldBeNull();
    }

    [Fact]
    public async Task The_family_cannot_set_legal_status()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var response = await fixture.GraphQLAsync(carer, SetLegalStatus, new { id, input = new { status = "NONE" } });
        response.ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task A_professional_of_another_sector_cannot_set_legal_status()
    {
        var doctor = Persona.Professional("health");
        var id = await new PassportTests(fixture).CreateAsync(doctor);
        var response = await fixture.GraphQLAsync(doctor, SetLegalStatus, new { id, input = new { status = "CHILD_IN_NEED" } });
        response.ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task A_social_worker_without_a_relationship_gets_NOT_FOUND()
    {
        var id = await new PassportTests(fixture).CreateAsync(Persona.Carer());
        var response = await fixture.GraphQLAsync(Persona.Professional("social-care"), SetLegalStatus, new { id, input = new { status = "CHILD_IN_NEED" } });
        response.ErrorCodes.ShouldBe(["NOT_FOUND"]);
    }

    [Fact]
    public async Task A_legal_status_since_a_future_date_is_refused_naming_the_field()
    {
        var socialWorker = Persona.Professional("social-care");
        var id = await new PassportTests(fixture).CreateAsync(socialWorker);
        var future = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var response = await fixture.GraphQLAsync(socialWorker, SetLegalStatus, new { id, input = new { status = "LOOKED_AFTER", since = future } });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("input.since");
    }

    [Fact]
    public async Task Safeguarding_notes_are_seen_by_social_care_and_never_by_the_family()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var socialWorker = Persona.Professional("social-care", "Cornwall Council Children's Services");
        (await RedeemAsync(socialWorker, await ShareCodeAsync(carer, id, "social-care"))).Ok();

        const string text = "Strategy discussion held; Section 47 enquiry open.";
        var added = (await fixture.GraphQLAsync(socialWorker, AddNote, new { id, note = text })).Ok()["addSafeguardingNote"]!["socialCare"]!["safeguarding"]!.AsArray();
        added.Single()!["note"]!.GetValue<string>().ShouldBe(text);
        added.Single()!["recordedBy"]!["sector"]!.GetValue<string>().ShouldBe("social-care");

        var seenBySocialCare = (await fixture.GraphQLAsync(socialWorker, ReadSocialCare, new { id })).Ok()["passport"]!["socialCare"]!["safeguarding"]!.AsArray();
        seenBySocialCare.Single()!["note"]!.GetValue<string>().ShouldBe(text);

        var seenByCarer = await fixture.GraphQLAsync(carer, ReadSocialCare, new { id });
        seenByCarer.Data!["passport"]!["socialCare"]!["safeguarding"].ShouldBeNull();
        seenByCarer.ErrorCodes.ShouldBe(["FIELD_NOT_PERMITTED"]);
        seenByCarer.ErrorAt("passport", "socialCare", "safeguarding").ShouldNotBeNull(seenByCarer.Body);
        seenByCarer.Body.ShouldNotContain("Section 47");
    }

    [Fact]
    public async Task The_family_cannot_add_safeguarding_notes()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var response = await fixture.GraphQLAsync(carer, AddNote, new { id, note = "Anything" });
        response.ErrorCodes.ShouldBe(["FORBIDDEN"]);
    }

    [Fact]
    public async Task Involvement_round_trips_and_the_family_sees_it()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var socialWorker = Persona.Professional("social-care");
        (await RedeemAsync(socialWorker, await ShareCodeAsync(carer, id, "social-care"))).Ok();

        var involvement = (await fixture.GraphQLAsync(socialWorker, RecordInvolvement, new
        {
            id,
            input = new { allocatedWorker = "Sam Taylor", workerContact = "01872 000000", services = new[] { "Short breaks", " Family support " } },
        })).Ok()["recordInvolvement"]!["socialCare"]!["involvement"]!;
        involvement["allocatedWorker"]!.GetValue<string>().ShouldBe("Sam Taylor");
        involvement["workerContact"]!.GetValue<string>().ShouldBe("01872 000000");
        involvement["services"]!.AsArray().Select(s => s!.GetValue<string>()).ShouldBe(["Short breaks", "Family support"]);
        involvement["verified"]!.GetValue<bool>().ShouldBeTrue();
        involvement["recordedBy"]!["sector"]!.GetValue<string>().ShouldBe("social-care");

        var seenByCarer = (await fixture.GraphQLAsync(carer, "query($id: ID!) { passport(id: $id) { socialCare { involvement { allocatedWorker services } } } }", new { id }))
            .Ok()["passport"]!["socialCare"]!["involvement"]!;
        seenByCarer["allocatedWorker"]!.GetValue<string>().ShouldBe("Sam Taylor");
        seenByCarer["services"]!.AsArray().Count.ShouldBe(2);
    }

    [Fact]
    public async Task An_empty_service_name_is_refused_naming_it()
    {
        var socialWorker = Persona.Professional("social-care");
        var id = await new PassportTests(fixture).CreateAsync(socialWorker);
        var response = await fixture.GraphQLAsync(socialWorker, RecordInvolvement, new { id, input = new { services = new[] { "Short breaks", "  " } } });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("input.services[1]");
    }

    [Fact]
    public async Task A_new_legal_status_keeps_the_record_id()
    {
        var socialWorker = Persona.Professional("social-care");
        var id = await new PassportTests(fixture).CreateAsync(socialWorker);
        (await fixture.GraphQLAsync(socialWorker, SetLegalStatus, new { id, input = new { status = "CHILD_IN_NEED", since = "2023-01-10" } })).Ok();
        var first = (await fixture.GraphQLAsync(socialWorker, ReadItems, new { id })).Ok()["passport"]!["socialCare"]!["legalStatus"]!;
        first["verified"]!.GetValue<bool>().ShouldBeTrue();
        first["verifiedBy"].ShouldBeNull();
        var statusId = first["id"]!.GetValue<string>();

        (await fixture.GraphQLAsync(socialWorker, SetLegalStatus, new { id, input = new { status = "NONE" } })).Ok();
        var status = (await fixture.GraphQLAsync(socialWorker, ReadItems, new { id })).Ok()["passport"]!["socialCare"]!["legalStatus"]!;
        status["id"]!.GetValue<string>().ShouldBe(statusId);
        status["status"]!.GetValue<string>().ShouldBe("NONE");
    }

    [Fact]
    public async Task A_legal_status_since_an_impossibly_old_date_is_refused_naming_the_field()
    {
        var socialWorker = Persona.Professional("social-care");
        var id = await new PassportTests(fixture).CreateAsync(socialWorker);
        var response = await fixture.GraphQLAsync(socialWorker, SetLegalStatus, new { id, input = new { status = "LOOKED_AFTER", since = "1970-01-01" } });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("input.since");
    }

    [Fact]
    public async Task Recording_involvement_again_amends_it_keeping_its_id_and_ending_it_removes_it()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var socialWorker = Persona.Professional("social-care");
        (await RedeemAsync(socialWorker, await ShareCodeAsync(carer, id, "social-care"))).Ok();
        (await fixture.GraphQLAsync(socialWorker, RecordInvolvement, new { id, input = new { allocatedWorker = "Sam Taylor", services = new[] { "Short breaks" } } })).Ok();
        var involvementId = (await fixture.GraphQLAsync(socialWorker, ReadItems, new { id })).Ok()["passport"]!["socialCare"]!["involvement"]!["id"]!.GetValue<string>();

        (await fixture.GraphQLAsync(socialWorker, RecordInvolvement, new { id, input = new { allocatedWorker = "Jo Pascoe", workerContact = "01872 111111", services = new[] { "Short breaks", "Family support" } } })).Ok();
        var amended = (await fixture.GraphQLAsync(carer, ReadInvolvement, new { id })).Ok()["passport"]!["socialCare"]!["involvement"]!;
        amended["id"]!.GetValue<string>().ShouldBe(involvementId);
        amended["allocatedWorker"]!.GetValue<string>().ShouldBe("Jo Pascoe");
        amended["services"]!.AsArray().Count.ShouldBe(2);
        amended["verified"]!.GetValue<bool>().ShouldBeTrue();

        var ended = (await fixture.GraphQLAsync(socialWorker, EndInvolvement, new { id })).Ok()["endInvolvement"]!;
        ended["socialCare"]!["involvement"].ShouldBeNull();
        (await fixture.GraphQLAsync(carer, ReadInvolvement, new { id })).Ok()["passport"]!["socialCare"]!["involvement"].ShouldBeNull();

        (await fixture.GraphQLAsync(socialWorker, RecordInvolvement, new { id, input = new { allocatedWorker = "Sam Taylor" } })).Ok();
        (await fixture.GraphQLAsync(socialWorker, ReadItems, new { id })).Ok()["passport"]!["socialCare"]!["involvement"]!["id"]!.GetValue<string>().ShouldNotBe(involvementId);
    }

    [Fact]
    public async Task Ending_involvement_when_none_is_current_is_refused_naming_the_passport()
    {
        var socialWorker = Persona.Professional("social-care");
        var id = await new PassportTests(fixture).CreateAsync(socialWorker);
        var response = await fixture.GraphQLAsync(socialWorker, EndInvolvement, new { id });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("passportId");
    }

    [Fact]
    public async Task The_family_cannot_end_involvement()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var socialWorker = Persona.Professional("social-care");
        (await RedeemAsync(socialWorker, await ShareCodeAsync(carer, id, "social-care"))).Ok();
        (await fixture.GraphQLAsync(socialWorker, RecordInvolvement, new { id, input = new { allocatedWorker = "Sam Taylor" } })).Ok();

        (await fixture.GraphQLAsync(carer, EndInvolvement, new { id })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(carer, ReadInvolvement, new { id })).Ok()["passport"]!["socialCare"]!["involvement"]!["allocatedWorker"]!.GetValue<string>().ShouldBe("Sam Taylor");
    }

    [Fact]
    public async Task Amending_a_safeguarding_note_keeps_its_id_and_place_and_ending_it_removes_it()
    {
        var socialWorker = Persona.Professional("social-care", "Cornwall Council Children's Services");
        var id = await new PassportTests(fixture).CreateAsync(socialWorker);
        (await fixture.GraphQLAsync(socialWorker, AddNote, new { id, note = "Strategy discussion booked." })).Ok();
        var notes = (await fixture.GraphQLAsync(socialWorker, AddNote, new { id, note = "Home visit completed." })).Ok()["addSafeguardingNote"]!["socialCare"]!["safeguarding"]!.AsArray();
        var first = notes[0]!["id"]!.GetValue<string>();
        var second = notes[1]!["id"]!.GetValue<string>();

        var amended = (await fixture.GraphQLAsync(socialWorker, AmendNote, new { id, noteId = first, note = " Strategy discussion held; no further action. " })).Ok()["amendSafeguardingNote"]!;
        amended["version"]!.GetValue<int>().ShouldBe(4);
        var safeguarding = amended["socialCare"]!["safeguarding"]!.AsArray();
        safeguarding.Select(n => n!["id"]!.GetValue<string>()).ShouldBe([first, second]);
        safeguarding[0]!["note"]!.GetValue<string>().ShouldBe("Strategy discussion held; no further action.");
        safeguarding[0]!["verified"]!.GetValue<bool>().ShouldBeTrue();
        safeguarding[0]!["verifiedBy"].ShouldBeNull();
        safeguarding[0]!["recordedBy"]!["sector"]!.GetValue<string>().ShouldBe("social-care");

        var ended = (await fixture.GraphQLAsync(socialWorker, EndNote, new { id, noteId = second })).Ok()["endSafeguardingNote"]!;
        ended["socialCare"]!["safeguarding"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ShouldBe([first]);
        var read = (await fixture.GraphQLAsync(socialWorker, ReadItems, new { id })).Ok()["passport"]!["socialCare"]!["safeguarding"]!.AsArray();
        read.Select(n => n!["note"]!.GetValue<string>()).ShouldBe(["Strategy discussion held; no further action."]);
    }

    [Theory]
    [InlineData("amend", "unknown")]
    [InlineData("amend", "not-a-guid")]
    [InlineData("amend", "ended")]
    [InlineData("end", "unknown")]
    [InlineData("end", "not-a-guid")]
    [InlineData("end", "ended")]
    public async Task A_safeguarding_note_that_is_not_current_is_refused_naming_the_note(string mutation, string which)
    {
        var socialWorker = Persona.Professional("social-care");
        var id = await new PassportTests(fixture).CreateAsync(socialWorker);
        var noteId = which switch
        {
            "unknown" => Guid.NewGuid().ToString(),
            "not-a-guid" => "not-a-guid",
            _ => (await fixture.GraphQLAsync(socialWorker, AddNote, new { id, note = "Referral received." })).Ok()["addSafeguardingNote"]!["socialCare"]!["safeguarding"]!.AsArray().Single()!["id"]!.GetValue<string>(),
        };
        if (which == "ended")
        {
            (await fixture.GraphQLAsync(socialWorker, EndNote, new { id, noteId })).Ok();
        }

        var response = mutation == "amend"
            ? await fixture.GraphQLAsync(socialWorker, AmendNote, new { id, noteId, note = "Rewritten" })
            : await fixture.GraphQLAsync(socialWorker, EndNote, new { id, noteId });
        response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
        response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("noteId");
        response.Body.ShouldNotContain("Rewritten");
    }

    [Fact]
    public async Task An_empty_or_oversized_amended_note_is_refused_naming_it()
    {
        var socialWorker = Persona.Professional("social-care");
        var id = await new PassportTests(fixture).CreateAsync(socialWorker);
        var noteId = (await fixture.GraphQLAsync(socialWorker, AddNote, new { id, note = "Referral received." })).Ok()["addSafeguardingNote"]!["socialCare"]!["safeguarding"]!.AsArray().Single()!["id"]!.GetValue<string>();
        foreach (var note in new[] { "   ", new string('x', 4001) })
        {
            var response = await fixture.GraphQLAsync(socialWorker, AmendNote, new { id, noteId, note });
            response.ErrorCodes.ShouldBe(["VALIDATION_FAILED"]);
            response.Errors[0]!["extensions"]!["field"]!.GetValue<string>().ShouldBe("note");
        }
    }

    [Fact]
    public async Task The_family_cannot_amend_or_end_safeguarding_notes()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var socialWorker = Persona.Professional("social-care");
        (await RedeemAsync(socialWorker, await ShareCodeAsync(carer, id, "social-care"))).Ok();
        var noteId = (await fixture.GraphQLAsync(socialWorker, AddNote, new { id, note = "Section 47 enquiry open." })).Ok()["addSafeguardingNote"]!["socialCare"]!["safeguarding"]!.AsArray().Single()!["id"]!.GetValue<string>();

        var amend = await fixture.GraphQLAsync(carer, AmendNote, new { id, noteId, note = "Anything" });
        amend.ErrorCodes.ShouldBe(["FORBIDDEN"]);
        amend.Body.ShouldNotContain("Section 47");
        (await fixture.GraphQLAsync(carer, EndNote, new { id, noteId })).ErrorCodes.ShouldBe(["FORBIDDEN"]);
        (await fixture.GraphQLAsync(socialWorker, ReadItems, new { id })).Ok()["passport"]!["socialCare"]!["safeguarding"]!.AsArray().Single()!["note"]!.GetValue<string>().ShouldBe("Section 47 enquiry open.");
    }

    private async Task<string> ShareCodeAsync(Persona carer, string id, string sector) =>
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code expiresAt } }", new { id, s = sector }))
            .Ok()["createShareCode"]!["code"]!.GetValue<string>();

    private Task<GraphQLResponse> RedeemAsync(Persona professional, string code) =>
        fixture.GraphQLAsync(professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });
}
