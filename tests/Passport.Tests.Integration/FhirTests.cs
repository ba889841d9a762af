using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;
using Passport.Tests.Integration.Infrastructure;
using Task = System.Threading.Tasks.Task;

// The FHIR model's elements are all nullable; a missing one fails the test where it is read.
#pragma warning disable CS8602, CS8604, CS8625

namespace Passport.Tests.Integration;

/// <summary>
/// FHIR R4 in and out (docs/interoperability.md) against the real host: the summary validates
/// against the R4 core definitions with the Firely validator, shows each reader only what the
/// access decision lets them see, is audited, and round-trips through the import; the import
/// refuses what it cannot take whole, and records each resource once.
/// </summary>
[Collection(PassportCollection.Name)]
public class FhirTests(PassportFixture fixture)
{
    private const string NhsNumberSystem = "https://fhir.nhs.uk/Id/nhs-number";
    private const string Hospital = "Royal Cornwall Hospitals NHS Trust";

    private static readonly IFhirSerializationEngine Fhir = FhirSerializationEngineFactory.Strict(ModelInfo.ModelInspector);

    /// <summary>The Firely validator with the R4 core definitions (specification.zip from Hl7.Fhir.Specification.Data.R4).</summary>
    private static readonly Lazy<Validator> FhirValidator = new(() =>
    {
        var definitions = new CachedResolver(ZipSource.CreateValidationSource(Path.Combine(AppContext.BaseDirectory, "specification.zip")));
        return new Validator(definitions, new LocalTerminologyService(definitions));
    });

    private HostClient Host => new(fixture, fixture.Http);

    [Fact]
    public async Task A_summary_with_content_in_every_health_group_validates_against_FHIR_R4_with_no_errors()
    {
        var doctor = Persona.Professional("health", Hospital);
        var carer = Persona.Carer("Alex Morgan");
        var (id, nhsNumber) = await PassportWithEverythingAsync(doctor, carer);

        var (status, summary) = await SummaryAsync(doctor, id);

        status.ShouldBe(HttpStatusCode.OK);
        var outcome = FhirValidator.Value.Validate(summary);
        var errors = outcome.Issue.Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal).Select(i => $"{i.Expression.FirstOrDefault()}: {i.Details?.Text ?? i.Diagnostics}").ToList();
        errors.ShouldBeEmpty(string.Join("\n", errors));

        summary.Type.ShouldBe(Bundle.BundleType.Document);
        var composition = summary.Entry[0].Resource.ShouldBeOfType<Composition>();
        composition.Type.Coding.ShouldContain(c => c.System == "http://loinc.org" && c.Code == "60591-5");
        composition.Section.Select(s => s.Code?.Coding[0].Code).ShouldBe(
            ["48765-2", "10160-0", "11450-4", "104605-1", "11369-6", "46264-8", "8716-3", "18776-5", "81338-6"]);

        var patient = Resources<Patient>(summary).Single();
        patient.Identifier.ShouldContain(i => i.System == NhsNumberSystem && i.Value == nhsNumber);
        patient.Name[0].Given.ShouldBe(["Ellie"]);
        patient.BirthDate.ShouldBe("2016-05-14");
        patient.Contact.Single().Telecom.Single().Value.ShouldBe("07700 900123");

        var allergies = Resources<AllergyIntolerance>(summary);
        var peanuts = allergies.Single(a => a.Code.Text == "Peanuts");
        peanuts.VerificationStatus.Coding.Single().Code.ShouldBe("confirmed");
        peanuts.Criticality.ShouldBe(AllergyIntolerance.AllergyIntoleranceCriticality.High);
        peanuts.Reaction.Single().Manifestation.Single().Text.ShouldBe("Anaphylaxis");
        peanuts.Recorder.Display.ShouldContain(Hospital);
        var latex = allergies.Single(a => a.Code.Text == "Latex");
        latex.VerificationStatus.Coding.Single().Code.ShouldBe("unconfirmed");
        latex.Recorder.Display.ShouldContain("Alex Morgan, reported by the family");

        var epilepsy = Resources<Condition>(summary).Single();
        epilepsy.Code.Coding.ShouldContain(c => c.System == "http://snomed.info/sct" && c.Code == "84757009");
        epilepsy.Onset.ShouldBeOfType<FhirDateTime>().Value.ShouldBe("2019-02-01");

        Resources<MedicationStatement>(summary).Single().Dosage.Single().PatientInstruction.ShouldBe("Crushed in yoghurt");
        Resources<Immunization>(summary).Single().Occurrence.ShouldBeOfType<FhirDateTime>().Value.ShouldBe("2017-06-20");
        Resources<Flag>(summary).Single().Code.Text.ShouldStartWith("No intramuscular injections");
        Resources<CarePlan>(summary).Single().Title.ShouldBe("Seizure plan");
        Resources<DeviceUseStatement>(summary).ShouldHaveSingleItem();
        Resources<Observation>(summary).Select(o => o.Code.Coding[0].Code).ShouldBe(["8302-2", "29463-7", "9843-4"], ignoreOrder: true);
        Resources<Observation>(summary).ShouldAllBe(o => o.Category[0].Coding[0].Code == "vital-signs");
        composition.Section.Single(s => s.Code.Coding[0].Code == "81338-6").Text.Div.ShouldContain("Loud noises");
    }

    [Fact]
    public async Task The_summary_is_in_the_access_log_with_the_groups_it_returned()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var doctor = Persona.Professional("health", Hospital);
        await Host.JoinAsync(carer, id, doctor);

        (await SummaryAsync(doctor, id)).Status.ShouldBe(HttpStatusCode.OK);

        // Only the summary returns these groups to the doctor: joining returned the passport's id alone.
        var entries = await AccessLogAsync(carer, id);
        var read = entries.Where(e => e!["displayName"]!.GetValue<string>() == "Test health professional" && e["groups"]!.AsArray().Count > 0).ShouldHaveSingleItem()!;
        var groups = read["groups"]!.AsArray().Select(g => g!.GetValue<string>()).ToList();
        groups.ShouldContain("health.emergency");
        groups.ShouldContain("identity.nhsNumber");
        groups.ShouldContain("identity.basic");
    }

    [Fact]
    public async Task An_education_professional_gets_no_clinical_resources_until_the_family_opts_education_in()
    {
        var doctor = Persona.Professional("health", Hospital);
        var carer = Persona.Carer("Alex Morgan");
        var (id, _) = await PassportWithEverythingAsync(doctor, carer);
        var teacher = Persona.Professional("education", "Truro Primary School");
        await Host.JoinAsync(carer, id, teacher);

        var (_, before) = await SummaryAsync(teacher, id);
        var beforeJson = Fhir.SerializeToJson(before);

        Resources<Condition>(before).ShouldBeEmpty();
        Resources<MedicationStatement>(before).ShouldBeEmpty();
        Resources<Observation>(before).ShouldBeEmpty();
        Resources<AllergyIntolerance>(before).ShouldNotBeEmpty();
        var titles = Sections(before).Select(s => s.Title).ToList();
        titles.ShouldNotContain("Problem list");
        titles.ShouldNotContain("Medication summary");
        titles.ShouldNotContain("Vital signs");
        beforeJson.ShouldNotContain("Epilepsy");
        beforeJson.ShouldNotContain("Sodium valproate");

        await Host.SetSharingAsync(carer, id, "education", "health.clinical", shared: true);
        var (_, after) = await SummaryAsync(teacher, id);

        Resources<Condition>(after).Single().Code.Text.ShouldBe("Epilepsy");
        Resources<MedicationStatement>(after).ShouldHaveSingleItem();
        Resources<Observation>(after).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_leisure_professional_gets_no_NHS_number()
    {
        var doctor = Persona.Professional("health", Hospital);
        var carer = Persona.Carer();
        var (id, nhsNumber) = await PassportWithEverythingAsync(doctor, carer);
        var coach = Persona.Professional("leisure", "Truro Swimming Club");
        await Host.JoinAsync(carer, id, coach);

        var (status, summary) = await SummaryAsync(coach, id);

        status.ShouldBe(HttpStatusCode.OK);
        Resources<Patient>(summary).Single().Identifier.ShouldNotContain(i => i.System == NhsNumberSystem);
        Fhir.SerializeToJson(summary).ShouldNotContain(nhsNumber);
        Resources<AllergyIntolerance>(summary).ShouldNotBeEmpty();
        Resources<Condition>(summary).ShouldBeEmpty();
    }

    [Fact]
    public async Task Someone_without_access_gets_not_found_as_for_a_passport_that_does_not_exist()
    {
        var id = await new PassportTests(fixture).CreateAsync(Persona.Carer());
        var stranger = Persona.Professional("health");

        var (status, body) = await GetAsync(stranger, $"/fhir/Patient/{id}/$summary");
        var (missingStatus, missingBody) = await GetAsync(stranger, $"/fhir/Patient/{Guid.NewGuid()}/$summary");

        status.ShouldBe(HttpStatusCode.NotFound);
        missingStatus.ShouldBe(HttpStatusCode.NotFound);
        Outcome(body).Issue.Single().Code.ShouldBe(OperationOutcome.IssueType.NotFound);
        Outcome(body).Issue.Single().Details.Text.ShouldBe(Outcome(missingBody).Issue.Single().Details.Text);
        body.ShouldNotContain("Ellie");
    }

    [Fact]
    public async Task Without_a_token_the_summary_is_refused()
    {
        var id = await new PassportTests(fixture).CreateAsync(Persona.Carer());
        using var response = await fixture.Http.GetAsync($"/fhir/Patient/{id}/$summary");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var outcome = Outcome(await response.Content.ReadAsStringAsync());
        outcome.Issue.Single().Code.ShouldBe(OperationOutcome.IssueType.Login);
        outcome.Issue.Single().Details.Coding.Single().Code.ShouldBe("UNAUTHENTICATED");
    }

    [Fact]
    public async Task An_export_imported_into_another_passport_reproduces_the_same_health_facts()
    {
        var doctor = Persona.Professional("health", Hospital);
        var carer = Persona.Carer("Alex Morgan");
        var (source, _) = await PassportWithEverythingAsync(doctor, carer);
        var target = await new PassportTests(fixture).CreateAsync(carer);
        var gp = Persona.Professional("health", "Trelawny Surgery");
        await Host.JoinAsync(carer, target, gp);
        var (_, export) = await SummaryAsync(doctor, source);

        var bundle = new Bundle { Type = Bundle.BundleType.Collection };
        foreach (var entry in export.Entry.Where(e => e.Resource is Patient or AllergyIntolerance or Condition or MedicationStatement or Immunization))
        {
            bundle.Entry.Add(entry);
        }

        Resources<Patient>(bundle).Single().Id = target;
        var (status, _) = await ImportAsync(gp, bundle);

        status.ShouldBe(HttpStatusCode.OK);
        var exported = await HealthFactsAsync(doctor, source);
        var imported = await HealthFactsAsync(gp, target);
        imported.ShouldBe(exported);
        var provenance = await ProvenanceAsync(gp, target);
        provenance.ShouldAllBe(p => p["source"]!.GetValue<string>() == "Imported from Trelawny Surgery" && p["organisation"]!.GetValue<string>() == "Trelawny Surgery");
        // What the family reported is exported unconfirmed, and imported as not verified: never surer than its source.
        provenance.Count(p => !p["verified"]!.GetValue<bool>()).ShouldBe(1);
        provenance.Count(p => p["verified"]!.GetValue<bool>()).ShouldBe(provenance.Count - 1);
    }

    [Fact]
    public async Task The_same_bundle_imported_twice_is_recorded_once()
    {
        var (gp, id) = await PassportWithGpAsync();
        var bundle = GpBundle(id);

        var (first, firstBody) = await ImportAsync(gp, bundle);
        var (second, secondBody) = await ImportAsync(gp, bundle);

        first.ShouldBe(HttpStatusCode.OK);
        second.ShouldBe(HttpStatusCode.OK);
        Statuses(firstBody).ShouldBe(["200 OK", "201 Created", "201 Created", "201 Created", "201 Created"]);
        Statuses(secondBody).ShouldBe(["200 OK", "200 OK", "200 OK", "200 OK", "200 OK"]);
        var facts = await HealthFactsAsync(gp, id);
        facts.ShouldBe([
            "allergy Penicillin | Rash | MODERATE | ACTIVE",
            "condition Asthma | 195967001 | 2020-11-30",
            "immunisation MMR (1st dose) | 2017-06-20",
            "medication Salbutamol | 100 mcg | Inhaled | When needed | With a spacer",
        ]);
    }

    public static TheoryData<string> InvalidBundles() =>
    [
        "wrong-resource-type", "missing-identifier", "missing-code", "missing-required-element", "not-a-bundle-type",
        "different-passports", "no-patient-reference", "too-long-substance", "refuted-allergy", "stopped-medication",
        "allergy-without-severity", "resolved-condition",
    ];

    [Theory]
    [MemberData(nameof(InvalidBundles))]
    public async Task An_invalid_bundle_gets_an_OperationOutcome_naming_what_is_wrong_and_stores_nothing(string problem)
    {
        var (gp, id) = await PassportWithGpAsync();
        var bundle = GpBundle(id);
        var otherCarer = Persona.Carer();
        var other = await new PassportTests(fixture).CreateAsync(otherCarer);
        string? body = null;
        string expression;
        switch (problem)
        {
            case "wrong-resource-type":
                bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid(), Resource = new Observation { Status = ObservationStatus.Final, Code = new CodeableConcept { Text = "Heart rate" }, Subject = new ResourceReference($"Patient/{id}") } });
                expression = "Bundle.entry[5].resource";
                break;
            case "missing-identifier":
                Resources<AllergyIntolerance>(bundle).Single().Identifier.Clear();
                expression = "Bundle.entry[1].resource.identifier";
                break;
            case "missing-code":
                Resources<Condition>(bundle).Single().Code = null;
                expression = "Bundle.entry[2].resource.code";
                break;
            case "missing-required-element":
                // Immunization.status is 1..1 in FHIR R4: the parser refuses the bundle.
                body = Fhir.SerializeToJson(bundle).Replace("\"status\":\"completed\",", "", StringComparison.Ordinal);
                expression = "status";
                break;
            case "not-a-bundle-type":
                bundle.Type = Bundle.BundleType.Searchset;
                expression = "Bundle.type";
                break;
            case "different-passports":
                Resources<Immunization>(bundle).Single().Patient = new ResourceReference($"Patient/{other}");
                expression = "Bundle.entry[4].resource";
                break;
            case "no-patient-reference":
                Resources<MedicationStatement>(bundle).Single().Subject = null;
                expression = "Bundle.entry[3].resource.subject";
                break;
            case "too-long-substance":
                Resources<AllergyIntolerance>(bundle).Single().Code.Text = new string('x', 5000);
                expression = "Bundle.entry[1].resource";
                break;
            case "refuted-allergy":
                Resources<AllergyIntolerance>(bundle).Single().VerificationStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "refuted");
                expression = "Bundle.entry[1].resource.verificationStatus";
                break;
            case "stopped-medication":
                Resources<MedicationStatement>(bundle).Single().Status = MedicationStatement.MedicationStatusCodes.Stopped;
                expression = "Bundle.entry[3].resource.status";
                break;
            case "allergy-without-severity":
                Resources<AllergyIntolerance>(bundle).Single().Reaction[0].Severity = null;
                expression = "Bundle.entry[1].resource.reaction.severity";
                break;
            case "resolved-condition":
                Resources<Condition>(bundle).Single().ClinicalStatus = new CodeableConcept("http://terminology.hl7.org/CodeSystem/condition-clinical", "resolved");
                expression = "Bundle.entry[2].resource.clinicalStatus";
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(problem));
        }

        var (status, response) = body is null ? await ImportAsync(gp, bundle) : await PostAsync(gp, body);

        ((int)status).ShouldBeOneOf(400, 422);
        var outcome = Outcome(response);
        outcome.Issue.ShouldNotBeEmpty();
        outcome.Issue.ShouldAllBe(i => i.Severity == OperationOutcome.IssueSeverity.Error);
        string.Join("\n", outcome.Issue.Select(i => string.Join(",", i.Expression) + " " + i.Details.Text)).ShouldContain(expression);
        (await HealthFactsAsync(gp, id)).ShouldBeEmpty();
        (await HealthFactsAsync(otherCarer, other)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_bundle_for_a_passport_that_does_not_exist_is_not_found()
    {
        var (gp, _) = await PassportWithGpAsync();

        var (status, response) = await ImportAsync(gp, GpBundle(Guid.NewGuid().ToString()));

        status.ShouldBe(HttpStatusCode.NotFound);
        Outcome(response).Issue.Single().Code.ShouldBe(OperationOutcome.IssueType.NotFound);
    }

    public static TheoryData<string> ImportersWithoutTheRight() => ["carer", "education", "unrelated-health"];

    [Theory]
    [MemberData(nameof(ImportersWithoutTheRight))]
    public async Task Someone_without_the_right_to_record_health_facts_cannot_import_and_nothing_is_stored(string who)
    {
        var (gp, id) = await PassportWithGpAsync();
        var carer = Persona.Carer();
        var carerId = await new PassportTests(fixture).CreateAsync(carer);
        var teacher = Persona.Professional("education");
        await Host.JoinAsync(carer, carerId, teacher);
        var (importer, target, expected) = who switch
        {
            "carer" => (carer, carerId, HttpStatusCode.Forbidden),
            "education" => (teacher, carerId, HttpStatusCode.Forbidden),
            _ => (Persona.Professional("health"), id, HttpStatusCode.NotFound),
        };

        var (status, response) = await ImportAsync(importer, GpBundle(target));

        status.ShouldBe(expected);
        Outcome(response).Issue.ShouldHaveSingleItem();
        (await HealthFactsAsync(gp, id)).ShouldBeEmpty();
        (await HealthFactsAsync(carer, carerId)).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_body_that_is_not_FHIR_JSON_or_too_large_is_refused_with_an_OperationOutcome()
    {
        var (gp, id) = await PassportWithGpAsync();

        var (notJson, notJsonBody) = await PostAsync(gp, "{ this is not json");
        var (tooLarge, tooLargeBody) = await PostAsync(gp, "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"id\":\"" + new string('a', 1_100_000) + "\"}");
        using var xml = new StringContent("<Bundle/>", Encoding.UTF8, "application/xml");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir") { Content = xml };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token(gp));
        using var wrongType = await fixture.Http.SendAsync(request);

        notJson.ShouldBe(HttpStatusCode.BadRequest);
        Outcome(notJsonBody).Issue.ShouldNotBeEmpty();
        tooLarge.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        Outcome(tooLargeBody).Issue.Single().Code.ShouldBe(OperationOutcome.IssueType.TooCostly);
        wrongType.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await HealthFactsAsync(gp, id)).ShouldBeEmpty();
    }

    /// <summary>A passport with content in every health group, About me and an emergency contact; the carer reported one allergy.</summary>
    private async Task<(string Id, string NhsNumber)> PassportWithEverythingAsync(Persona doctor, Persona carer)
    {
        var nhsNumber = NhsNumbers.Next();
        var id = await new PassportTests(fixture).CreateAsync(carer, nhsNumber);
        await Host.JoinAsync(carer, id, doctor);
        await MutateAsync(doctor, id, "recordAllergy(passportId: $id, input: { substance: \"Peanuts\", reaction: \"Anaphylaxis\", severity: SEVERE })");
        await MutateAsync(carer, id, "recordAllergy(passportId: $id, input: { substance: \"Latex\", severity: MILD })");
        await MutateAsync(doctor, id, "recordAlert(passportId: $id, input: { title: \"No intramuscular injections\", details: \"Bleeding disorder\" })");
        await MutateAsync(doctor, id, "recordEmergencyCarePlan(passportId: $id, input: { title: \"Seizure plan\", plan: \"If a seizure lasts 5 minutes give buccal midazolam and call 999.\" })");
        await MutateAsync(doctor, id, "recordEquipment(passportId: $id, input: { name: \"Portable suction machine\", notes: \"In the blue bag\" })");
        await MutateAsync(doctor, id, "recordCondition(passportId: $id, input: { name: \"Epilepsy\", snomedCode: \"84757009\", onset: \"2019-02-01\" })");
        await MutateAsync(doctor, id, "recordMedication(passportId: $id, input: { name: \"Sodium valproate\", dose: \"200 mg\", route: \"By mouth\", frequency: \"Twice a day\", howITakeIt: \"Crushed in yoghurt\" })");
        await MutateAsync(doctor, id, "recordGrowthMeasurement(passportId: $id, input: { measuredOn: \"2023-09-14\", heightCm: 121.5, weightKg: 23.25, headCircumferenceCm: 52.5 })");
        await MutateAsync(doctor, id, "recordImmunisation(passportId: $id, input: { vaccine: \"MMR (1st dose)\", givenOn: \"2017-06-20\" })");
        await MutateAsync(carer, id, "addEmergencyContact(passportId: $id, input: { name: \"Sam Morgan\", relationship: \"Mother\", parentalResponsibility: true, phone: \"07700 900123\" })");
        var version = await Host.VersionAsync(carer, id);
        (await fixture.GraphQLAsync(carer, "mutation($id: ID!, $v: Int!) { updateAboutMe(passportId: $id, expectedVersion: $v, input: { mustKnow: \"Call my mum first\", whatUpsetsMe: \"Loud noises\" }) { id } }", new { id, v = version })).Ok();
        return (id, nhsNumber);
    }

    private async Task<(Persona Gp, string Id)> PassportWithGpAsync()
    {
        var carer = Persona.Carer();
        var id = await new PassportTests(fixture).CreateAsync(carer);
        var gp = Persona.Professional("health", "Trelawny Surgery");
        await Host.JoinAsync(carer, id, gp);
        return (gp, id);
    }

    /// <summary>What a GP system might send: its Organization and one resource of each imported type, each with its own identifier.</summary>
    private static Bundle GpBundle(string passportId)
    {
        var patient = new ResourceReference($"Patient/{passportId}");
        var identifier = (string value) => new List<Identifier> { new("https://trelawny-surgery.example/Id/record", value) };
        return new Bundle
        {
            Type = Bundle.BundleType.Transaction,
            Entry =
            [
                Entry(new Organization { Name = "Trelawny Surgery" }),
                Entry(new AllergyIntolerance
                {
                    Identifier = identifier("allergy-1"),
                    Code = new CodeableConcept { Text = "Penicillin" },
                    Patient = patient,
                    Reaction = [new AllergyIntolerance.ReactionComponent { Manifestation = [new CodeableConcept { Text = "Rash" }], Severity = AllergyIntolerance.AllergyIntoleranceSeverity.Moderate }],
                }),
                Entry(new Condition
                {
                    Identifier = identifier("condition-1"),
                    Code = new CodeableConcept("http://snomed.info/sct", "195967001", "Asthma", "Asthma"),
                    Subject = patient,
                    Onset = new FhirDateTime("2020-11-30"),
                }),
                Entry(new MedicationStatement
                {
                    Identifier = identifier("medication-1"),
                    Status = MedicationStatement.MedicationStatusCodes.Active,
                    Medication = new CodeableConcept { Text = "Salbutamol" },
                    Subject = patient,
                    Dosage =
                    [
                        new Dosage
                        {
                            Route = new CodeableConcept { Text = "Inhaled" },
                            Timing = new Timing { Code = new CodeableConcept { Text = "When needed" } },
                            PatientInstruction = "With a spacer",
                            DoseAndRate = [new Dosage.DoseAndRateComponent { Dose = new Quantity { Value = 100, Unit = "mcg" } }],
                        },
                    ],
                }),
                Entry(new Immunization
                {
                    Identifier = identifier("immunisation-1"),
                    Status = Immunization.ImmunizationStatusCodes.Completed,
                    VaccineCode = new CodeableConcept { Text = "MMR (1st dose)" },
                    Patient = patient,
                    Occurrence = new FhirDateTime("2017-06-20"),
                }),
            ],
        };

        static Bundle.EntryComponent Entry(Resource resource) => new()
        {
            FullUrl = "urn:uuid:" + Guid.NewGuid(),
            Resource = resource,
            Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = resource.TypeName },
        };
    }

    /// <summary>The passport's allergies, conditions, medications and immunisations as the health API shows them, sorted: what an import must reproduce.</summary>
    private async Task<List<string>> HealthFactsAsync(Persona reader, string id)
    {
        var response = await fixture.GraphQLAsync(reader, """
            query($id: ID!) { passport(id: $id) { health {
              allergies { substance reaction severity status }
              conditions { name snomedCode onset }
              medications { name dose route frequency howITakeIt }
              immunisations { vaccine givenOn } } } }
            """, new { id });
        var health = response.Ok()["passport"]!["health"]!;
        static string Line(string kind, JsonNode item) => kind + " " + string.Join(" | ", item.AsObject().Select(p => p.Value?.ToString() ?? "-"));
        return [.. new[] { ("allergy", "allergies"), ("condition", "conditions"), ("medication", "medications"), ("immunisation", "immunisations") }
            .SelectMany(k => health[k.Item2]!.AsArray().Select(item => Line(k.Item1, item!)))
            .Order(StringComparer.Ordinal)];
    }

    private async Task<List<JsonNode>> ProvenanceAsync(Persona reader, string id)
    {
        var health = (await fixture.GraphQLAsync(reader, """
            query($id: ID!) { passport(id: $id) { health {
              allergies { recordedBy { ...P } } conditions { recordedBy { ...P } } medications { recordedBy { ...P } } immunisations { recordedBy { ...P } } } } }
            fragment P on Provenance { verified source organisation }
            """, new { id })).Ok()["passport"]!["health"]!;
        return [.. health.AsObject().SelectMany(list => list.Value!.AsArray().Select(item => item!["recordedBy"]!))];
    }

    private async Task<List<JsonNode?>> AccessLogAsync(Persona family, string id) =>
        [.. (await fixture.GraphQLAsync(family, "query($id: ID!) { accessLog(passportId: $id, first: 200) { displayName groups } }", new { id })).Ok()["accessLog"]!.AsArray()];

    private async Task MutateAsync(Persona persona, string id, string mutation) =>
        (await fixture.GraphQLAsync(persona, $"mutation($id: ID!) {{ {mutation} {{ id }} }}", new { id })).Ok();

    private async Task<(HttpStatusCode Status, Bundle Summary)> SummaryAsync(Persona reader, string id)
    {
        var (status, body) = await GetAsync(reader, $"/fhir/Patient/{id}/$summary");
        status.ShouldBe(HttpStatusCode.OK, body);
        return (status, Fhir.DeserializeFromJson(body).ShouldBeOfType<Bundle>());
    }

    private async Task<(HttpStatusCode Status, string Body)> GetAsync(Persona reader, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token(reader));
        using var response = await fixture.Http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (response.IsSuccessStatusCode || body.Length > 0)
        {
            response.Content.Headers.ContentType?.MediaType.ShouldBe("application/fhir+json");
        }

        return (response.StatusCode, body);
    }

    private Task<(HttpStatusCode Status, string Body)> ImportAsync(Persona importer, Bundle bundle) =>
        PostAsync(importer, Fhir.SerializeToJson(bundle));

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(Persona importer, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/fhir") { Content = new StringContent(json, Encoding.UTF8, "application/fhir+json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fixture.Token(importer));
        using var response = await fixture.Http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static OperationOutcome Outcome(string body) => Fhir.DeserializeFromJson(body).ShouldBeOfType<OperationOutcome>();

    private static List<string> Statuses(string body) =>
        [.. Fhir.DeserializeFromJson(body).ShouldBeOfType<Bundle>().Entry.Select(e => e.Response.Status)];

    private static List<T> Resources<T>(Bundle bundle)
        where T : Resource => [.. bundle.Entry.Select(e => e.Resource).OfType<T>()];

    private static List<Composition.SectionComponent> Sections(Bundle bundle) => bundle.Entry[0].Resource.ShouldBeOfType<Composition>().Section;
}
