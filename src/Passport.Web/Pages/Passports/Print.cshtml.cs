using Passport.Core.Access;
using Passport.Web.Infrastructure;

namespace Passport.Web.Pages.Passports;

/// <summary>The passport for printing: the same query, first screen and sections, no navigation or actions.</summary>
public sealed class PrintPassportModel : ViewPassportModel
{
    public PrintPassportModel(PageGraphQL graphQL, SectionPages pages, SharingPolicy policy)
        : base(graphQL, pages, policy) => PrintView = true;
}
