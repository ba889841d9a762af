using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace Passport.Host.Api;

/// <summary>
/// What the endpoint checks of a query before GraphQL.NET validates it: which kind of operation it
/// is (GET runs queries only) and how deep its selections nest. The depth is measured on the text,
/// so a hostile 50-level query is refused as too complex even where its fields do not exist.
/// </summary>
internal sealed record QueryShape(GraphQLDocument? Document, OperationType? Operation, int Depth)
{
    /// <summary>The depth reported for a document too deep for the parser to read at all.</summary>
    public const int Unmeasurable = int.MaxValue;

    /// <summary>A query the parser failed on in a way GraphQL.NET would not report as a syntax error.</summary>
    public bool IsUnreadable => Document is null && Depth != Unmeasurable;

    public static QueryShape? TryRead(string query, string? operationName)
    {
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(query, new ParserOptions { Ignore = IgnoreOptions.Comments, MaxDepth = 256 });
        }
        catch (GraphQLMaxDepthExceededException)
        {
            // Too deep to parse: refused as too complex, never handed to GraphQL.NET to fail on again.
            return new QueryShape(null, null, Unmeasurable);
        }
        catch (GraphQLParserException)
        {
            return null; // GraphQL.NET reports the syntax error itself.
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or NotSupportedException)
        {
            // The parser can fail while describing a syntax error (e.g. after a bare carriage return).
            return new QueryShape(null, null, 0);
        }

        return Of(document, operationName);
    }

    /// <summary>The shape of a document already parsed (by the endpoint or by GraphQL.NET).</summary>
    public static QueryShape Of(GraphQLDocument document, string? operationName)
    {
        var fragments = document.Definitions.OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue)
            .ToDictionary(g => g.Key, g => g.First());
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var operation = operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        var depth = operations.Count == 0 ? 0 : operations.Max(o => DepthOf(o.SelectionSet, fragments, []));
        return new QueryShape(document, operation?.Operation, depth);
    }

    private static int DepthOf(GraphQLSelectionSet? selections, Dictionary<string, GraphQLFragmentDefinition> fragments, HashSet<string> visiting)
    {
        if (selections is null)
        {
            return 0;
        }

        var deepest = 0;
        foreach (var selection in selections.Selections)
        {
            var depth = selection switch
            {
                GraphQLField field => field.SelectionSet is null ? 1 : 1 + DepthOf(field.SelectionSet, fragments, visiting),
                GraphQLInlineFragment inline => DepthOf(inline.SelectionSet, fragments, visiting),
                GraphQLFragmentSpread spread when fragments.TryGetValue(spread.FragmentName.Name.StringValue, out var fragment) && visiting.Add(fragment.FragmentName.Name.StringValue)
                    => DepthAndLeave(fragment, fragments, visiting),
                _ => 0,
            };
            deepest = Math.Max(deepest, depth);
        }

        return deepest;
    }

    private static int DepthAndLeave(GraphQLFragmentDefinition fragment, Dictionary<string, GraphQLFragmentDefinition> fragments, HashSet<string> visiting)
    {
        var depth = DepthOf(fragment.SelectionSet, fragments, visiting);
        visiting.Remove(fragment.FragmentName.Name.StringValue);
        return depth;
    }
}
