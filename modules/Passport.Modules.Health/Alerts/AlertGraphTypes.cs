using GraphQL.Types;
using Passport.Modules.Health.Items;

namespace Passport.Modules.Health.Alerts;

public sealed class AlertInputGraphType : InputObjectGraphType<AlertInput>
{
    public AlertInputGraphType()
    {
        Name = "AlertInput";
        Field<NonNullGraphType<StringGraphType>>("title").Description("The alert in a few words, e.g. No intramuscular injections.");
        Field<StringGraphType>("details").Description("Why, and what to do instead.");
    }
}

public sealed class AlertGraphType : ObjectGraphType<Alert>
{
    public AlertGraphType()
    {
        Name = "Alert";
        Description = "Something anyone treating the child must know at once.";
        this.AddIdField();
        Field<NonNullGraphType<StringGraphType>>("title").Resolve(c => c.Source.Title);
        Field<StringGraphType>("details").Resolve(c => c.Source.Details);
        this.AddProvenanceFields();
    }
}
