using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Passport.Tests.Integration.Fuzzing;

/// <summary>One HTTP request the fuzzer sends, and what it knows of the GraphQL request inside it.</summary>
public sealed class FuzzRequest
{
    public required string Mode { get; init; }

    public HttpMethod Method { get; init; } = HttpMethod.Post;

    public byte[] Body { get; init; } = [];

    public string? ContentType { get; init; } = "application/json";

    public string? Accept { get; init; }

    public string? QueryString { get; init; }

    /// <summary>Sent without a Content-Length (chunked).</summary>
    public bool IsChunked { get; init; }

    /// <summary>The GraphQL request as the host should read it, when the fuzzer knows it.</summary>
    public string? Query { get; init; }

    public JsonObject? Variables { get; init; }

    public string? OperationName { get; init; }

    public string Describe()
    {
        var what = Method == HttpMethod.Get ? $"GET /graphql?{Truncate(QueryString, 1500)}" : $"POST /graphql ({ContentType ?? "no content type"}{(IsChunked ? ", chunked" : "")}) {Truncate(Encoding.UTF8.GetString(Body), 3000)}";
        return $"[{Mode}] {what}";
    }

    public static string Truncate(string? text, int length) =>
        text is null ? "" : text.Length <= length ? text : text[..length] + $"… ({text.Length} characters)";
}

/// <summary>
/// Random GraphQL documents and variables generated from the schema (valid and broken), byte-level
/// corruptions of valid documents and JSON bodies, and odd HTTP shapes. Each document comes from
/// its own <see cref="Random"/>, so one seed reproduces the same sequence of documents.
/// </summary>
public sealed class DocumentGenerator(FuzzSchema schema, FuzzWorld world)
{
    private static readonly string[] LocalAuthorities =
    [
        "E06000052", "E06000053", "E10000008", "E06000026", "E06000027", "E06000066", "E06000024", "E06000022", "E06000023", "E06000025",
        "E10000013", "E06000030", "E06000054", "E06000059", "E06000058",
    ];

    private static readonly string[] Modules = ["health", "social-care", "education", "leisure", "short-breaks"];

    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTWXYZ23456789";

    public FuzzRequest Next(Random random, FuzzPersona persona) => random.Next(100) switch
    {
        < 32 => Structured(random, persona, isMutation: false, isBroken: false, "query"),
        < 56 => Structured(random, persona, isMutation: true, isBroken: false, "mutation"),
        < 68 => Structured(random, persona, isMutation: random.Next(2) == 0, isBroken: true, "broken document"),
        < 74 => Special(random, persona),
        < 84 => CorruptedDocument(random, persona),
        < 94 => CorruptedBody(random, persona),
        _ => OddHttp(random, persona),
    };

    private FuzzRequest Structured(Random random, FuzzPersona persona, bool isMutation, bool isBroken, string mode)
    {
        var document = Generate(random, persona, isMutation, isBroken);
        return Json(mode, document.Text, document.Variables, document.OperationName, random);
    }

    private static FuzzRequest Json(string mode, string query, JsonObject? variables, string? operationName, Random random)
    {
        var body = new JsonObject { ["query"] = query };
        if (variables is { Count: > 0 } || random.Next(10) == 0)
        {
            body["variables"] = variables?.DeepClone() ?? new JsonObject();
        }

        if (operationName is not null)
        {
            body["operationName"] = operationName;
        }

        return new FuzzRequest
        {
            Mode = mode,
            Body = Encoding.UTF8.GetBytes(body.ToJsonString()),
            Query = query,
            Variables = variables,
            OperationName = operationName,
            Accept = random.Next(5) == 0 ? "application/graphql-response+json" : null,
        };
    }

    /// <summary>
    /// A document built from the schema: valid (hostile values, but every type, argument and
    /// selection right, so it executes), or broken with deliberate mistakes at random places.
    /// </summary>
    public GeneratedDocument Generate(Random random, FuzzPersona persona, bool isMutation, bool isBroken = false)
    {
        var doc = new DocumentState(random, persona, isMutation, isBroken);
        var root = isMutation ? schema.Mutation : schema.Query;
        var count = isMutation ? (random.Next(8) == 0 ? 2 : 1) : random.Next(1, 4);
        var maxDepth = random.Next(10) == 0 ? random.Next(8, 16) : random.Next(2, 7);
        var fields = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var field = PickRootField(random, root, isMutation, persona);
            doc.RootField = field.Name;

            // Two root fields of one name with different arguments cannot merge: alias the second.
            var rootText = FieldText(doc, field, depth: 1, maxDepth);
            fields.Add(i > 0 && !rootText.StartsWith("a_", StringComparison.Ordinal) ? $"r{i}: {rootText}" : rootText);
        }

        if (doc.Breaks(20))
        {
            doc.VariableDefinitions.Add($"$unused{random.Next(9)}: String");
        }

        var name = random.Next(3) == 0 ? "Op" + random.Next(1000) : null;
        var variables = doc.VariableDefinitions.Count > 0 ? "(" + string.Join(", ", doc.VariableDefinitions) + ")" : "";
        var keyword = isMutation ? "mutation" : random.Next(4) == 0 && name is null && variables.Length == 0 ? "" : "query";
        var header = keyword.Length == 0 ? "" : keyword + (name is null ? "" : " " + name) + variables + " ";
        var text = header + "{ " + string.Join(" ", fields) + " }" + string.Concat(doc.Fragments.Select(f => " " + f));
        var operationName = name is not null && random.Next(3) == 0 ? (doc.Breaks(3) ? "Other" : name) : null;
        return new GeneratedDocument(text, doc.Variables, operationName);
    }

    private static FieldShape PickRootField(Random random, ObjectTypeShape root, bool isMutation, FuzzPersona persona)
    {
        var fields = root.Fields.Values.ToList();
        if (isMutation && persona.World == PersonaWorld.Write && random.Next(10) < 6)
        {
            // Mostly changes this persona's kind may make, so that many get through and change state.
            var theirs = fields.Where(f => WriteRules.MayEverSucceed(f.Name, persona) == true).ToList();
            return theirs.Count > 0 ? theirs[random.Next(theirs.Count)] : fields[random.Next(fields.Count)];
        }

        if (!isMutation && random.Next(2) == 0)
        {
            // The passport read is where leaks would be: weight it.
            return root.Fields[random.Next(3) == 0 ? "myPassports" : "passport"];
        }

        return fields[random.Next(fields.Count)];
    }

    private string FieldText(DocumentState doc, FieldShape field, int depth, int maxDepth)
    {
        var random = doc.Random;
        var alias = random.Next(10) == 0 ? "a_" + HostileText.Identifier(random) + ": " : "";
        var arguments = field.Arguments.Count > 0 ? ArgumentsText(doc, field) : doc.Breaks(40) ? "(bogus: 1)" : "";
        var directive = random.Next(20) == 0 ? Directive(doc) : "";
        var named = field.Type.NamedType;
        string selection;
        if (schema.IsObject(named))
        {
            selection = doc.Breaks(40) ? "" : depth >= maxDepth ? "{ __typename }" : SelectionSet(doc, named, depth + 1, maxDepth);
        }
        else
        {
            selection = doc.Breaks(40) ? "{ value }" : "";
        }

        return $"{alias}{field.Name}{arguments}{directive} {selection}";
    }

    private string SelectionSet(DocumentState doc, string typeName, int depth, int maxDepth)
    {
        var random = doc.Random;
        var type = schema.Objects[typeName];
        var parts = new List<string>();
        if (typeName == "Passport" && random.Next(15) != 0)
        {
            parts.Add("id");
        }

        var chance = depth <= 2 ? 45 : 30;
        foreach (var field in type.Fields.Values)
        {
            if (random.Next(100) < chance)
            {
                parts.Add(FieldText(doc, field, depth, maxDepth));
            }
        }

        if (parts.Count == 0)
        {
            var fields = type.Fields.Values.ToList();
            parts.Add(FieldText(doc, fields[random.Next(fields.Count)], depth, maxDepth));
        }

        if (random.Next(12) == 0)
        {
            parts.Add("__typename");
        }

        if (doc.Breaks(15))
        {
            parts.Add(HostileText.Identifier(random));
        }

        if (random.Next(12) == 0 && parts.Count > 1)
        {
            var moved = parts[^1];
            parts[^1] = random.Next(3) == 0 ? "... { " + moved + " }" : $"... on {(doc.Breaks(10) ? "Viewer" : typeName)} {{ {moved} }}";
        }

        if (random.Next(16) == 0 && parts.Count > 1)
        {
            var name = "F" + doc.Fragments.Count + "x" + random.Next(1000);
            var moved = parts[0];
            parts[0] = "..." + name + (random.Next(30) == 0 ? " @include(if: false)" : "");
            doc.Fragments.Add($"fragment {name} on {(doc.Breaks(15) ? "Nope" : typeName)} {{ {moved} }}");
        }

        return "{ " + string.Join(" ", parts) + " }";
    }

    private string Directive(DocumentState doc)
    {
        var random = doc.Random;
        return random.Next(doc.IsBroken ? 9 : 5) switch
        {
            0 => " @include(if: true)",
            1 => " @include(if: false)",
            2 => " @skip(if: true)",
            3 => " @skip(if: false)",
            4 => $" @skip(if: {Variable(doc, "Boolean!", FuzzValue.Of(random.Next(2) == 0))})",
            5 => " @deprecated",
            6 => " @" + HostileText.Identifier(random),
            7 => " @include",
            _ => " @include(if: \"yes\")",
        };
    }

    private string ArgumentsText(DocumentState doc, FieldShape field)
    {
        var random = doc.Random;
        var parts = new List<string>();
        foreach (var argument in field.Arguments)
        {
            var include = argument.Type.IsNonNull ? !doc.Breaks(10) : random.Next(2) == 0;
            if (!include)
            {
                continue;
            }

            var value = ValueFor(doc, argument.Name, argument.Type, depth: 0);
            parts.Add($"{argument.Name}: {(random.Next(100) < 45 ? Variable(doc, DeclaredType(doc, argument.Type), value) : value.Literal)}");
        }

        if (doc.Breaks(15))
        {
            parts.Add($"{HostileText.Identifier(random)}: 1");
        }

        if (doc.Breaks(25))
        {
            parts.Add("undeclared: $nowhere");
        }

        return parts.Count == 0 ? "" : "(" + string.Join(", ", parts) + ")";
    }

    /// <summary>The argument's type, or in a broken document now and then a wrong one.</summary>
    private static string DeclaredType(DocumentState doc, TypeRef type) => !doc.IsBroken ? type.ToString() : doc.Random.Next(6) switch
    {
        0 => type.IsNonNull ? type.ToString().TrimEnd('!') : type + "!",
        1 => new[] { "String", "Int", "ID!", "Boolean", "Float", "Nope", "[String]", "Date" }[doc.Random.Next(8)],
        _ => type.ToString(),
    };

    private static string Variable(DocumentState doc, string declaredType, FuzzValue value)
    {
        var random = doc.Random;
        var name = "v" + doc.VariableDefinitions.Count;
        var definition = $"${name}: {declaredType}";
        if (random.Next(25) == 0)
        {
            definition += " = " + value.Literal;
        }

        doc.VariableDefinitions.Add(definition);
        if (!doc.Breaks(15))
        {
            doc.Variables[name] = value.Json?.DeepClone();
        }

        return "$" + name;
    }

    private FuzzValue ValueFor(DocumentState doc, string name, TypeRef type, int depth)
    {
        var random = doc.Random;
        if (random.Next(30) == 0 && (!type.IsNonNull || doc.Breaks(3)))
        {
            return FuzzValue.Null;
        }

        if (doc.Breaks(12))
        {
            return WrongKind(random);
        }

        if (type.IsList)
        {
            var count = random.Next(60) == 0 ? random.Next(50, 400) : random.Next(0, 4);
            if (random.Next(10) == 0)
            {
                return ValueFor(doc, name, type.OfType!, depth + 1);
            }

            return FuzzValue.List(Enumerable.Range(0, count).Select(_ => ValueFor(doc, name, type.OfType!, depth + 1)));
        }

        var named = type.Name!;
        if (schema.Inputs.TryGetValue(named, out var inputFields))
        {
            if (depth > 4)
            {
                return FuzzValue.Null;
            }

            var fields = inputFields
                .Where(f => f.Type.IsNonNull ? !doc.Breaks(8) : random.Next(2) == 0)
                .Select(f => (f.Name, ValueFor(doc, f.Name, f.Type, depth + 1)))
                .ToList();
            if (doc.Breaks(10))
            {
                fields.Add((HostileText.Identifier(random), FuzzValue.Of(1L)));
            }

            return FuzzValue.Object(fields);
        }

        if (schema.Enums.TryGetValue(named, out var values))
        {
            return !doc.Breaks(4) ? FuzzValue.Enum(values[random.Next(values.Count)])
                : random.Next(2) == 0 ? FuzzValue.Enum(values[random.Next(values.Count)].ToLowerInvariant())
                : FuzzValue.Of(values[random.Next(values.Count)]);
        }

        return named switch
        {
            "Int" => IntFor(doc, name),
            "Float" => FloatFor(doc),
            "Boolean" => FuzzValue.Of(random.Next(2) == 0),
            "Date" => FuzzValue.Of(HostileText.Date(random, wellFormed: !doc.IsBroken)),
            "DateTime" => FuzzValue.Of(doc.Breaks(3) ? HostileText.Any(random) : DateTimeOffset.UtcNow.AddDays(random.Next(-9000, 9000)).ToString("O", CultureInfo.InvariantCulture)),
            _ => FuzzValue.Of(TextFor(doc, name)),
        };
    }

    private static FuzzValue WrongKind(Random random) => random.Next(7) switch
    {
        0 => FuzzValue.Of(42L),
        1 => FuzzValue.Of(4.2),
        2 => FuzzValue.Of(true),
        3 => FuzzValue.Of("x"),
        4 => FuzzValue.Enum("FOO"),
        5 => FuzzValue.Object([("a", FuzzValue.Of(1L))]),
        _ => FuzzValue.List([FuzzValue.Of(1L)]),
    };

    private static FuzzValue IntFor(DocumentState doc, string name)
    {
        var random = doc.Random;
        if (doc.Breaks(8))
        {
            // Out of Int's range: refused as a literal and as a variable.
            var big = random.Next(2) == 0 ? "2147483648" : "99999999999999999999";
            return new FuzzValue(big, JsonNode.Parse(big));
        }

        return FuzzValue.Of(name switch
        {
            "expectedVersion" => random.Next(10) == 0 ? random.Next(-5, 5) : random.Next(1, 40),
            "first" => random.Next(6) switch { 0 => -1, 1 => 0, 2 => int.MaxValue, 3 => random.Next(190, 1200), _ => random.Next(1, 60) },
            "preferredOrder" => random.Next(-2, 8),
            _ => random.Next(5) switch { 0 => int.MinValue, 1 => int.MaxValue, 2 => 0, _ => random.Next(-1000, 1000) },
        });
    }

    private static FuzzValue FloatFor(DocumentState doc) => doc.Random.Next(doc.IsBroken ? 8 : 3) switch
    {
        0 => FuzzValue.Of(0.0),
        1 => FuzzValue.Of(-1.5),
        2 => FuzzValue.Of(Math.Round(doc.Random.NextDouble() * 260, 1)),
        3 => new FuzzValue("1e400", JsonNode.Parse("1e400")),
        4 => FuzzValue.Of(5e-324),
        5 => FuzzValue.Of(1e308),
        _ => FuzzValue.Of(Math.Round(doc.Random.NextDouble() * 260, 1)),
    };

    private string TextFor(DocumentState doc, string name)
    {
        var random = doc.Random;
        return name switch
        {
            "passportId" => PassportId(doc),
            "id" when doc.RootField == "passport" => PassportId(doc),
            "itemId" or "contactId" or "activityId" or "noteId" => ItemId(random),
            "code" => Code(doc),
            "sector" => random.Next(10) < 7 ? new[] { "health", "social-care", "education", "leisure", "short-breaks" }[random.Next(5)] : Pick(random, "Health", "", "admin", "social care", "lеisure", HostileText.Any(random)),
            "group" => random.Next(10) < 7 ? RegionPolicy.Groups.ElementAt(random.Next(RegionPolicy.Groups.Count())) : Pick(random, "health", "identity", "socialCare.*", "shortBreaks.plan", HostileText.Any(random)),
            "subject" => random.Next(10) < 6 && world.WriteSubjects.Count > 0 ? world.WriteSubjects[random.Next(world.WriteSubjects.Count)] : HostileText.Any(random),
            "keepCarers" => random.Next(10) < 6 && world.WriteSubjects.Count > 0 ? world.WriteSubjects[random.Next(world.WriteSubjects.Count)] : HostileText.Any(random),
            "localAuthority" => random.Next(10) < 6 ? LocalAuthorities[random.Next(LocalAuthorities.Length)] : Pick(random, "E09000001", "e06000052", "W06000001", HostileText.Any(random)),
            "module" => random.Next(10) < 7 ? Modules[random.Next(Modules.Length)] : HostileText.Any(random),
            "nhsNumber" => random.Next(5) switch
            {
                0 => NhsNumbers.Next(),
                1 => NhsNumbers.Next().Insert(6, " ").Insert(3, " "),
                2 => "9434765918",
                3 => "12345",
                _ => HostileText.Any(random),
            },
            "reason" => random.Next(3) == 0 ? HostileText.Any(random) : "Child collapsed at school, parents not reachable",
            _ when !doc.IsBroken && random.Next(2) == 0 => Pick(random, "Sam", "Peanuts", "Hives", "Year 4", "Swimming club", "1:1 support in the water", "Mum", "07700 900123", "Epilepsy", "Buccal midazolam", "5 mg", "Dr Okafor"),
            "yearGroup" => Pick(random, "Year 3", "Reception", HostileText.Any(random)),
            "urn" => Pick(random, "123456", "12345", "abcdef", HostileText.Any(random)),
            "phone" => Pick(random, "07700 900123", "+44 7700 900123", "not a phone", HostileText.Any(random)),
            _ => HostileText.Any(random),
        };
    }

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];

    /// <summary>
    /// A passport id: queries may name any passport; changes only the write passports, or oracle
    /// passports the persona never had a relationship with (every such change must be refused),
    /// so the oracle's state stays what seeding made it.
    /// </summary>
    private string PassportId(DocumentState doc)
    {
        var random = doc.Random;
        List<string> writable = [], refusing = [];
        if (doc.IsMutation)
        {
            // Break-glass would give an oracle-world persona a relationship the oracle does not know of.
            if (doc.RootField != "breakGlass" || doc.Persona.World == PersonaWorld.Write)
            {
                writable.AddRange(world.WritePassports);
            }

            if (doc.RootField != "breakGlass")
            {
                refusing.AddRange(world.Oracles.Where(o => !o.AccessOf(doc.Persona).HasRelationship && !IsInvolved(o, doc.Persona)).Select(o => o.Id));
            }
        }
        else
        {
            refusing.AddRange(world.Oracles.Select(o => o.Id));
            writable.AddRange(world.WritePassports);
        }

        // Write-world personas mostly change the write passports, so that changes get through.
        var roll = random.Next(100);
        var writableShare = doc.IsMutation && doc.Persona.World == PersonaWorld.Write ? 80 : 40;
        var known = roll < writableShare ? writable : roll < 85 ? refusing : [];
        if (known.Count == 0)
        {
            known = [.. writable, .. refusing];
        }

        if (known.Count > 0 && roll < 80)
        {
            return known[random.Next(known.Count)];
        }

        if (known.Count > 0 && roll < 85)
        {
            // The same id written differently: must resolve to the same passport and access.
            var id = Guid.Parse(known[random.Next(known.Count)]);
            return Pick(random, id.ToString("D").ToUpperInvariant(), id.ToString("B"), id.ToString("N"), " " + id + " ");
        }

        return roll < 93 ? Guid.NewGuid().ToString() : Pick(random, "", "not-a-guid", "00000000-0000-0000-0000-000000000000", "1", "../passport", Guid.NewGuid() + "x", HostileText.Any(random));
    }

    /// <summary>Someone who had a relationship once (removed, break-glass) may not change an oracle passport either way.</summary>
    private static bool IsInvolved(OraclePassport oracle, FuzzPersona persona) => oracle.Involved.Contains(persona);

    private string ItemId(Random random) => random.Next(10) switch
    {
        < 7 when world.WriteItems.Count > 0 => world.WriteItems[random.Next(world.WriteItems.Count)],
        < 8 => Guid.NewGuid().ToString(),
        _ => Pick(random, "", "not-an-id", "1", HostileText.Any(random)),
    };

    private string Code(DocumentState doc)
    {
        var random = doc.Random;
        if (doc.Persona.World == PersonaWorld.Write && doc.Persona.Kind != PersonaKind.ViewOnlyCarer && random.Next(10) < 4 && world.Codes.TryTake(out var code))
        {
            return code;
        }

        var guessed = new string(Enumerable.Range(0, 8).Select(_ => CodeAlphabet[random.Next(CodeAlphabet.Length)]).ToArray());
        return random.Next(4) switch
        {
            0 => guessed[..4] + "-" + guessed[4..],
            1 => guessed.ToLowerInvariant(),
            2 => guessed[..4] + " " + guessed[4..],
            _ => HostileText.Any(random),
        };
    }

    /// <summary>Shapes a schema walk rarely makes: many aliases, deep nesting, cycles, introspection, several operations.</summary>
    private FuzzRequest Special(Random random, FuzzPersona persona)
    {
        string Id() => world.Oracles[random.Next(world.Oracles.Count)].Id;
        var valid = Generate(random, persona, isMutation: false);
        var (mode, query, operationName) = random.Next(13) switch
        {
            0 => ("many aliases", "{ " + string.Concat(Enumerable.Range(0, random.Next(50, 250)).Select(i => $"a{i}: passport(id: \"{Id()}\") {{ id child {{ givenName nhsNumber }} health {{ allergies {{ id substance }} }} }} ")) + "}", (string?)null),
            1 => ("many aliases", "{ " + string.Concat(Enumerable.Range(0, random.Next(200, 2500)).Select(i => $"m{i}: me {{ subject }} ")) + "}", null),
            2 => ("deep nesting", Nested("{ myPassports { ", "health { ", "__typename", random.Next(12, 80)) + " } }", null),
            3 => ("deep nesting", "query { passport(id: \"" + Id() + "\") { ...A } } fragment A on Passport { id ...B } fragment B on Passport { child { givenName } ...A }", null),
            4 => ("introspection", random.Next(2) == 0 ? "{ __schema { types { name fields { name } } } }" : "{ __type(name: \"Passport\") { name fields { name type { name } } } }", null),
            5 => ("subscription", "subscription { me { subject } }", null),
            6 => ("several operations", "query A { me { subject } } query B { passport(id: \"" + Id() + "\") { id child { givenName } } }", random.Next(3) switch { 0 => null, 1 => "B", _ => "C" }),
            7 => ("several operations", "{ me { subject } } { myPassports { id } }", null),
            8 => ("empty", Pick(random, "", " ", "{}", "query", "#only a comment", "{ }", "query { }", "\u0000"), null),
            9 => ("wide", "query($id: ID!) { passport(id: $id) { " + WideSelection("Passport", 4) + " } }", null),
            10 => ("deep nesting", Nested("{ ", "a { ", "b", random.Next(13, 300)) + " }", null),
            11 => ("huge string", "{ passport(id: \"" + new string('9', random.Next(1000, 40000)) + "\") { id } }", null),
            _ => ("valid query", valid.Text, valid.OperationName),
        };

        var variables = mode == "wide" ? new JsonObject { ["id"] = Id() } : mode == "valid query" ? valid.Variables : null;
        return Json(mode, query, variables, operationName, random);
    }

    private static string Nested(string prefix, string level, string leaf, int depth) =>
        prefix + string.Concat(Enumerable.Repeat(level, depth)) + leaf + string.Concat(Enumerable.Repeat(" }", depth));

    private string WideSelection(string typeName, int depth) =>
        string.Join(" ", schema.Objects[typeName].Fields.Values
            .Where(f => f.Arguments.All(a => !a.Type.IsNonNull))
            .Select(f => schema.IsObject(f.Type.NamedType)
                ? depth > 0 ? $"{f.Name} {{ {WideSelection(f.Type.NamedType, depth - 1)} }}" : $"{f.Name} {{ __typename }}"
                : f.Name));

    /// <summary>A valid document with a few bytes flipped, inserted, deleted or duplicated.</summary>
    private FuzzRequest CorruptedDocument(Random random, FuzzPersona persona)
    {
        var valid = Generate(random, persona, isMutation: random.Next(3) == 0);
        var bytes = Corrupt(random, Encoding.UTF8.GetBytes(valid.Text));
        var query = Encoding.UTF8.GetString(bytes);
        return Json("corrupted document", query, valid.Variables, valid.OperationName, random);
    }

    private static byte[] Corrupt(Random random, byte[] input)
    {
        var bytes = new List<byte>(input);
        const string punctuation = "{}()[]:$@!.=,\"\\#|&\n ";
        var edits = random.Next(1, 7);
        for (var i = 0; i < edits && bytes.Count > 0; i++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[at] = (byte)punctuation[random.Next(punctuation.Length)];
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3:
                    bytes.RemoveRange(at, Math.Min(random.Next(1, 20), bytes.Count - at));
                    break;
                case 4:
                    var length = Math.Min(random.Next(1, 40), bytes.Count - at);
                    bytes.InsertRange(random.Next(bytes.Count), bytes.GetRange(at, length));
                    break;
                default:
                    bytes.Insert(at, (byte)punctuation[random.Next(punctuation.Length)]);
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>A JSON body that is broken, oddly shaped or oddly typed.</summary>
    private FuzzRequest CorruptedBody(Random random, FuzzPersona persona)
    {
        var valid = Generate(random, persona, isMutation: random.Next(3) == 0);
        var query = JsonValue.Create(valid.Text)!.ToJsonString();
        var variables = valid.Variables.ToJsonString();
        string body;
        switch (random.Next(22))
        {
            case < 7:
                var corrupted = Corrupt(random, Encoding.UTF8.GetBytes($"{{\"query\":{query},\"variables\":{variables}}}"));
                return new FuzzRequest { Mode = "corrupted body", Body = corrupted, Accept = random.Next(4) == 0 ? "application/graphql-response+json" : null };
            case 7: body = "{\"query\":123}"; break;
            case 8: body = $"{{\"query\":[{query}]}}"; break;
            case 9: body = "{\"query\":null}"; break;
            case 10: body = Pick(random, "{}", "[]", "\"{ me { subject } }\"", "123", "null", "true", "", "   "); break;
            case 11: body = $"{{\"query\":{query},\"variables\":{Pick(random, "\"{}\"", "[]", "123", "\"x\"", "{\"id\":{\"$ne\":null}}")}}}"; break;
            case 12: body = $"{{\"query\":{query},\"variables\":{new string('[', 5000) + new string(']', 5000)}}}"; break;
            case 13: body = $"{{\"query\":{query},\"variables\":{string.Concat(Enumerable.Repeat("{\"a\":", 300)) + "1" + new string('}', 300)}}}"; break;
            case 14: body = $"{{\"query\":{query},\"operationName\":{Pick(random, "123", "[]", "{}", "\"nope\"", "null")}}}"; break;
            case 15: body = $"{{\"query\":\"{{ me {{ subject }} }}\",\"query\":{query},\"variables\":{variables}}}"; break;
            case 16: body = $"\uFEFF{{\"query\":{query},\"variables\":{variables}}}"; break;
            case 17: body = $"{{\"query\":{query},\"variables\":{variables}}} trailing"; break;
            case 18: body = $"{{\"query\":{query},\"variables\":{variables},\"extensions\":{{\"persistedQuery\":{{\"version\":1,\"sha256Hash\":\"abc\"}}}}}}"; break;
            case 19: body = $"{{'query':{query}, /* comment */ \"variables\":{{\"v0\":NaN}},}}"; break;
            case 20:
                // Invalid UTF-8 inside the query string.
                var prefix = Encoding.UTF8.GetBytes("{\"query\":\"{ me { subject ");
                return new FuzzRequest { Mode = "invalid UTF-8", Body = [.. prefix, 0xC3, 0x28, 0xFF, 0xC0, 0xAF, .. Encoding.UTF8.GetBytes(" } }\"}")] };
            default: body = $"{{\"query\":\"{{ passport(id: \\\"\\ud800\\\") {{ id }} }}\",\"variables\":{{\"s\":\"\\udfff\\u0000\"}}}}"; break;
        }

        return new FuzzRequest { Mode = "odd body", Body = Encoding.UTF8.GetBytes(body) };
    }

    /// <summary>GET, wrong or missing content types, oversized and chunked bodies.</summary>
    private FuzzRequest OddHttp(Random random, FuzzPersona persona)
    {
        var valid = Generate(random, persona, isMutation: random.Next(3) == 0);
        var body = Encoding.UTF8.GetBytes(new JsonObject { ["query"] = valid.Text, ["variables"] = valid.Variables.DeepClone() }.ToJsonString());
        switch (random.Next(7))
        {
            case 0:
            case 1:
                var parameters = "query=" + Uri.EscapeDataString(valid.Text)
                    + (valid.Variables.Count > 0 ? "&variables=" + Uri.EscapeDataString(random.Next(8) == 0 ? "{not json" : valid.Variables.ToJsonString()) : "")
                    + (valid.OperationName is null ? "" : "&operationName=" + Uri.EscapeDataString(valid.OperationName));
                return new FuzzRequest { Mode = "GET", Method = HttpMethod.Get, QueryString = parameters, ContentType = null, Query = valid.Text, Variables = valid.Variables, OperationName = valid.OperationName };
            case 2:
                return new FuzzRequest { Mode = "wrong content type", Body = body, ContentType = Pick(random, "text/plain", "application/x-www-form-urlencoded", "application/graphql", "multipart/form-data") };
            case 3:
                return new FuzzRequest { Mode = "no content type", Body = body, ContentType = null };
            case 4:
                var padded = Encoding.UTF8.GetBytes($"{{\"query\":{JsonSerializer.Serialize(valid.Text)},\"variables\":{{\"pad\":\"{new string('x', random.Next(260 * 1024, 600 * 1024))}\"}}}}");
                return new FuzzRequest { Mode = "oversized body", Body = padded, IsChunked = random.Next(2) == 0 };
            case 5:
                return new FuzzRequest { Mode = "chunked", Body = body, IsChunked = true, Query = valid.Text, Variables = valid.Variables, OperationName = valid.OperationName };
            default:
                return new FuzzRequest { Mode = "content type with parameters", Body = body, ContentType = "application/json; charset=utf-8; foo=bar", Query = valid.Text, Variables = valid.Variables, OperationName = valid.OperationName };
        }
    }

    private sealed class DocumentState(Random random, FuzzPersona persona, bool isMutation, bool isBroken)
    {
        public Random Random { get; } = random;

        public bool IsBroken { get; } = isBroken;

        /// <summary>In a broken document, true about one time in <paramref name="oneIn"/>; never in a valid one.</summary>
        public bool Breaks(int oneIn) => IsBroken && Random.Next(oneIn) == 0;

        public FuzzPersona Persona { get; } = persona;

        public bool IsMutation { get; } = isMutation;

        public string RootField { get; set; } = "";

        public List<string> VariableDefinitions { get; } = [];

        public JsonObject Variables { get; } = [];

        public List<string> Fragments { get; } = [];
    }
}

public sealed record GeneratedDocument(string Text, JsonObject Variables, string? OperationName);
