using GraphQL.Types;
using Passport.Sdk;

namespace Passport.Core.GraphQL;

public sealed class PassportSchema : Schema
{
    public PassportSchema(IServiceProvider services, QueryType query, MutationType mutation)
        : base(services)
    {
        Query = query;
        Mutation = mutation;
        Description = "The Regional Children's Passport.";
        RegisterTypeMapping(typeof(DateOnly), typeof(DateScalar));
        RegisterTypeMapping(typeof(DateTimeOffset), typeof(DateTimeScalar));
    }
}

/// <summary>
/// Deny by default, checked at start: every field below <c>Passport</c> that carries data declares
/// a field group, so no module can add a field the access decision does not cover.
/// </summary>
public static class FieldGroupCoverage
{
    public static IReadOnlyList<string> Ungrouped(ISchema schema)
    {
        schema.Initialize();
        var passport = (IComplexGraphType)schema.AllTypes["Passport"]!;
        var problems = new List<string>();
        foreach (var field in passport.Fields)
        {
            if (PassportGraphType.StructuralFields.Contains(field.Name))
            {
                continue;
            }

            if (field.FieldGroupOf() is not null)
            {
                // A denied field resolves to null; a non-null one would wipe out its whole parent.
                if (field.ResolvedType is NonNullGraphType)
                {
                    problems.Add($"Passport.{field.Name} (a grouped field must be nullable)");
                }

                continue;
            }

            if (Unwrap(field.ResolvedType) is UnavailableModuleGraphType)
            {
                continue; // never resolved: the middleware answers MODULE_UNAVAILABLE first
            }

            if (Unwrap(field.ResolvedType) is not IComplexGraphType section)
            {
                problems.Add($"Passport.{field.Name}");
                continue;
            }

            problems.AddRange(section.Fields
                .Where(f => f.FieldGroupOf() is null || f.ResolvedType is NonNullGraphType)
                .Select(f => $"Passport.{field.Name}.{f.Name}"));
        }

        return problems;
    }

    /// <summary>
    /// Fields whose group no manifest (nor the core) declares: a group name in a module's code that
    /// its passport-plugin.json spells differently. Such a field would be denied to everyone.
    /// </summary>
    public static IReadOnlyList<string> Undeclared(ISchema schema, IEnumerable<string> declaredGroups)
    {
        schema.Initialize();
        var declared = declaredGroups.ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        void Check(string path, FieldType field)
        {
            if (field.FieldGroupOf() is { } group && !declared.Contains(group))
            {
                problems.Add($"{path} (group '{group}')");
            }
        }

        var passport = (IComplexGraphType)schema.AllTypes["Passport"]!;
        foreach (var field in passport.Fields)
        {
            Check($"Passport.{field.Name}", field);
            if (Unwrap(field.ResolvedType) is IComplexGraphType section)
            {
                foreach (var inner in section.Fields)
                {
                    Check($"Passport.{field.Name}.{inner.Name}", inner);
                }
            }
        }

        return problems;
    }

    private static IGraphType? Unwrap(IGraphType? type) => type switch
    {
        NonNullGraphType nonNull => Unwrap(nonNull.ResolvedType),
        ListGraphType list => Unwrap(list.ResolvedType),
        _ => type,
    };
}
