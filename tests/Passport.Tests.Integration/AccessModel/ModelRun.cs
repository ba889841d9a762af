using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration.AccessModel;

internal sealed record ModelSettings(int Seed, int Passports, int Epochs, int ReadsPerEpoch, int WritesPerEpoch, int InFlight);

/// <summary>A trial where the host and the model disagree.</summary>
internal sealed record Mismatch(string Trial, string Actor, string State, string Operation, string Rule, string Expected, string Actual, string ActualKind, string Body)
{
    public string Group => $"{Rule}\n      expected {Expected}; the host gave {ActualKind}";

    public string Full(int seed) =>
        $"""
        seed {seed}, trial {Trial}
          persona:   {Actor}
          state:     {State}
          operation: {Operation}
          rule:      {Rule}
          expected:  {Expected}
          host:      {Actual}
          response:  {(Body.Length > 1500 ? Body[..1500] + "…" : Body)}
        """;
}

/// <summary>
/// Drives a pool of passports on the real host through random valid state changes, and at each
/// state runs random reads (concurrently: the state is fixed while they run) and random writes
/// (in order, per passport), comparing every answer with <see cref="AccessRules"/>.
/// </summary>
internal sealed class ModelRun(HttpClient http, Func<Persona, string> issueToken, ModelSettings settings)
{
    /// <summary>Short breaks is switched on for Cornwall's children and off for Devon's.</summary>
    public const string Cornwall = "E06000052";
    public const string Devon = "E10000008";

    private readonly SemaphoreSlim _inFlight = new(settings.InFlight, settings.InFlight);
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Mismatch> _mismatches = new();
    private readonly Actor[] _strangers =
    [
        Actor.Professional("m-stranger-health", Sectors.Health, "Elsewhere Hospital"),
        Actor.Professional("m-stranger-social-care", Sectors.SocialCare, "Elsewhere Council"),
        Actor.Professional("m-stranger-education", Sectors.Education, "Elsewhere School"),
        Actor.Professional("m-stranger-leisure", Sectors.Leisure, "Elsewhere Club"),
        Actor.Carer("m-stranger-carer"),
        Actor.YoungPerson("m-stranger-yp"),
        Actor.Auditor("m-auditor"),
        Actor.LocalAuthorityAdmin("m-la-admin", Cornwall),
        Actor.Commissioner("m-commissioner"),
    ];

    private int _reads;
    private int _writes;
    private int _setupSteps;
    private int _requests;
    private readonly ConcurrentDictionary<string, int> _coverage = new(StringComparer.Ordinal);

    public int Reads => _reads;
    public int Writes => _writes;
    public int SetupSteps => _setupSteps;
    public int Trials => _reads + _writes;
    public IReadOnlyList<Mismatch> Mismatches => [.. _mismatches];

    public async Task RunAsync()
    {
        var admin = Actor.LocalAuthorityAdmin("m-cornwall-admin", Cornwall);
        var enabled = await SendAsync(admin, "mutation { setModuleEnabled(localAuthority: \"E06000052\", module: \"short-breaks\", enabled: true) { enabled } }", null);
        if (enabled.Data?["setModuleEnabled"]?["enabled"]?.GetValue<bool>() != true)
        {
            throw new InvalidOperationException($"Short breaks could not be enabled for Cornwall: {enabled.Body}");
        }

        await Task.WhenAll(Enumerable.Range(0, settings.Passports).Select(RunPassportAsync));
    }

    private async Task RunPassportAsync(int index)
    {
        var rng = new Random(unchecked((settings.Seed * 1_000_003) + index));
        var ages = new[] { 3, 9, 13, 15, 16, 17, 18, 21, 24 };
        var dateOfBirth = PassportState.Today.AddYears(-ages[rng.Next(ages.Length)]).AddDays(-rng.Next(20, 330));
        var localAuthority = rng.Next(2) == 0 ? Cornwall : Devon;
        var state = new PassportState(index, localAuthority, localAuthority == Cornwall, dateOfBirth);
        var generate = new TrialGenerator(state, rng, _strangers);
        await SetUpAsync(state, generate);

        for (var epoch = 0; epoch < settings.Epochs; epoch++)
        {
            var reads = Enumerable.Range(0, settings.ReadsPerEpoch).Select(_ => generate.NextRead()).ToList();
            await Task.WhenAll(reads.Select(read => ReadAsync(state, read)));
            for (var i = 0; i < settings.WritesPerEpoch; i++)
            {
                var (op, actor, id) = generate.NextWrite();

                // Strangers stay strangers on every passport: they never try codes, so no account nears the guessing limit.
                if (!_strangers.Contains(actor))
                {
                    state.Join(actor);
                }

                await WriteAsync(state, actor, op, id);
                Interlocked.Increment(ref _writes);
            }
        }
    }

    // ---------------------------------------------------------------- the passport's starting state

    /// <summary>Creates the passport and gives it a family, a care team, information, sharing choices and perhaps withholding, control or a freeze.</summary>
    private async Task SetUpAsync(PassportState s, TrialGenerator g)
    {
        var roll = g.Random.NextDouble();
        var creatorSector = g.Pick(Sectors.All);
        var creator = roll < 0.8 ? g.FreshCarer()
            : roll < 0.92 ? g.FreshProfessional(creatorSector, g.Organisation(creatorSector, 'A'))
            : g.FreshYoungPerson();

        var created = await SendAsync(creator, "mutation($input: CreatePassportInput!) { createPassport(input: $input) { id } }", new
        {
            input = new { givenName = "Model", familyName = $"Child {s.Index}", dateOfBirth = s.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), localAuthority = s.LocalAuthority },
        });
        s.Id = created.Data?["createPassport"]?["id"]?.GetValue<string>() ?? throw new InvalidOperationException($"createPassport failed: {created.Body}");
        s.Creator = creator;
        s.Join(creator);
        if (creator.IsCarer)
        {
            s.Carers.Add(new CarerLink(creator.Subject, isCreator: true, true, true, true));
        }
        else if (creator.IsYoungPerson)
        {
            s.YoungPerson = creator.Subject;
        }
        else
        {
            s.CareTeam.Add(new Member(creator.Subject, creator.Sector!, creator.Organisation, "created the passport"));
        }

        if (creator.IsCarer)
        {
            for (var i = g.Random.Next(3); i > 0; i--)
            {
                var invite = OpBuilder.InviteCarer(s, g.Chance(0.5), g.Chance(0.4), g.Chance(0.4));
                if (await StepAsync(s, creator, invite) is { } code)
                {
                    await StepAsync(s, g.FreshCarer(), OpBuilder.AcceptCarerInvitation(code, "an open invitation"));
                }
            }

            // Now and then an invitation is left open, for acceptances later (a second young person, a carer after take-control).
            if (g.Chance(0.3))
            {
                await StepAsync(s, creator, OpBuilder.InviteCarer(s, g.Chance(0.5), false, false));
            }

            if (g.Chance(0.6) && await StepAsync(s, creator, OpBuilder.InviteYoungPerson(s)) is { } youngPersonCode)
            {
                if (g.Chance(0.3))
                {
                    await StepAsync(s, creator, OpBuilder.InviteYoungPerson(s));
                }

                await StepAsync(s, g.FreshYoungPerson(), OpBuilder.AcceptYoungPersonInvitation(youngPersonCode, "an open invitation"));
            }
        }

        var manager = creator.IsProfessional ? null : creator;
        foreach (var sector in Sectors.All)
        {
            if (manager is not null && g.Chance(0.65) && await StepAsync(s, manager, OpBuilder.CreateShareCode(s, sector)) is { } shareCode)
            {
                await StepAsync(s, g.FreshProfessional(sector, g.Organisation(sector, 'A')), OpBuilder.RedeemShareCode(shareCode, $"an open code for {sector}"));
            }
        }

        if (g.Chance(0.6))
        {
            await AnyoneAllowedAsync(s, g, OpBuilder.UpdateAboutMe(s, 1, isStale: false));
        }

        foreach (var kind in ItemKind.All)
        {
            for (var i = g.Random.Next(kind == ItemKind.Contact || kind == ItemKind.Allergy ? 3 : 2); i > 0; i--)
            {
                await AnyoneAllowedAsync(s, g, OpBuilder.RecordItem(s, kind, s.NextItemNumber));
            }
        }

        foreach (var kind in RecordKind.All.Where(_ => g.Chance(0.5)))
        {
            await AnyoneAllowedAsync(s, g, OpBuilder.SetRecord(s, kind, s.NextItemNumber, kind == RecordKind.LegalStatus ? g.Pick(RecordKind.Statuses) : null));
        }

        var professional = s.Cast.FirstOrDefault(a => AccessRules.Relationship(s, a)?.Basis == Basis.CareTeam);
        if (professional is not null && g.Chance(0.3))
        {
            await StepAsync(s, professional, OpBuilder.AddCareTeamColleague(s, g.FreshProfessional(professional.Sector!, professional.Organisation!), "same sector and organisation"));
        }

        if (manager is not null)
        {
            var cells = Sectors.All.SelectMany(sector => Groups.Content.Where(group => group != Groups.ShortBreaksPlan && RegionPolicy.FamilyMayChange(sector, group)).Select(group => (sector, group))).ToList();
            for (var i = g.Random.Next(4); i > 0; i--)
            {
                var (sector, group) = g.Pick(cells);
                await StepAsync(s, manager, OpBuilder.SetSharing(s, sector, group, !AccessRules.IsShared(s, sector, group)));
            }
        }

        var withholdable = s.Items.Where(i => ItemKind.Withholdable.Contains(i.Kind)).ToList();
        if (withholdable.Count > 0 && g.Chance(0.35))
        {
            await AnyoneAllowedAsync(s, g, OpBuilder.SetItemWithheld(s, g.Pick(withholdable), true));
        }

        if (s.YoungPerson is { } youngPerson && s.Age >= 16 && g.Chance(0.5))
        {
            await StepAsync(s, s.ActorOf(youngPerson)!, OpBuilder.TakeControl(s, s.Carers.Where(_ => g.Chance(0.4)).Select(c => c.Subject).ToList()));
        }

        if (s.CareTeam.Any(m => m.Sector == Sectors.SocialCare) && g.Chance(0.15))
        {
            await AnyoneAllowedAsync(s, g, OpBuilder.SetFamilyAccessFrozen(s, true));
        }
    }

    /// <summary>A setup step by the first of the cast the model says may do it (skipped when nobody may).</summary>
    private async Task AnyoneAllowedAsync(PassportState s, TrialGenerator g, WriteOp op)
    {
        var allowed = s.Cast.Where(a => AccessRules.Predict(s, a, op).IsOk).ToList();
        if (allowed.Count > 0)
        {
            await StepAsync(s, g.Pick(allowed), op);
        }
    }

    /// <summary>A setup step the model says is allowed; returns the code it issued, if any.</summary>
    private async Task<string?> StepAsync(PassportState s, Actor actor, WriteOp op)
    {
        if (!AccessRules.Predict(s, actor, op).IsOk)
        {
            throw new InvalidOperationException($"A setup step the model does not allow: {op.Summary} by {s.Describe(actor)}\n{s.Describe()}");
        }

        s.Join(actor);
        Interlocked.Increment(ref _setupSteps);
        var response = await WriteAsync(s, actor, op, $"{s.Index}.setup{++s.Steps}");
        return response.Data?[op.Mutation]?["code"]?.GetValue<string>();
    }

    // ---------------------------------------------------------------- writes

    private async Task<GraphQLResponse> WriteAsync(PassportState s, Actor actor, WriteOp op, string trial)
    {
        if (op.Kind == OpKind.UpdateAboutMe)
        {
            var current = await SendAsync(s.Creator, "query($id: ID!) { passport(id: $id) { version } }", new { id = s.Id });
            var version = current.Data?["passport"]?["version"]?.GetValue<int>() ?? 1;
            op.Variables["v"] = op.IsStaleVersion ? version - 1 : version;
        }

        var prediction = AccessRules.Predict(s, actor, op);
        var stateBefore = s.Describe();
        var actorBefore = s.Describe(actor);
        var response = await SendAsync(actor, op.Document, op.Variables);
        var outcome = OutcomeOf(response, op.Mutation);
        Count($"[write {op.Mutation}] {prediction.Rule}");
        if (!prediction.Allows(outcome))
        {
            // A request the schema rejects is one finding, whoever sent it.
            var rule = outcome.IsSchemaError ? $"[write {op.Mutation}] the schema takes this request: {outcome.Message}" : $"[write {op.Mutation}] {prediction.Rule}";
            _mismatches.Enqueue(new Mismatch(trial, $"{actorBefore}: {actor}", stateBefore, op.Summary, rule, outcome.IsSchemaError ? "an answer from the resolver" : prediction.Expected, outcome.ToString() + (outcome.Message is null ? "" : $": {outcome.Message}"), outcome.ToString(), response.Body));
        }

        Follow(s, actor, op, outcome, response);
        return response;
    }

    private static Outcome OutcomeOf(GraphQLResponse response, string mutation)
    {
        var error = response.Errors.FirstOrDefault(e => e?["path"] is JsonArray path && path.Count == 1 && path[0]!.GetValue<string>() == mutation)
            ?? response.Errors.FirstOrDefault(e => e?["path"] is null);
        if (error is not null)
        {
            return new Outcome(error["extensions"]?["code"]?.GetValue<string>() ?? "an error with no code", error["extensions"]?["field"]?.GetValue<string>(), error["message"]?.GetValue<string>())
            {
                IsSchemaError = error["path"] is null,
            };
        }

        return response.Status != 200 ? new Outcome($"HTTP {response.Status}", null, null)
            : response.Data?[mutation] is null ? new Outcome("null with no error", null, null)
            : new Outcome(Outcome.Ok, null, null);
    }

    /// <summary>The state follows what the host did (not what the model predicted), so one wrong decision is reported once.</summary>
    private static void Follow(PassportState s, Actor actor, WriteOp op, Outcome outcome, GraphQLResponse response)
    {
        // A correction that closes the passport is saved even though the reply is PASSPORT_CLOSED.
        var applied = outcome.IsOk || (op.Kind == OpKind.UpdateChildDetails && outcome.Code == Prediction.PassportClosed && !s.IsClosed);
        if (!applied)
        {
            return;
        }

        var data = response.Data?[op.Mutation];
        switch (op.Kind)
        {
            case OpKind.UpdateAboutMe:
                s.HasAboutMe = true;
                break;
            case OpKind.UpdateChildDetails:
                s.DateOfBirth = op.DateOfBirth!.Value;
                break;
            case OpKind.SetNhsNumber:
                s.NhsNumber = op.NhsNumber;
                break;
            case OpKind.RecordItem:
                var kind = op.ItemKind!;
                var path = kind.ListPath.Split('.');
                var list = (path.Length == 1 ? data?[path[0]] : data?[path[0]]?[path[1]]) as JsonArray;
                var fresh = list?.Select(e => e?["id"]?.GetValue<string>() ?? "").Where(id => !s.Items.Exists(i => i.Id == id)).ToList();
                if (fresh is [var id])
                {
                    s.Items.Add(new ModelItem(kind, id, s.NextItemNumber++));
                }
                else
                {
                    s.Desynced.Add(kind.Group);
                }

                break;
            case OpKind.EndItem:
                s.Items.Remove(op.Item!);
                if (op.Item!.Withheld is not null)
                {
                    s.EndedWithheldItems.Add(op.Item);
                }

                break;
            case OpKind.SetRecord:
                var record = op.RecordKind!;
                var steps = record.Path.Split('.');
                if (data?[steps[0]]?[steps[1]]?["id"]?.GetValue<string>() is { } recordId)
                {
                    s.Records[record.Name] = recordId;
                }
                else
                {
                    s.Desynced.Add(record.Group);
                }

                if (op.LegalStatus is not null)
                {
                    s.LegalStatus = op.LegalStatus;
                }

                break;
            case OpKind.EndRecord:
                s.Records.Remove(op.RecordKind!.Name);
                break;
            case OpKind.CreateShareCode:
                s.ShareCodes.Add(new IssuedCode(data!["code"]!.GetValue<string>(), op.Sector!));
                break;
            case OpKind.RedeemShareCode:
                s.ShareCodes.Find(c => c.Code == op.Code)?.IsUsed = true;
                s.CareTeam.RemoveAll(m => m.Subject == actor.Subject);
                s.CareTeam.Add(new Member(actor.Subject, actor.Sector!, actor.Organisation, "share code"));
                s.Removed.Remove(actor.Subject);
                break;
            case OpKind.SetSharing:
                s.Choices[(op.Sector!, op.Group!)] = op.Flag;
                break;
            case OpKind.RemoveCareTeamMember:
                s.CareTeam.RemoveAll(m => m.Subject == op.Target!.Subject);
                s.Removed.Add(op.Target!.Subject);
                break;
            case OpKind.AddCareTeamColleague:
                s.Join(op.Colleague!);
                s.CareTeam.RemoveAll(m => m.Subject == op.Colleague!.Subject);
                s.CareTeam.Add(new Member(op.Colleague!.Subject, actor.Sector!, actor.Organisation, "handover"));
                break;
            case OpKind.SetItemWithheld:
                op.Item!.Withheld = !op.Flag ? null
                    : actor.IsYoungPerson ? new Withholding(Audience.Carers, actor.Subject, ByYoungPerson: true)
                    : new Withholding(Audience.Family, actor.Subject, ByYoungPerson: false);
                break;
            case OpKind.InviteCarer:
                s.CarerInvitations.Add(new CarerInvitation(data!["code"]!.GetValue<string>(), op.MayEdit, op.MayManageSharing, op.MayInvite));
                break;
            case OpKind.AcceptCarerInvitation:
                if (s.CarerInvitations.Find(i => i.Code == op.Code) is { } invitation)
                {
                    invitation.IsUsed = true;
                    s.Carers.RemoveAll(c => c.Subject == actor.Subject);
                    s.Carers.Add(new CarerLink(actor.Subject, isCreator: false, invitation.MayEdit, invitation.MayManageSharing, invitation.MayInvite));
                }

                break;
            case OpKind.InviteYoungPerson:
                s.YoungPersonInvitations.Add(new YoungPersonInvitation(data!["code"]!.GetValue<string>()));
                break;
            case OpKind.AcceptYoungPersonInvitation:
                s.YoungPersonInvitations.Find(i => i.Code == op.Code)?.IsUsed = true;
                s.YoungPerson = actor.Subject;
                break;
            case OpKind.TakeControl:
                s.IsControlTaken = true;
                foreach (var carer in s.Carers.Where(c => !op.Keep.Contains(c.Subject)))
                {
                    carer.MayEdit = carer.MayManageSharing = carer.MayInvite = false;
                }

                s.CarerInvitations.Where(i => !i.IsUsed).ToList().ForEach(i => i.IsVoid = true);
                break;
            case OpKind.SetFamilyAccessFrozen:
                s.IsFrozen = op.Flag;
                break;
            case OpKind.BreakGlass:
                s.BreakGlass.Add(actor.Subject);
                break;
            default:
                // Amendments, verification and reviews change nothing the model compares.
                break;
        }
    }

    // ---------------------------------------------------------------- reads

    private async Task ReadAsync(PassportState s, ReadTrial read)
    {
        Interlocked.Increment(ref _reads);
        var grant = AccessRules.Relationship(s, read.Actor);
        if (read.IsAccessLog)
        {
            var prediction = AccessLogPrediction(s, read.Actor, grant);
            var logged = await SendAsync(read.Actor, "query($id: ID!) { accessLog(passportId: $id, first: 1) { basis } }", new { id = s.Id });
            var outcome = OutcomeOf(logged, "accessLog");
            Count($"[read accessLog] {prediction.Rule}");
            if (!prediction.Allows(outcome))
            {
                Report(s, read, $"[read accessLog] {prediction.Rule}", prediction.Expected, outcome.ToString(), outcome.ToString(), logged);
            }

            return;
        }

        var expectations = grant is null || AccessRules.PassportRefusal(s, read.Actor, grant) is not null
            ? []
            : read.Fields.Select(f => (Field: f, Expectation: AccessRules.Expect(s, grant, f))).ToList();
        var response = await SendAsync(read.Actor, ReadField.Query(read.Fields), new { id = s.Id });
        var errors = response.Errors.Select(e => (Path: string.Join('.', (e?["path"] as JsonArray ?? []).Select(p => p!.ToString())), Code: e?["extensions"]?["code"]?.GetValue<string>() ?? "no code", Message: e?["message"]?.GetValue<string>() ?? "")).ToList();
        var passport = response.Data?["passport"] as JsonObject;

        if (AccessRules.PassportRefusal(s, read.Actor, grant) is { } refusal)
        {
            Count($"[read passport] {refusal.Rule}");
            var actual = passport is not null ? "the passport" : string.Join(", ", errors.Select(e => $"{e.Code} at {e.Path}"));
            if (passport is not null || errors.Count != 1 || errors[0].Code != refusal.Code || errors[0].Path != "passport")
            {
                Report(s, read, $"[read passport] {refusal.Rule}", $"null with {refusal.Code}", actual, passport is not null ? "the passport" : actual, response);
            }
            else if (refusal.Code == Prediction.PassportClosed && StatesClosingDay(errors[0].Message, s.ClosesOn))
            {
                Report(s, read, "[read passport] a closed passport's message does not state the closing day", "no closing day in the message", errors[0].Message, "a message naming the closing day", response);
            }

            return;
        }

        // A null passport with errors only below it is a non-null field's error propagating up: the fields say which.
        var reported = _mismatches.Count;
        var claimed = new HashSet<int>();
        foreach (var (field, expectation) in expectations)
        {
            var at = errors.FindIndex(e => e.Path == field.Path || (e.Path.Length > "passport".Length && field.Path.StartsWith(e.Path + ".", StringComparison.Ordinal)));
            if (at >= 0)
            {
                claimed.Add(at);
            }

            if (expectation.IsAnything || (passport is null && at < 0))
            {
                continue;
            }

            var rule = $"[read {field.Path}] {expectation.Rule}";
            Count(rule);
            var value = field.ValueIn(passport);
            if (expectation.Errors is { } codes)
            {
                if (at < 0)
                {
                    Report(s, read, rule, expectation.Expected, $"a value: {value?.ToJsonString() ?? "null without an error"}", "a value", response);
                }
                else if (!codes.Contains(errors[at].Code))
                {
                    Report(s, read, rule, expectation.Expected, $"{errors[at].Code} at {errors[at].Path}", errors[at].Code, response);
                }
            }
            else if (at >= 0)
            {
                Report(s, read, rule, "a value", $"{errors[at].Code} at {errors[at].Path}", errors[at].Code, response);
            }
            else if (expectation.Check!(value) is { } difference)
            {
                Report(s, read, rule, "the model's value", difference, "a different value", response);
            }
        }

        if (passport is null && _mismatches.Count == reported)
        {
            var codes = string.Join(", ", errors.Select(e => $"{e.Code} at {e.Path}"));
            Report(s, read, "[read passport] a viewer with a relationship gets the passport", "the passport", $"null: {codes}", $"null: {string.Join(", ", errors.Select(e => e.Code).Distinct())}", response);
            return;
        }

        for (var i = 0; i < errors.Count; i++)
        {
            if (!claimed.Contains(i))
            {
                Report(s, read, $"[read {errors[i].Path}] no error beyond the fields the rules refuse", "no error", $"{errors[i].Code} at {errors[i].Path}", errors[i].Code, response);
            }
        }
    }

    private static Prediction AccessLogPrediction(PassportState s, Actor actor, Grant? grant) =>
        actor.Role == "auditor" ? Prediction.Ok("an auditor reads any passport's access log")
        : grant is null ? Prediction.Refused(Prediction.NotFound, "no relationship: the access log is NOT_FOUND")
        : s.IsClosed ? Prediction.OneOf("the access log of a closed passport", Prediction.PassportClosed, Prediction.NotFound, Prediction.Forbidden)
        : !grant.IsFamily ? Prediction.OneOf("only the family and auditors read the access log", Prediction.NotFound, Prediction.Forbidden)
        : s.IsFrozen ? Prediction.Refused(Prediction.Forbidden, "a frozen family does not read the access log")
        : Prediction.Ok("the family reads its passport's access log");

    private static bool StatesClosingDay(string message, DateOnly day) =>
        new[] { "yyyy-MM-dd", "d MMMM yyyy", "dd/MM/yyyy", "d MMM yyyy" }.Any(format => message.Contains(day.ToString(format, CultureInfo.InvariantCulture), StringComparison.OrdinalIgnoreCase));

    private void Report(PassportState s, ReadTrial read, string rule, string expected, string actual, string actualKind, GraphQLResponse response) =>
        _mismatches.Enqueue(new Mismatch(read.Id, $"{s.Describe(read.Actor)}: {read.Actor}", s.Describe(), read.Summary, rule, expected, actual, actualKind, response.Body));

    private void Count(string rule) => _coverage.AddOrUpdate(rule, 1, (_, n) => n + 1);

    /// <summary>How often each rule decided a trial: a rule never reached tests nothing.</summary>
    public string Coverage() =>
        $"Rules exercised ({_coverage.Count}):\n" + string.Join('\n', _coverage.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"  {r.Value,5} × {r.Key}"));

    // ---------------------------------------------------------------- the host

    private async Task<GraphQLResponse> SendAsync(Actor actor, string query, object? variables)
    {
        var token = _tokens.GetOrAdd(actor.Subject, _ => issueToken(actor.Persona));
        Interlocked.Increment(ref _requests);
        await _inFlight.WaitAsync();
        try
        {
            return await PassportFixture.GraphQLAsync(http, token, query, variables);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    // ---------------------------------------------------------------- the report

    public string Summary(TimeSpan elapsed)
    {
        var mismatches = Mismatches.OrderBy(m => m.Trial, StringComparer.Ordinal).ToList();
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"Access model: seed {settings.Seed}, {Trials} trials ({Reads} reads, {Writes} writes) and {SetupSteps} setup steps on {settings.Passports} passports: {_requests} requests in {elapsed.TotalSeconds:0.0} s; {mismatches.Count} mismatches.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Reproduce with PASSPORT_MODEL_SEED={settings.Seed}.");
        if (mismatches.Count == 0)
        {
            return text.ToString();
        }

        text.AppendLine().AppendLine("Mismatches by rule (count, rule, what the rules expect and what the host gave, an example trial):");
        foreach (var group in mismatches.GroupBy(m => m.Group).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal))
        {
            var example = group.First();
            text.AppendLine(CultureInfo.InvariantCulture, $"  {group.Count(),5} × {group.Key}");
            text.AppendLine(CultureInfo.InvariantCulture, $"        e.g. trial {example.Trial}: {example.Operation} by {example.Actor}; host: {example.Actual}");
        }

        text.AppendLine().AppendLine("First mismatch:").AppendLine(mismatches[0].Full(settings.Seed));
        return text.ToString();
    }

    public static ModelSettings SettingsFromEnvironment()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("PASSPORT_MODEL_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given)
            ? given
            : Random.Shared.Next(1, int.MaxValue);
        var only = Environment.GetEnvironmentVariable("PASSPORT_MODEL_OPERATIONS")?.Trim().ToLowerInvariant();
        var (reads, writes) = only switch
        {
            "reads" => (22, 0),
            "writes" => (0, 22),
            _ => (15, 7),
        };
        return new ModelSettings(seed, Passports: 40, Epochs: 6, reads, writes, InFlight: 6);
    }
}
