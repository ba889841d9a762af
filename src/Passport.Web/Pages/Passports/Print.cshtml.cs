using GraphQL.Types;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>The passport for printing: the same query and sections, no navigation or actions.</summary>
public sealed class PrintPassportModel : ViewPassportModel
{
    public PrintPassportModel(PageGraphQL graphQL, ISchema schema)
        : base(graphQL, schema) => PrintView = true;
}
