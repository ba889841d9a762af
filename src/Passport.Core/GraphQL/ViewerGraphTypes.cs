using GraphQL.Types;
using Passport.Core.AccessLog;
using Passport.Sdk;

namespace Passport.Core.GraphQL;

public sealed class ViewerGraphType : ObjectGraphType<Viewer>
{
    public ViewerGraphType()
    {
        Name = "Viewer";
        Description = "The signed-in person.";
        Field<NonNullGraphType<StringGraphType>>("subject").Resolve(c => c.Source.Subject);
        Field<NonNullGraphType<StringGraphType>>("displayName").Resolve(c => c.Source.DisplayName);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("roles").Resolve(c => c.Source.Roles.Order(StringComparer.Ordinal).ToList());
        Field<StringGraphType>("sector").Resolve(c => c.Source.Sector);
        Field<StringGraphType>("organisation").Resolve(c => c.Source.Organisation);
        Field<StringGraphType>("localAuthority").Resolve(c => c.Source.LocalAuthority);
        Languages.MyLanguageFields.Define(this);
    }
}

public sealed class AccessBasisGraphType : EnumerationGraphType<AccessBasis>
{
    public AccessBasisGraphType() => Name = "AccessBasis";
}

public sealed class AccessLogEntryGraphType : ObjectGraphType<AccessLogEntry>
{
    public AccessLogEntryGraphType()
    {
        Name = "AccessLogEntry";
        Field<NonNullGraphType<DateTimeScalar>>("at").Resolve(c => c.Source.At);
        Field<NonNullGraphType<StringGraphType>>("displayName").Resolve(c => c.Source.DisplayName);
        Field<StringGraphType>("sector").Resolve(c => c.Source.Sector);
        Field<StringGraphType>("organisation").Resolve(c => c.Source.Organisation);
        Field<NonNullGraphType<AccessBasisGraphType>>("basis").Resolve(c => c.Source.Basis);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("groups").Resolve(c => c.Source.Groups);
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass it as accessLog's `after` to get the entries before this one.").Resolve(c => Passports.Paging.AccessLogCursor(c.Source.PassportId, c.Source.Id));
    }
}
