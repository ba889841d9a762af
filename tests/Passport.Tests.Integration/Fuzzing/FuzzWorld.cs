using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration.Fuzzing;

/// <summary>
/// The people and passports the fuzzer works with, seeded through real mutations, and the oracle
/// of who may see what. Every string seeded into an oracle passport is a marker (a short random
/// word), and so is the display name of everyone involved with one but its creator, so a leak is
/// found wherever it shows up in a response body: a value, a list, an error message, a
/// notification, the history.
/// </summary>
public sealed class FuzzWorld
{
    public const string Cornwall = "E06000052";

    private readonly PassportFixture _fixture;
    private readonly Random _random;
    private readonly List<string> _notes = [];

    private FuzzWorld(PassportFixture fixture, Random random)
    {
        _fixture = fixture;
        _random = random;
    }

    public List<FuzzPersona> Personas { get; } = [];

    /// <summary>The carer who created every passport (write-world: fuzzed changes go to the write passports only).</summary>
    public FuzzPersona Creator { get; private set; } = null!;

    public List<OraclePassport> Oracles { get; } = [];

    public List<string> WritePassports { get; } = [];

    /// <summary>Ids of items on the write passports, for item arguments.</summary>
    public List<string> WriteItems { get; } = [];

    /// <summary>Subjects the fuzzer may name (care-team handover and removal): write-world people only.</summary>
    public List<string> WriteSubjects { get; } = [];

    /// <summary>Codes the host issued during fuzzing, fed back to write-world personas.</summary>
    public ConcurrentBag<string> Codes { get; } = [];

    public Dictionary<string, Marker> Markers { get; } = new(StringComparer.Ordinal);

    /// <summary>What seeding could not do on this build (e.g. a sharing choice the host refused).</summary>
    public IReadOnlyList<string> Notes => _notes;

    private readonly HashSet<string> _oracleIds = new(StringComparer.Ordinal);

    public bool IsOracle(string passportId) => _oracleIds.Contains(passportId);

    public bool IsWrite(string passportId) => WritePassports.Contains(passportId, StringComparer.Ordinal);

    /// <summary>
    /// What the persona may see of a passport: exact for the oracle passports; for the write
    /// passports, the ceiling of the persona's kind for write-world personas and nothing for
    /// everyone else (they never get a relationship there); for passports made while fuzzing,
    /// the ceiling.
    /// </summary>
    public ExpectedAccess AccessOf(FuzzPersona persona, string? passportId)
    {
        if (passportId is not null && Oracles.FirstOrDefault(o => o.Id == passportId) is { } oracle)
        {
            return oracle.AccessOf(persona);
        }

        if (passportId is not null && IsWrite(passportId))
        {
            return persona.World == PersonaWorld.Write ? ExpectedAccess.Ceiling(persona) : ExpectedAccess.None;
        }

        return ExpectedAccess.Ceiling(persona);
    }

    /// <summary>Whether a person's name may reach the viewer, from any oracle passport.</summary>
    public bool MaySeeName(FuzzPersona viewer, FuzzPersona person)
    {
        if (viewer == person || viewer.Kind == PersonaKind.Auditor)
        {
            return true;
        }

        foreach (var oracle in Oracles)
        {
            var access = oracle.AccessOf(viewer);
            if (!access.HasRelationship)
            {
                continue;
            }

            if (access.IsFamily && !access.IsFrozenFamily && oracle.Involved.Contains(person))
            {
                return true;
            }

            if (oracle.NameShownIn.TryGetValue(person, out var groups) && groups.Any(access.Sees))
            {
                return true;
            }
        }

        return false;
    }

    public bool MaySee(FuzzPersona viewer, Marker marker)
    {
        if (marker.PrivateTo is { } owner)
        {
            return viewer == owner;
        }

        if (marker.Person is { } person)
        {
            return MaySeeName(viewer, person);
        }

        var access = marker.Passport!.AccessOf(viewer);
        return access.Sees(marker.Group!) && (marker.ItemId is null || !access.WithheldItems.Contains(marker.ItemId));
    }

    public static async Task<FuzzWorld> SeedAsync(PassportFixture fixture, Random random)
    {
        var world = new FuzzWorld(fixture, random);
        await world.SeedAsync();
        return world;
    }

    private async Task SeedAsync()
    {
        Creator = Add(new FuzzPersona("carer (creator of every passport)", PersonaKind.Carer, PersonaWorld.Write, FuzzPersona.Named("carer", "Carol Creator", ["carer"]), null));

        Oracles.Add(await SeedOracleAsync("O1 (region defaults, young person in control, withheld items)", ageYears: 17, [], isFullFamily: true));
        Oracles.Add(await SeedOracleAsync("O2 (every default off, every opt-in on)", ageYears: 9, EveryChoiceInverted(), isFullFamily: false));
        Oracles.Add(await SeedOracleAsync("O3 (mixed choices, family access frozen)", ageYears: 12, MixedChoices(), isFullFamily: false, freeze: true));
        foreach (var oracle in Oracles)
        {
            _oracleIds.Add(oracle.Id);
        }

        await SeedWritePassportsAsync(count: 4);

        // People with no relationship to anything.
        Add(Outsider("auditor", PersonaKind.Auditor, FuzzPersona.Named("auditor", NameFor("Audrey Auditor"), ["auditor"])));
        Add(Outsider("la-admin (Cornwall)", PersonaKind.LocalAuthorityAdmin, FuzzPersona.Named("la", NameFor("Lewis Admin"), ["la-admin"], localAuthority: Cornwall)));
        Add(Outsider("commissioner", PersonaKind.Commissioner, FuzzPersona.Named("commissioner", NameFor("Cora Commissioner"), ["commissioner"])));
        Add(Outsider("unrelated education professional", PersonaKind.Professional, FuzzPersona.Named("education", NameFor("Una Unrelated"), ["professional"], "education", "Another School")));
        Add(Outsider("unrelated carer", PersonaKind.Carer, FuzzPersona.Named("carer", NameFor("Uri Unrelated"), ["carer"])));
        var otherClient = FuzzPersona.Named("otherclient", NameFor("Otto Otherclient"), []);
        Add(new FuzzPersona("roles only under another client", PersonaKind.OtherClientRoles, PersonaWorld.Outsider, otherClient, FuzzTokens.OtherClientRoles(_fixture, otherClient)));
        foreach (var (label, token) in FuzzTokens.Refused(_fixture))
        {
            Personas.Add(new FuzzPersona(label, PersonaKind.BadToken, PersonaWorld.Outsider, null, token));
        }
    }

    private FuzzPersona Outsider(string label, PersonaKind kind, Persona persona) =>
        new(label, kind, PersonaWorld.Outsider, persona, null);

    /// <summary>Registers the persona with a real token (persona objects are created without one).</summary>
    private FuzzPersona Add(FuzzPersona persona)
    {
        var withToken = persona.Token is null && persona.Persona is not null
            ? new FuzzPersona(persona.Label, persona.Kind, persona.World, persona.Persona, FuzzTokens.Valid(_fixture, persona.Persona))
            : persona;
        Personas.Add(withToken);
        if (withToken.Persona is not null && withToken.World == PersonaWorld.Oracle)
        {
            Markers[NameMarkerOf(withToken)] = new Marker(NameMarkerOf(withToken)) { Person = withToken };
        }

        return withToken;
    }

    private static string NameMarkerOf(FuzzPersona persona) => persona.DisplayName!.Split(' ')[^1];

    /// <summary>A display name ending in a marker.</summary>
    private string NameFor(string name) => $"{name} {NewMarkerText()}";

    private string NewMarkerText() => "Zq" + new string(Enumerable.Range(0, 8).Select(_ => (char)('a' + _random.Next(26))).ToArray());

    private string Mark(OraclePassport passport, string group, string? itemKey = null)
    {
        var text = NewMarkerText();
        Markers[text] = new Marker(text) { Passport = passport, Group = group, ItemKey = itemKey };
        return text;
    }

    private static Dictionary<(string, string), bool> EveryChoiceInverted() =>
        RegionPolicy.Levels.Where(l => RegionPolicy.FamilyMayChange(l.Key.Sector, l.Key.Group))
            .ToDictionary(l => l.Key, l => l.Value == "optIn");

    private static Dictionary<(string, string), bool> MixedChoices() => new()
    {
        [("education", "health.clinical")] = true,
        [("leisure", "aboutMe")] = false,
        [("social-care", "health.emergency")] = false,
        [("health", "leisure.activities")] = true,
        [("health", "socialCare.involvement")] = false,
        [("leisure", "education.setting")] = true,
        [("education", RegionPolicy.CareTeam)] = false,
    };

    private async Task<OraclePassport> SeedOracleAsync(string name, int ageYears, Dictionary<(string, string), bool> choices, bool isFullFamily, bool freeze = false)
    {
        var oracle = new OraclePassport(name);
        var tag = name[..2];
        oracle.Carers.Add(Creator);
        oracle.Involved.Add(Creator);
        var dateOfBirth = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-ageYears).AddDays(-40).ToString("yyyy-MM-dd");
        var nhsNumber = NhsNumbers.Next();
        var child = new
        {
            givenName = Mark(oracle, "identity.basic"),
            familyName = Mark(oracle, "identity.basic"),
            preferredName = Mark(oracle, "identity.basic"),
            dateOfBirth,
            localAuthority = Cornwall,
        };
        oracle.Id = (await OkAsync(Creator, "mutation($input: CreatePassportInput!) { createPassport(input: $input) { id } }", new
        {
            input = new { child.givenName, child.familyName, child.preferredName, child.dateOfBirth, nhsNumber, child.localAuthority },
        }))["createPassport"]!["id"]!.GetValue<string>();
        Markers[nhsNumber] = new Marker(nhsNumber) { Passport = oracle, Group = "identity.nhsNumber" };
        await OkAsync(Creator, "mutation($id: ID!, $input: ChildDetailsInput!) { updateChildDetails(passportId: $id, input: $input) { id } }", new
        {
            id = oracle.Id,
            input = new
            {
                child.givenName,
                child.familyName,
                child.preferredName,
                child.dateOfBirth,
                child.localAuthority,
                pronouns = Mark(oracle, "identity.basic"),
                firstLanguage = Mark(oracle, "identity.basic"),
                interpreterNeeded = true,
                photoReference = Mark(oracle, "identity.basic"),
            },
        });

        // One professional per sector joins with a share code the family gives them.
        foreach (var sector in RegionPolicy.Sectors)
        {
            var professional = Add(new FuzzPersona($"{sector} professional on {tag}", PersonaKind.Professional, PersonaWorld.Oracle,
                FuzzPersona.Named(sector, NameFor($"{sector} {tag}"), ["professional"], sector, $"{sector} organisation of {tag}"), null));
            await JoinAsync(oracle, professional);
            oracle.CareTeam[sector] = professional;
            oracle.ShowsNameIn(professional, RegionPolicy.CareTeam);
        }

        FuzzPersona? removed = null;
        if (isFullFamily)
        {
            removed = Add(new FuzzPersona($"education professional removed from {tag}", PersonaKind.Professional, PersonaWorld.Oracle,
                FuzzPersona.Named("education", NameFor("Removed Teacher"), ["professional"], "education", $"education organisation of {tag}"), null));
            await JoinAsync(oracle, removed);

            // Changes to the care team may be shown to whoever may see the care-team list.
            oracle.ShowsNameIn(removed, RegionPolicy.CareTeam);
        }

        foreach (var ((sector, group), shared) in choices)
        {
            var response = await GraphQLAsync(Creator, "mutation($id: ID!, $s: String!, $g: String!, $shared: Boolean!) { setSharing(passportId: $id, sector: $s, group: $g, shared: $shared) { id } }", new { id = oracle.Id, s = sector, g = group, shared });
            if (response.Errors.Count == 0)
            {
                oracle.Choices[(sector, group)] = shared;
            }
            else if (group is RegionPolicy.CareTeam or RegionPolicy.Carers)
            {
                _notes.Add($"{tag}: the host refused the family's choice {sector} × {group} = {shared}: {string.Join(", ", response.ErrorCodes)}");
            }
            else
            {
                throw new InvalidOperationException($"Seeding {tag}: setSharing {sector} {group} {shared} failed: {response.Body}");
            }
        }

        await RecordFamilyContentAsync(oracle);

        var health = oracle.CareTeam["health"];
        await OkAsync(health, "mutation($id: ID!, $input: AllergyInput!) { recordAllergy(passportId: $id, input: $input) { id } }", new
        {
            id = oracle.Id,
            input = new { substance = Mark(oracle, "health.emergency", "allergy-by-health"), reaction = Mark(oracle, "health.emergency", "allergy-by-health"), severity = "SEVERE" },
        });
        oracle.ShowsNameIn(health, "health.emergency");

        var socialCare = oracle.CareTeam["social-care"];
        await OkAsync(socialCare, "mutation($id: ID!, $input: LegalStatusInput!) { setLegalStatus(passportId: $id, input: $input) { id } }", new
        {
            id = oracle.Id,
            input = new { status = "CHILD_IN_NEED", since = "2024-01-01", responsibleAuthority = Mark(oracle, "socialCare.legalStatus", "legal-status") },
        });
        await OkAsync(socialCare, "mutation($id: ID!, $input: InvolvementInput!) { recordInvolvement(passportId: $id, input: $input) { id } }", new
        {
            id = oracle.Id,
            input = new { allocatedWorker = Mark(oracle, "socialCare.involvement", "involvement"), workerContact = Mark(oracle, "socialCare.involvement", "involvement"), services = new[] { Mark(oracle, "socialCare.involvement", "involvement") } },
        });
        await OkAsync(socialCare, "mutation($id: ID!, $note: String!) { addSafeguardingNote(passportId: $id, note: $note) { id } }", new { id = oracle.Id, note = Mark(oracle, RegionPolicy.Safeguarding, "safeguarding") });
        oracle.ShowsNameIn(socialCare, "socialCare.legalStatus", "socialCare.involvement", RegionPolicy.Safeguarding);

        await LearnItemIdsAsync(oracle);

        if (isFullFamily)
        {
            // Health withholds its own allergy and a growth measurement from the family; education the setting.
            await WithholdAsync(oracle, health, "allergy-by-health", oracle.WithheldFromFamily);
            await WithholdAsync(oracle, health, "growth-2", oracle.WithheldFromFamily);
            await WithholdAsync(oracle, oracle.CareTeam["education"], "setting", oracle.WithheldFromFamily);

            var viewOnly = Add(new FuzzPersona($"view-only carer on {tag}", PersonaKind.ViewOnlyCarer, PersonaWorld.Oracle, FuzzPersona.Named("carer", NameFor("Vera Viewonly"), ["carer"]), null));
            var invitation = (await OkAsync(Creator, "mutation($id: ID!) { inviteCarer(passportId: $id, mayEdit: false, mayManageSharing: false, mayInvite: false) { code } }", new { id = oracle.Id }))["inviteCarer"]!["code"]!.GetValue<string>();
            await OkAsync(viewOnly, "mutation($c: String!) { acceptCarerInvitation(code: $c) { id } }", new { c = invitation });
            oracle.Carers.Add(viewOnly);
            oracle.Involved.Add(viewOnly);
            oracle.ShowsNameIn(viewOnly, RegionPolicy.Carers);
            var address = NewMarkerText();
            var phone = "07700 9" + _random.Next(10000, 99999);
            Markers[address] = new Marker(address) { PrivateTo = viewOnly };
            await OkAsync(viewOnly, "mutation($id: ID!, $a: String, $p: String) { setMyContactDetails(passportId: $id, address: $a, phone: $p, share: false) { id } }", new { id = oracle.Id, a = address, p = phone });

            var youngPerson = Add(new FuzzPersona($"young person on {tag} (in control)", PersonaKind.YoungPerson, PersonaWorld.Oracle, FuzzPersona.Named("yp", NameFor("Yasmin Young"), ["young-person"]), null));
            var ypCode = (await OkAsync(Creator, "mutation($id: ID!) { inviteYoungPerson(passportId: $id) { code } }", new { id = oracle.Id }))["inviteYoungPerson"]!["code"]!.GetValue<string>();
            await OkAsync(youngPerson, "mutation($c: String!) { acceptYoungPersonInvitation(code: $c) { id } }", new { c = ypCode });
            oracle.YoungPerson = youngPerson;
            oracle.Involved.Add(youngPerson);
            oracle.ShowsNameIn(youngPerson, RegionPolicy.Carers);

            await OkAsync(Creator, "mutation($id: ID!, $s: String!) { removeCareTeamMember(passportId: $id, subject: $s) { id } }", new { id = oracle.Id, s = removed!.Subject });

            await OkAsync(youngPerson, "mutation($id: ID!, $keep: [String!]!) { takeControl(passportId: $id, keepCarers: $keep) { id } }", new { id = oracle.Id, keep = new[] { Creator.Subject } });
            await WithholdAsync(oracle, youngPerson, "medication-2", oracle.WithheldFromCarers);

            var breakGlass = Add(new FuzzPersona($"paramedic who broke glass on {tag}", PersonaKind.Professional, PersonaWorld.Oracle,
                FuzzPersona.Named("health", NameFor("Paula Paramedic"), ["professional"], "health", "Ambulance Service"), null));
            await OkAsync(breakGlass, "mutation($id: ID!) { breakGlass(passportId: $id, reason: \"Unconscious at the roadside, family not present\") { id } }", new { id = oracle.Id });
            oracle.BreakGlass = breakGlass;
            oracle.Involved.Add(breakGlass);
        }

        if (freeze)
        {
            await OkAsync(socialCare, "mutation($id: ID!) { setFamilyAccessFrozen(passportId: $id, frozen: true, reason: \"Section 47 enquiry under way\") { id } }", new { id = oracle.Id });
            oracle.IsFamilyFrozen = true;
        }

        return oracle;
    }

    private async Task JoinAsync(OraclePassport oracle, FuzzPersona professional)
    {
        var code = (await OkAsync(Creator, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id = oracle.Id, s = professional.Sector }))["createShareCode"]!["code"]!.GetValue<string>();
        await OkAsync(professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });
        oracle.Involved.Add(professional);
    }

    private async Task WithholdAsync(OraclePassport oracle, FuzzPersona by, string itemKey, HashSet<string> from)
    {
        var marker = Markers.Values.First(m => m.Passport == oracle && m.ItemKey == itemKey);
        await OkAsync(by, "mutation($id: ID!, $g: String!, $item: ID!) { setItemWithheld(passportId: $id, group: $g, itemId: $item, withheld: true) { id } }", new { id = oracle.Id, g = marker.Group, item = marker.ItemId });
        from.Add(marker.ItemId!);
        oracle.ShowsNameIn(by, marker.Group!);
    }

    /// <summary>Everything the family reports, in every group the family may write.</summary>
    private async Task RecordFamilyContentAsync(OraclePassport oracle)
    {
        var id = oracle.Id;
        var version = (await OkAsync(Creator, "query($id: ID!) { passport(id: $id) { version } }", new { id }))["passport"]!["version"]!.GetValue<int>();
        await OkAsync(Creator, "mutation($id: ID!, $v: Int!, $input: AboutMeInput!) { updateAboutMe(passportId: $id, expectedVersion: $v, input: $input) { id } }", new
        {
            id,
            v = version,
            input = new
            {
                communication = Mark(oracle, "aboutMe"),
                importantToMe = Mark(oracle, "aboutMe"),
                likes = Mark(oracle, "aboutMe"),
                dislikes = Mark(oracle, "aboutMe"),
                whatUpsetsMe = Mark(oracle, "aboutMe"),
                howToHelpMe = Mark(oracle, "aboutMe"),
                howIShowPain = Mark(oracle, "aboutMe"),
                mustKnow = Mark(oracle, "aboutMe"),
            },
        });
        await RecordAsync("addEmergencyContact", "ContactInput", new { name = Mark(oracle, "contacts.emergency", "contact"), relationship = Mark(oracle, "contacts.emergency", "contact"), parentalResponsibility = true, phone = "07700 900123" });
        await RecordAsync("recordAllergy", "AllergyInput", new { substance = Mark(oracle, "health.emergency", "allergy"), reaction = Mark(oracle, "health.emergency", "allergy"), severity = "MODERATE" });
        await RecordAsync("recordAlert", "AlertInput", new { title = Mark(oracle, "health.emergency", "alert"), details = Mark(oracle, "health.emergency", "alert") });
        await RecordAsync("recordEmergencyCarePlan", "EmergencyCarePlanInput", new { title = Mark(oracle, "health.emergency", "care-plan"), plan = Mark(oracle, "health.emergency", "care-plan") });
        await RecordAsync("recordEquipment", "EquipmentInput", new { name = Mark(oracle, "health.emergency", "equipment"), notes = Mark(oracle, "health.emergency", "equipment") });
        await RecordAsync("recordCondition", "ConditionInput", new { name = Mark(oracle, "health.clinical", "condition"), onset = "2020-03-01" });
        await RecordAsync("recordMedication", "MedicationInput", new { name = Mark(oracle, "health.clinical", "medication-1"), dose = Mark(oracle, "health.clinical", "medication-1"), howITakeIt = Mark(oracle, "health.clinical", "medication-1") });
        await RecordAsync("recordMedication", "MedicationInput", new { name = Mark(oracle, "health.clinical", "medication-2"), route = Mark(oracle, "health.clinical", "medication-2"), frequency = Mark(oracle, "health.clinical", "medication-2") });
        await RecordAsync("recordClinician", "ClinicianInput", new { name = Mark(oracle, "health.clinical", "clinician"), role = Mark(oracle, "health.clinical", "clinician"), service = Mark(oracle, "health.clinical", "clinician"), contact = Mark(oracle, "health.clinical", "clinician") });
        await RecordAsync("recordGrowthMeasurement", "GrowthMeasurementInput", new { measuredOn = "2024-06-01", heightCm = 120.5 });
        await RecordAsync("recordGrowthMeasurement", "GrowthMeasurementInput", new { measuredOn = "2025-01-15", heightCm = 125.5 });
        await RecordAsync("recordImmunisation", "ImmunisationInput", new { vaccine = Mark(oracle, "health.immunisations", "immunisation"), givenOn = "2019-06-01" });
        await RecordAsync("setEducationSetting", "EducationSettingInput", new { name = Mark(oracle, "education.setting", "setting"), yearGroup = "Year 4", sencoContact = Mark(oracle, "education.setting", "setting") });
        await RecordAsync("setSenSupport", "SenInput", new { level = "SEN_SUPPORT", ehcpStatus = "NONE", needs = Mark(oracle, "education.sen", "sen"), reasonableAdjustments = Mark(oracle, "education.sen", "sen"), healthcarePlanInSchool = Mark(oracle, "education.sen", "sen") });
        await RecordAsync("addActivity", "ActivityInput", new { name = Mark(oracle, "leisure.activities", "activity"), supportNeeded = Mark(oracle, "leisure.activities", "activity"), swimmingAbility = Mark(oracle, "leisure.activities", "activity"), dietaryNeeds = Mark(oracle, "leisure.activities", "activity") });

        Task RecordAsync(string mutation, string inputType, object input) =>
            OkAsync(Creator, $"mutation($id: ID!, $input: {inputType}!) {{ {mutation}(passportId: $id, input: $input) {{ id }} }}", new { id, input });
    }

    /// <summary>Reads back every item's id (as the creator and the social worker) and ties each marker to its item.</summary>
    private async Task LearnItemIdsAsync(OraclePassport oracle)
    {
        var family = (await OkAsync(Creator, """
            query($id: ID!) { passport(id: $id) {
              emergencyContacts { id name }
              health { allergies { id substance } alerts { id title } emergencyCarePlans { id title } equipment { id name }
                       conditions { id name } medications { id name } clinicians { id name } growth { id heightCm } immunisations { id vaccine } }
              education { setting { id name } sen { id needs } } leisure { activities { id name } } } }
            """, new { id = oracle.Id }))["passport"]!;
        var social = (await OkAsync(oracle.CareTeam["social-care"], """
            query($id: ID!) { passport(id: $id) { socialCare { legalStatus { id responsibleAuthority } involvement { id allocatedWorker } safeguarding { id note } } } }
            """, new { id = oracle.Id }))["passport"]!;

        Bind(family["emergencyContacts"], "contacts.emergency", "name");
        Bind(family["health"]!["allergies"], "health.emergency", "substance");
        Bind(family["health"]!["alerts"], "health.emergency", "title");
        Bind(family["health"]!["emergencyCarePlans"], "health.emergency", "title");
        Bind(family["health"]!["equipment"], "health.emergency", "name");
        Bind(family["health"]!["conditions"], "health.clinical", "name");
        Bind(family["health"]!["medications"], "health.clinical", "name");
        Bind(family["health"]!["clinicians"], "health.clinical", "name");
        Bind(family["health"]!["immunisations"], "health.immunisations", "vaccine");
        Bind(new JsonArray(family["education"]!["setting"]!.DeepClone()), "education.setting", "name");
        Bind(new JsonArray(family["education"]!["sen"]!.DeepClone()), "education.sen", "needs");
        Bind(family["leisure"]!["activities"], "leisure.activities", "name");
        Bind(new JsonArray(social["socialCare"]!["legalStatus"]!.DeepClone()), "socialCare.legalStatus", "responsibleAuthority");
        Bind(new JsonArray(social["socialCare"]!["involvement"]!.DeepClone()), "socialCare.involvement", "allocatedWorker");
        Bind(social["socialCare"]!["safeguarding"], RegionPolicy.Safeguarding, "note");

        // Growth measurements carry no text: told apart by height.
        foreach (var measurement in family["health"]!["growth"]!.AsArray())
        {
            var itemId = measurement!["id"]!.GetValue<string>();
            var key = measurement["heightCm"]!.GetValue<double>() > 125 ? "growth-2" : "growth-1";
            oracle.Items[itemId] = "health.growth";
            Markers[itemId] = new Marker(itemId) { Passport = oracle, Group = "health.growth", ItemKey = key, ItemId = itemId };
        }

        void Bind(JsonNode? items, string group, string textField)
        {
            foreach (var item in items!.AsArray())
            {
                var itemId = item!["id"]!.GetValue<string>();
                var text = item[textField]!.GetValue<string>();
                var key = Markers[text].ItemKey!;
                foreach (var marker in Markers.Values.Where(m => m.Passport == oracle && m.ItemKey == key))
                {
                    marker.ItemId = itemId;
                }

                oracle.Items[itemId] = group;
                Markers[itemId] = new Marker(itemId) { Passport = oracle, Group = group, ItemKey = key, ItemId = itemId };
            }
        }
    }

    /// <summary>Passports the fuzzer may change: a care team of every sector, a young person and a view-only carer on the first.</summary>
    private async Task SeedWritePassportsAsync(int count)
    {
        var team = RegionPolicy.Sectors.Select(sector => Add(new FuzzPersona($"{sector} professional on the write passports", PersonaKind.Professional, PersonaWorld.Write,
            FuzzPersona.Named(sector, $"{sector} writer", ["professional"], sector, $"{sector} writers' organisation"), null))).ToList();
        var youngPerson = Add(new FuzzPersona("young person on W1", PersonaKind.YoungPerson, PersonaWorld.Write, FuzzPersona.Named("yp", "Young writer", ["young-person"]), null));
        var viewOnly = Add(new FuzzPersona("view-only carer on W1", PersonaKind.ViewOnlyCarer, PersonaWorld.Write, FuzzPersona.Named("carer", "Viewing carer", ["carer"]), null));
        var paramedic = Add(new FuzzPersona("health professional who may break glass on the write passports", PersonaKind.Professional, PersonaWorld.Write,
            FuzzPersona.Named("health", "Writing paramedic", ["professional"], "health", "Ambulance Service"), null));
        WriteSubjects.AddRange([.. team.Select(p => p.Subject!), youngPerson.Subject!, viewOnly.Subject!, paramedic.Subject!, Creator.Subject!]);

        for (var i = 1; i <= count; i++)
        {
            var id = (await OkAsync(Creator, "mutation($input: CreatePassportInput!) { createPassport(input: $input) { id } }", new
            {
                input = new { givenName = $"Writer{i}", familyName = "Fuzz", dateOfBirth = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-7 - i).ToString("yyyy-MM-dd"), nhsNumber = NhsNumbers.Next(), localAuthority = Cornwall },
            }))["createPassport"]!["id"]!.GetValue<string>();
            WritePassports.Add(id);
            foreach (var professional in team)
            {
                var code = (await OkAsync(Creator, "mutation($id: ID!, $s: String!) { createShareCode(passportId: $id, sector: $s) { code } }", new { id, s = professional.Sector }))["createShareCode"]!["code"]!.GetValue<string>();
                await OkAsync(professional, "mutation($c: String!) { redeemShareCode(code: $c) { id } }", new { c = code });
            }

            await OkAsync(Creator, "mutation($id: ID!) { recordAllergy(passportId: $id, input: { substance: \"Peanuts\", severity: SEVERE }) { id } }", new { id });
            await OkAsync(Creator, "mutation($id: ID!) { recordMedication(passportId: $id, input: { name: \"Melatonin\" }) { id } }", new { id });
            await OkAsync(Creator, "mutation($id: ID!) { addEmergencyContact(passportId: $id, input: { name: \"Mum\", relationship: \"Mother\", parentalResponsibility: true, phone: \"07700 900123\" }) { id } }", new { id });
            await OkAsync(Creator, "mutation($id: ID!) { setEducationSetting(passportId: $id, input: { name: \"Truro Primary\" }) { id } }", new { id });
            await OkAsync(Creator, "mutation($id: ID!) { addActivity(passportId: $id, input: { name: \"Swimming\" }) { id } }", new { id });
            var socialWorker = team.Single(p => p.Sector == "social-care");
            await OkAsync(socialWorker, "mutation($id: ID!) { addSafeguardingNote(passportId: $id, note: \"Note\") { id } }", new { id });
            await OkAsync(socialWorker, "mutation($id: ID!) { recordInvolvement(passportId: $id, input: { allocatedWorker: \"Worker\" }) { id } }", new { id });

            if (i == 1)
            {
                var ypCode = (await OkAsync(Creator, "mutation($id: ID!) { inviteYoungPerson(passportId: $id) { code } }", new { id }))["inviteYoungPerson"]!["code"]!.GetValue<string>();
                await OkAsync(youngPerson, "mutation($c: String!) { acceptYoungPersonInvitation(code: $c) { id } }", new { c = ypCode });
                var carerCode = (await OkAsync(Creator, "mutation($id: ID!) { inviteCarer(passportId: $id, mayEdit: false, mayManageSharing: false, mayInvite: false) { code } }", new { id }))["inviteCarer"]!["code"]!.GetValue<string>();
                await OkAsync(viewOnly, "mutation($c: String!) { acceptCarerInvitation(code: $c) { id } }", new { c = carerCode });
            }

            var items = (await OkAsync(Creator, "query($id: ID!) { passport(id: $id) { emergencyContacts { id } health { allergies { id } medications { id } } education { setting { id } } leisure { activities { id } } } }", new { id }))["passport"]!;
            var notes = (await OkAsync(socialWorker, "query($id: ID!) { passport(id: $id) { socialCare { safeguarding { id } involvement { id } } } }", new { id }))["passport"]!;
            WriteItems.AddRange(IdsIn(items).Concat(IdsIn(notes)));
        }
    }

    private static IEnumerable<string> IdsIn(JsonNode node) => node switch
    {
        JsonObject o => o.SelectMany(p => p.Key == "id" && p.Value is JsonValue v ? [v.GetValue<string>()] : p.Value is null ? [] : IdsIn(p.Value)),
        JsonArray a => a.Where(x => x is not null).SelectMany(x => IdsIn(x!)),
        _ => [],
    };

    private Task<GraphQLResponse> GraphQLAsync(FuzzPersona persona, string query, object? variables) =>
        PassportFixture.GraphQLAsync(_fixture.Http, persona.Token!, query, variables);

    private async Task<JsonNode> OkAsync(FuzzPersona persona, string query, object? variables = null)
    {
        var response = await GraphQLAsync(persona, query, variables);
        return response.Errors.Count == 0 && response.Status == 200 && response.Data is not null
            ? response.Data
            : throw new InvalidOperationException($"Seeding failed for {persona.Label}: {query}\n{response.Body}");
    }
}

/// <summary>A word seeded into exactly one place (a group of one passport, an item, a person's name, a carer's private details).</summary>
public sealed class Marker(string text)
{
    public string Text { get; } = text;

    public OraclePassport? Passport { get; init; }

    public string? Group { get; init; }

    public string? ItemKey { get; init; }

    public string? ItemId { get; set; }

    public FuzzPersona? Person { get; init; }

    public FuzzPersona? PrivateTo { get; init; }

    /// <summary>Where the marker was seeded, without the item: the rule a leak of it breaks.</summary>
    public string Place =>
        PrivateTo is not null ? $"the private contact details of {PrivateTo.Label}"
        : Person is not null ? $"the name of {Person.Label}"
        : $"{Group} of {Passport!.Name}";

    public string Describe() => Place + (ItemId is null ? "" : $" (item {ItemId}{(ItemKey is null ? "" : $", {ItemKey}")})");
}
