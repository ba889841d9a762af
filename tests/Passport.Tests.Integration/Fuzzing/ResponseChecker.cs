using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Passport.Tests.Integration.Fuzzing;

/// <summary>One broken rule, with what shows it.</summary>
public sealed record Violation(string Rule, string Detail);

/// <summary>
/// Judges one response: no 5xx, no internals, only documented error codes, and nothing outside what
/// the persona may see, checked twice: by walking <c>data</c> along the document that produced it
/// (aliases, fragments and all) against the field groups, and by scanning the whole body for the
/// markers seeded into places the persona may not see.
/// </summary>
public sealed partial class ResponseChecker(FuzzSchema schema, FuzzWorld world)
{
    /// <summary>SPEC §7, plus PASSPORT_CLOSED (Passport.Sdk ErrorCodes) and the endpoint's own BAD_REQUEST (docs/architecture.md, Errors).</summary>
    public static readonly IReadOnlySet<string> DocumentedCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "FIELD_NOT_PERMITTED", "VALIDATION_FAILED", "DUPLICATE", "VERSION_CONFLICT",
        "MODULE_NOT_ENABLED", "MODULE_UNAVAILABLE", "QUERY_TOO_COMPLEX", "RATE_LIMITED", "PASSPORT_CLOSED", "BAD_REQUEST",
    };

    /// <summary>GraphQL.NET's document-level refusals that carry no spec section number (and the host's introspection rule).</summary>
    private static readonly IReadOnlySet<string> DocumentCodes = new HashSet<string>(StringComparer.Ordinal)
    {
        "SYNTAX_ERROR", "NO_OPERATION", "NO_OPERATION_NAME", "INVALID_OPERATION_NAME", "NO_INTROSPECTION",
    };

    [GeneratedRegex("Zq[a-z]{8}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\\d{10}")]
    private static partial Regex MarkerPattern();

    public IReadOnlyList<Violation> Check(FuzzPersona persona, FuzzRequest request, int status, string body, FuzzStatistics statistics)
    {
        var found = new List<Violation>();
        if (status >= 500)
        {
            found.Add(new Violation($"HTTP {status}", "a server error"));
            if (body.Length == 0)
            {
                return found;
            }
        }

        foreach (var token in HostileText.LeakTokens.Where(t => body.Contains(t, StringComparison.Ordinal)))
        {
            found.Add(new Violation($"internals in the response body: '{token}'", token));
        }

        // Kestrel's own refusals of an oversized body, request line or headers come without a body, before authentication.
        if (body.Length == 0 && status is 413 or 414 or 431)
        {
            return found;
        }

        if (persona.Kind == PersonaKind.BadToken)
        {
            if (status != 401 || !body.Contains("UNAUTHENTICATED", StringComparison.Ordinal) || body.Contains("\"data\"", StringComparison.Ordinal))
            {
                found.Add(new Violation($"{persona.Label} not refused with 401 UNAUTHENTICATED", $"status {status}"));
            }

            return found;
        }

        JsonNode? json;
        try
        {
            json = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            found.Add(new Violation("response body is not JSON", $"status {status}"));
            return found;
        }

        var executed = json is JsonObject root && root.ContainsKey("data");
        if (request.Mode == "mutation")
        {
            var refusal = (json?["errors"] as JsonArray)?.FirstOrDefault(e => e?["path"] is JsonArray { Count: 1 })?["extensions"]?["code"]?.GetValue<string>();
            statistics.Count($"valid mutation documents: {(refusal is null ? executed ? "accepted" : "not executed" : "refused " + refusal)}");
        }

        CheckErrors(request, json?["errors"] as JsonArray, executed, found, statistics);
        CheckMarkers(persona, body, found);

        if (json?["data"] is JsonObject data)
        {
            var graphQLRequest = GraphQLRequestOf(request);
            var walked = graphQLRequest is not null && new DataWalk(schema, world, persona, graphQLRequest.Value.Variables, found, statistics).Walk(graphQLRequest.Value.Query, graphQLRequest.Value.OperationName, data);
            statistics.Count(walked ? "responses with data, walked" : "responses with data the fuzzer could not walk");
        }

        return found;
    }

    private static void CheckErrors(FuzzRequest request, JsonArray? errors, bool executed, List<Violation> found, FuzzStatistics statistics)
    {
        foreach (var error in errors ?? [])
        {
            var extensions = error?["extensions"] as JsonObject;
            var code = extensions?["code"] is JsonValue v && v.TryGetValue<string>(out var c) ? c : null;
            statistics.Count($"error code {code ?? "(none)"}{(executed ? "" : " (not executed)")}");
            if (code is not null && DocumentedCodes.Contains(code))
            {
                continue;
            }

            // GraphQL.NET's own parse and validation errors, before anything runs: the request was not
            // executed (no "data" key) and the error carries the spec section it breaks, or is a document-level refusal.
            var isDocumentError = !executed && (extensions?["number"] is not null || (code is not null && DocumentCodes.Contains(code)));
            if (isDocumentError)
            {
                continue;
            }

            var rule = code switch
            {
                null => "error without extensions.code",
                "INTERNAL_ERROR" => $"INTERNAL_ERROR (an unhandled exception) answering {WhatFailed(request, error)}",
                _ => $"error code {code} is not in SPEC §7",
            };
            found.Add(new Violation(rule, Truncate(error?.ToJsonString(), 600)));
        }
    }

    /// <summary>Which root field failed (from the error's path), or the kind of document when nothing ran.</summary>
    private static string WhatFailed(FuzzRequest request, JsonNode? error)
    {
        var key = error?["path"] is JsonArray { Count: > 0 } path ? path[0]?.ToString() : null;
        var query = GraphQLRequestOf(request)?.Query;
        if (key is null || query is null)
        {
            return $"a {request.Mode} document";
        }

        try
        {
            var field = Parser.Parse(query).Definitions.OfType<GraphQLOperationDefinition>()
                .SelectMany(o => o.SelectionSet.Selections.OfType<GraphQLField>())
                .FirstOrDefault(f => (f.Alias?.Name.StringValue ?? f.Name.StringValue) == key);
            return field is null ? $"a {request.Mode} document" : field.Name.StringValue;
        }
        catch (GraphQLParserException)
        {
            return $"a {request.Mode} document";
        }
    }

    private void CheckMarkers(FuzzPersona persona, string body, List<Violation> found)
    {
        foreach (var match in MarkerPattern().Matches(body).Select(m => m.Value).Distinct())
        {
            if (world.Markers.TryGetValue(match, out var marker) && !world.MaySee(persona, marker))
            {
                found.Add(new Violation($"{marker.Place} reached {persona.Label}", $"'{match}' is {marker.Describe()}"));
            }
        }
    }

    private static (string Query, JsonObject? Variables, string? OperationName)? GraphQLRequestOf(FuzzRequest request)
    {
        if (request.Query is not null)
        {
            return (request.Query, request.Variables, request.OperationName);
        }

        try
        {
            return JsonNode.Parse(request.Body) is JsonObject body && body["query"] is JsonValue query && query.TryGetValue<string>(out var text)
                ? (text, body["variables"] as JsonObject, body["operationName"] is JsonValue name && name.TryGetValue<string>(out var n) ? n : null)
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public static string Truncate(string? text, int length) => FuzzRequest.Truncate(text, length);

    /// <summary>Walks the data of one response along the operation that produced it.</summary>
    private sealed class DataWalk(FuzzSchema schema, FuzzWorld world, FuzzPersona persona, JsonObject? variables, List<Violation> found, FuzzStatistics statistics)
    {
        private Dictionary<string, GraphQLFragmentDefinition> _fragments = [];

        public bool Walk(string query, string? operationName, JsonObject data)
        {
            GraphQLDocument document;
            try
            {
                document = Parser.Parse(query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = 256 });
            }
            catch (GraphQLParserException)
            {
                return false;
            }

            _fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
                .GroupBy(f => f.FragmentName.Name.StringValue)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
            var operation = operationName is null
                ? operations.Count == 1 ? operations[0] : null
                : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
            if (operation is null || operation.Operation is not (OperationType.Query or OperationType.Mutation))
            {
                return false;
            }

            var rootType = operation.Operation == OperationType.Query ? "Query" : "Mutation";
            foreach (var (key, fields) in Collect(rootType, [operation.SelectionSet]))
            {
                if (data.TryGetPropertyValue(key, out var value))
                {
                    Root(rootType, fields, value, key);
                }
            }

            return true;
        }

        private void Root(string rootType, List<GraphQLField> fields, JsonNode? value, string key)
        {
            var field = fields[0];
            var name = field.Name.StringValue;
            if (!schema.Objects[rootType].Fields.TryGetValue(name, out var shape))
            {
                return;
            }

            if (rootType == "Mutation")
            {
                Mutation(name, field, fields, shape, value, key);
                return;
            }

            switch (name)
            {
                case "me" when persona.Kind == PersonaKind.OtherClientRoles && value is JsonObject viewer:
                    foreach (var (rolesKey, _) in Collect("Viewer", SubSelections(fields)).Where(f => f.Value[0].Name.StringValue == "roles"))
                    {
                        if (viewer[rolesKey] is JsonArray { Count: > 0 } roles)
                        {
                            found.Add(new Violation("roles from another client's resource_access were granted", $"me.roles = {roles.ToJsonString()}"));
                        }
                    }

                    break;
                case "passport":
                    Passport(fields, value, Argument(field, "id"), key);
                    break;
                case "myPassports" when value is JsonArray list:
                    foreach (var passport in list)
                    {
                        Passport(fields, passport, null, key);
                    }

                    break;
                case "accessLog" when value is JsonArray:
                    var logOf = Argument(field, "passportId");
                    if (logOf is not null && persona.Kind != PersonaKind.Auditor && !world.AccessOf(persona, logOf).ReadsAccessLog)
                    {
                        found.Add(new Violation($"access log shown to {persona.Label}", $"accessLog({logOf})"));
                    }

                    break;
                case "history" when value is JsonArray entries:
                    History(fields, entries, Argument(field, "passportId"));
                    break;
                case "notifications" when value is JsonArray { Count: > 0 }:
                    var about = Argument(field, "passportId");
                    if (about is not null && !world.AccessOf(persona, about).IsFamily)
                    {
                        found.Add(new Violation($"a family's notifications shown to {persona.Label}", $"notifications({about})"));
                    }

                    break;
                case "myNotifications" when value is JsonArray notifications:
                    MyNotifications(fields, notifications);
                    break;
            }
        }

        private void Mutation(string name, GraphQLField field, List<GraphQLField> fields, FieldShape shape, JsonNode? value, string key)
        {
            if (value is null)
            {
                return;
            }

            statistics.Count($"accepted {name}");
            var target = Argument(field, "passportId");
            if (target is not null && world.IsOracle(target))
            {
                found.Add(new Violation($"{name} on an oracle passport accepted from {persona.Label}, who has no relationship with it", $"{name}(passportId: {target})"));
            }

            if (WriteRules.MayEverSucceed(name, persona) == false)
            {
                found.Add(new Violation($"{name} accepted from {persona.Label}: SPEC §4's write table never allows it", $"{name}(passportId: {target ?? "-"})"));
            }

            if (name is "createShareCode" or "inviteCarer" or "inviteYoungPerson" && value is JsonObject issued && (target is null || !world.IsOracle(target)))
            {
                foreach (var code in issued.Select(p => p.Value).OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).Where(s => s is { Length: 9 } && s[4] == '-'))
                {
                    world.Codes.Add(code!);
                }
            }

            if (shape.Type.NamedType == "Passport")
            {
                Passport(fields, value, target, key);
            }
        }

        private void Passport(List<GraphQLField> fields, JsonNode? value, string? argumentId, string path)
        {
            if (value is not JsonObject passport)
            {
                return;
            }

            var selections = Collect("Passport", SubSelections(fields));
            var id = selections.Where(s => s.Value[0].Name.StringValue == "id").Select(s => passport[s.Key]).OfType<JsonValue>().Select(v => v.GetValue<string>()).FirstOrDefault() ?? argumentId;
            var access = world.AccessOf(persona, id);
            if (!access.HasRelationship)
            {
                found.Add(new Violation($"a passport was shown to {persona.Label}, who has no relationship with it", $"{path}: passport {id ?? "(id not selected)"}"));
                return;
            }

            var oracle = world.Oracles.FirstOrDefault(o => o.Id == id);
            foreach (var (key, sub) in selections)
            {
                if (!passport.TryGetPropertyValue(key, out var child) || child is null)
                {
                    continue;
                }

                var name = sub[0].Name.StringValue;
                var at = $"{path}.{key}";
                switch (name)
                {
                    case "careTeam" or "carers" when child is JsonArray members:
                        Members(name, sub, members, access, oracle, at);
                        break;
                    case "reviews" when child is JsonArray reviews:
                        foreach (var (groupKey, _) in Collect("SectionReview", SubSelections(sub)).Where(f => f.Value[0].Name.StringValue == "group"))
                        {
                            foreach (var group in reviews.Select(r => r?[groupKey]?.GetValue<string>()).Where(g => g is not null && !access.Sees(g)))
                            {
                                found.Add(new Violation($"review of {group} shown to {persona.Label}", at));
                            }
                        }

                        break;
                    case "sharing" when !access.ReadsAccessLog:
                        found.Add(new Violation($"sharing settings shown to {persona.Label}", at));
                        break;

                    // Like the sharing settings: the family's own (ADR 18).
                    case "emergencyCard" when !access.ReadsAccessLog:
                        found.Add(new Violation($"the emergency card shown to {persona.Label}", at));
                        break;
                    case "withheldItems" when child is JsonArray withheld:
                        WithheldItems(sub, withheld, access, oracle, at);
                        break;
                    default:
                        if (!schema.Objects["Passport"].Fields.TryGetValue(name, out var shape))
                        {
                            break;
                        }

                        if (FieldGroups.SectionTypes.Contains(shape.Type.NamedType))
                        {
                            Section(shape.Type.NamedType, sub, child, access, at);
                        }
                        else if (FieldGroups.Of.TryGetValue(("Passport", name), out var groups))
                        {
                            Grouped(groups, shape.Type.NamedType, sub, child, access, at);
                        }

                        break;
                }
            }
        }

        private void Section(string type, List<GraphQLField> fields, JsonNode section, ExpectedAccess access, string path)
        {
            if (section is not JsonObject sectionObject)
            {
                return;
            }

            foreach (var (key, sub) in Collect(type, SubSelections(fields)))
            {
                if (sectionObject.TryGetPropertyValue(key, out var value) && value is not null
                    && FieldGroups.Of.TryGetValue((type, sub[0].Name.StringValue), out var groups))
                {
                    var fieldType = schema.Objects[type].Fields[sub[0].Name.StringValue].Type.NamedType;
                    Grouped(groups, fieldType, sub, value, access, $"{path}.{key}");
                }
            }
        }

        /// <summary>A non-null value of a group: the viewer must see every group it needs, and no item withheld from them.</summary>
        private void Grouped(string[] groups, string valueType, List<GraphQLField> fields, JsonNode value, ExpectedAccess access, string path)
        {
            var hidden = groups.Where(g => !access.Sees(g)).ToList();
            if (hidden.Count > 0)
            {
                found.Add(new Violation($"{string.Join("+", hidden)} shown to {persona.Label}", $"{path} = {Truncate(value.ToJsonString(), 200)}"));
                return;
            }

            if (access.WithheldItems.Count > 0 && schema.IsObject(valueType))
            {
                WithheldWithin(valueType, fields, value, access, path);
            }
        }

        private void WithheldWithin(string type, List<GraphQLField> fields, JsonNode value, ExpectedAccess access, string path)
        {
            foreach (var item in value is JsonArray list ? list.OfType<JsonObject>() : value is JsonObject single ? [single] : [])
            {
                foreach (var (key, sub) in Collect(type, SubSelections(fields)).Where(f => f.Value[0].Name.StringValue == "id"))
                {
                    if (item[key] is JsonValue id && access.WithheldItems.Contains(id.GetValue<string>()))
                    {
                        found.Add(new Violation($"an item withheld from {persona.Label} was shown", $"{path}: item {id}"));
                    }
                }
            }
        }

        private void Members(string name, List<GraphQLField> fields, JsonArray members, ExpectedAccess access, OraclePassport? oracle, string path)
        {
            var group = name == "careTeam" ? RegionPolicy.CareTeam : RegionPolicy.Carers;
            var selections = Collect(name == "careTeam" ? "CareTeamMember" : "Carer", SubSelections(fields));
            var subjectKey = selections.FirstOrDefault(s => s.Value[0].Name.StringValue == "subject").Key;
            // An entry whose subject was not returned (not selected, or left out by @skip) may be the viewer's own.
            var identified = subjectKey is null ? [] : members.Where(m => m?[subjectKey] is not null).ToList();
            var ownIsIdentified = identified.Any(m => m![subjectKey!]!.GetValue<string>() == persona.Subject);
            var others = identified.Count(m => m![subjectKey!]!.GetValue<string>() != persona.Subject)
                + Math.Max(0, members.Count - identified.Count - (ownIsIdentified ? 0 : 1));
            if (!access.Sees(group) && others > 0)
            {
                found.Add(new Violation($"{group}: other members listed to {persona.Label}", $"{path}: {others} other entries"));
            }

            if (name == "carers" && oracle is not null && subjectKey is not null)
            {
                foreach (var (key, _) in selections.Where(s => s.Value[0].Name.StringValue is "address" or "phone"))
                {
                    // An entry whose subject was left out (by @skip) may be the viewer's own, whose
                    // details they see: of those, at most one may show them, and none if the
                    // viewer's own entry is identified elsewhere in the list.
                    var shown = members.OfType<JsonObject>().Where(m => m[key] is not null).ToList();
                    var othersShown = shown.Count(m => m[subjectKey] is not null && m[subjectKey]!.GetValue<string>() != persona.Subject)
                        + Math.Max(0, shown.Count(m => m[subjectKey] is null) - (ownIsIdentified ? 0 : 1));
                    if (othersShown > 0)
                    {
                        found.Add(new Violation($"another carer's private contact details shown to {persona.Label}", $"{path}.{key}"));
                    }
                }
            }
        }

        private void WithheldItems(List<GraphQLField> fields, JsonArray withheld, ExpectedAccess access, OraclePassport? oracle, string path)
        {
            if (access.Basis is not (ExpectedBasis.CareTeam or ExpectedBasis.YoungPerson) || access.IsFrozenFamily)
            {
                found.Add(new Violation($"withheldItems shown to {persona.Label}", path));
                return;
            }

            var selections = Collect("WithheldItem", SubSelections(fields));
            foreach (var entry in withheld.OfType<JsonObject>())
            {
                foreach (var (key, sub) in selections)
                {
                    var text = entry[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                    switch (sub[0].Name.StringValue)
                    {
                        case "itemId" when oracle is not null && text is not null && oracle.Items.TryGetValue(text, out var group) && !access.Sees(group):
                            found.Add(new Violation($"withheldItems named an item of {group}, which {persona.Label} may not see", $"{path}: {text}"));
                            break;
                        // A "from" the document skipped (@skip, @include) is absent, which shows nothing.
                        case "from" when access.Basis == ExpectedBasis.YoungPerson && text is not null && text != "CARERS":
                            found.Add(new Violation($"withheldItems showed the young person what a professional withheld from the family", $"{path}: {text}"));
                            break;
                    }
                }
            }
        }

        private void History(List<GraphQLField> fields, JsonArray entries, string? passportId)
        {
            if (passportId is null)
            {
                return;
            }

            var access = world.AccessOf(persona, passportId);
            if (!access.HasRelationship || (access.IsFrozenFamily && entries.Count > 0))
            {
                found.Add(new Violation($"history shown to {persona.Label}", $"history({passportId}): {entries.Count} entries"));
                return;
            }

            foreach (var (key, sub) in Collect("HistoryEntry", SubSelections(fields)))
            {
                foreach (var entry in entries.OfType<JsonObject>())
                {
                    if (!entry.TryGetPropertyValue(key, out var value))
                    {
                        continue;
                    }

                    var text = value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                    switch (sub[0].Name.StringValue)
                    {
                        case "group" when text is null && !access.IsFamily:
                            found.Add(new Violation($"a care-team, invitation or sharing change shown in the history to {persona.Label}", $"history({passportId})"));
                            break;
                        case "group" when text is not null && !access.Sees(text):
                            found.Add(new Violation($"a change to {text} shown in the history to {persona.Label}", $"history({passportId})"));
                            break;
                        case "itemId" when text is not null && access.WithheldItems.Contains(text):
                            found.Add(new Violation($"a change to an item withheld from {persona.Label} shown in the history", $"history({passportId}): {text}"));
                            break;
                    }
                }
            }
        }

        private void MyNotifications(List<GraphQLField> fields, JsonArray notifications)
        {
            var selections = Collect("Notification", SubSelections(fields));
            var passportKey = selections.FirstOrDefault(s => s.Value[0].Name.StringValue == "passportId").Key;
            var kindKey = selections.FirstOrDefault(s => s.Value[0].Name.StringValue == "kind").Key;
            if (passportKey is null)
            {
                return;
            }

            foreach (var notification in notifications.OfType<JsonObject>())
            {
                var passportId = notification[passportKey]?.GetValue<string>();
                var access = world.AccessOf(persona, passportId);
                var kind = kindKey is null ? null : notification[kindKey]?.GetValue<string>();
                if (!access.HasRelationship)
                {
                    found.Add(new Violation($"a notification about a passport {persona.Label} has no relationship with", $"myNotifications: {passportId} ({kind})"));
                }
                else if (kind == "emergency-information" && !(access.Sees("health.emergency") && access.Sees("identity.basic")))
                {
                    found.Add(new Violation($"an emergency-information notification reached {persona.Label}, who may not see health.emergency and identity.basic", $"myNotifications: {passportId}"));
                }
            }
        }

        private string? Argument(GraphQLField field, string name)
        {
            var value = field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == name)?.Value;
            var text = value switch
            {
                GraphQLStringValue s => s.Value.ToString(),
                GraphQLVariable v => variables?[v.Name.StringValue] is JsonValue j && j.TryGetValue<string>(out var t) ? t : null,
                _ => null,
            };
            return text is not null && Guid.TryParse(text, out var id) ? id.ToString() : text;
        }

        private static List<GraphQLSelectionSet> SubSelections(List<GraphQLField> fields) =>
            [.. fields.Select(f => f.SelectionSet).OfType<GraphQLSelectionSet>()];

        /// <summary>The fields of one object's selections by response key, following fragments whose type applies.</summary>
        private Dictionary<string, List<GraphQLField>> Collect(string typeName, List<GraphQLSelectionSet> sets)
        {
            var result = new Dictionary<string, List<GraphQLField>>(StringComparer.Ordinal);
            foreach (var set in sets)
            {
                Collect(typeName, set, result, []);
            }

            return result;
        }

        private void Collect(string typeName, GraphQLSelectionSet set, Dictionary<string, List<GraphQLField>> into, HashSet<string> visiting)
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case GraphQLField field:
                        var key = field.Alias?.Name.StringValue ?? field.Name.StringValue;
                        if (!into.TryGetValue(key, out var list))
                        {
                            into[key] = list = [];
                        }

                        list.Add(field);
                        break;
                    case GraphQLInlineFragment inline when inline.TypeCondition is null || inline.TypeCondition.Type.Name.StringValue == typeName:
                        Collect(typeName, inline.SelectionSet, into, visiting);
                        break;
                    case GraphQLFragmentSpread spread when _fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment)
                        && fragment.TypeCondition.Type.Name.StringValue == typeName && visiting.Add(fragment.FragmentName.Name.StringValue):
                        Collect(typeName, fragment.SelectionSet, into, visiting);
                        visiting.Remove(fragment.FragmentName.Name.StringValue);
                        break;
                }
            }
        }
    }
}

/// <summary>Counts of what the run did, for the report.</summary>
public sealed class FuzzStatistics
{
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);

    public void Count(string what)
    {
        lock (_counts)
        {
            _counts[what] = _counts.GetValueOrDefault(what) + 1;
        }
    }

    public string Report()
    {
        lock (_counts)
        {
            var builder = new StringBuilder();
            foreach (var (what, count) in _counts.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                builder.AppendLine($"  {count,7}  {what}");
            }

            return builder.ToString();
        }
    }
}
