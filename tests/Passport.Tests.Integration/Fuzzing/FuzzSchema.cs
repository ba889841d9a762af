using GraphQLParser;
using GraphQLParser.AST;
using Passport.Tests.Integration.Infrastructure;

namespace Passport.Tests.Integration.Fuzzing;

/// <summary>
/// The served schema as the fuzzer needs it: object types, fields, arguments, input objects and enums,
/// read from docs/schema.graphql (kept identical to the served schema by SchemaDocumentTests;
/// the test host runs in Production, where introspection is refused).
/// </summary>
public sealed class FuzzSchema
{
    private FuzzSchema(Dictionary<string, ObjectTypeShape> objects, Dictionary<string, List<InputValueShape>> inputs, Dictionary<string, List<string>> enums)
    {
        Objects = objects;
        Inputs = inputs;
        Enums = enums;
    }

    public IReadOnlyDictionary<string, ObjectTypeShape> Objects { get; }

    public IReadOnlyDictionary<string, List<InputValueShape>> Inputs { get; }

    public IReadOnlyDictionary<string, List<string>> Enums { get; }

    public ObjectTypeShape Query => Objects["Query"];

    public ObjectTypeShape Mutation => Objects["Mutation"];

    public static FuzzSchema Load() =>
        Parse(File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "schema.graphql")));

    public static FuzzSchema Parse(string sdl)
    {
        var document = Parser.Parse(sdl, new ParserOptions { Ignore = IgnoreOptions.Comments });
        var objects = new Dictionary<string, ObjectTypeShape>(StringComparer.Ordinal);
        var inputs = new Dictionary<string, List<InputValueShape>>(StringComparer.Ordinal);
        var enums = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLObjectTypeDefinition type:
                    var fields = (type.Fields?.Items ?? []).Select(f => new FieldShape(
                        f.Name.StringValue,
                        TypeRef.Of(f.Type),
                        [.. (f.Arguments?.Items ?? []).Select(InputValueShape.Of)])).ToList();
                    objects[type.Name.StringValue] = new ObjectTypeShape(type.Name.StringValue, fields.ToDictionary(f => f.Name, StringComparer.Ordinal));
                    break;
                case GraphQLInputObjectTypeDefinition input:
                    inputs[input.Name.StringValue] = [.. (input.Fields?.Items ?? []).Select(InputValueShape.Of)];
                    break;
                case GraphQLEnumTypeDefinition enumType:
                    enums[enumType.Name.StringValue] = [.. (enumType.Values?.Items ?? []).Select(v => v.Name.StringValue)];
                    break;
            }
        }

        return new FuzzSchema(objects, inputs, enums);
    }

    public bool IsObject(string typeName) => Objects.ContainsKey(typeName);
}

public sealed record ObjectTypeShape(string Name, IReadOnlyDictionary<string, FieldShape> Fields);

public sealed record FieldShape(string Name, TypeRef Type, IReadOnlyList<InputValueShape> Arguments);

public sealed record InputValueShape(string Name, TypeRef Type)
{
    public static InputValueShape Of(GraphQLInputValueDefinition value) => new(value.Name.StringValue, TypeRef.Of(value.Type));
}

/// <summary>A GraphQL type reference: a named type wrapped in lists and non-nulls.</summary>
public sealed record TypeRef(string? Name, TypeRef? OfType, bool IsNonNull, bool IsList)
{
    public static TypeRef Of(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => Of(nonNull.Type) with { IsNonNull = true },
        GraphQLListType list => new TypeRef(null, Of(list.Type), false, true),
        GraphQLNamedType named => new TypeRef(named.Name.StringValue, null, false, false),
        _ => throw new InvalidOperationException($"Unknown type node {type.Kind}"),
    };

    /// <summary>The named type at the bottom of the wrappers.</summary>
    public string NamedType => Name ?? OfType!.NamedType;

    public override string ToString()
    {
        var inner = IsList ? $"[{OfType}]" : Name!;
        return IsNonNull ? inner + "!" : inner;
    }
}
