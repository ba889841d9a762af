using GraphQL.Validation;
using GraphQLParser.AST;

namespace Passport.Host.Api;

/// <summary>GET requests may only run queries (GraphQL-over-HTTP): a mutation never rides on a link.</summary>
internal sealed class QueriesOnlyRule : ValidationRuleBase
{
    public static readonly QueriesOnlyRule Instance = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation != OperationType.Query)
        {
            context.ReportError(new ValidationError(context.Document.Source, "5.0", "Only queries may be sent with GET; send mutations with POST.", context.Operation) { Code = "BAD_REQUEST" });
        }

        return default;
    }
}
