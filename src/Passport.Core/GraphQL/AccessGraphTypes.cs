using GraphQL.Types;
using Passport.Core.Access;
using Passport.Core.Passports;

namespace Passport.Core.GraphQL;

public sealed class ShareCodeGraphType : ObjectGraphType<(string Code, DateTimeOffset ExpiresAt)>
{
    public ShareCodeGraphType()
    {
        Name = "ShareCode";
        Field<NonNullGraphType<StringGraphType>>("code").Description("Read it out as shown, e.g. ABCD-EFGH.").Resolve(c => c.Source.Code);
        Field<NonNullGraphType<Passport.Sdk.DateTimeScalar>>("expiresAt").Resolve(c => c.Source.ExpiresAt);
    }
}

public sealed class CareTeamMemberGraphType : ObjectGraphType<CareTeamMember>
{
    public CareTeamMemberGraphType()
    {
        Name = "CareTeamMember";
        Field<NonNullGraphType<StringGraphType>>("subject").Resolve(c => c.Source.Subject);
        Field<NonNullGraphType<StringGraphType>>("displayName").Resolve(c => c.Source.DisplayName);
        Field<NonNullGraphType<StringGraphType>>("sector").Resolve(c => c.Source.Sector);
        Field<StringGraphType>("organisation").Resolve(c => c.Source.Organisation);
        Field<NonNullGraphType<Passport.Sdk.DateTimeScalar>>("since").Resolve(c => c.Source.Since);
        Field<NonNullGraphType<StringGraphType>>("howJoined").Resolve(c => c.Source.HowJoined);
    }
}

public sealed class SharingLevelGraphType : EnumerationGraphType<SharingLevel>
{
    public SharingLevelGraphType() => Name = "SharingLevel";
}

public sealed class SharingSettingGraphType : ObjectGraphType<SharingSetting>
{
    public SharingSettingGraphType()
    {
        Name = "SharingSetting";
        Description = "Whether a sector sees a field group of this passport, and whether the family may change that.";
        Field<NonNullGraphType<StringGraphType>>("sector").Resolve(c => c.Source.Sector);
        Field<NonNullGraphType<StringGraphType>>("group").Resolve(c => c.Source.Group);
        Field<NonNullGraphType<SharingLevelGraphType>>("level").Resolve(c => c.Source.Level);
        Field<NonNullGraphType<BooleanGraphType>>("shared").Resolve(c => c.Source.IsShared);
        Field<NonNullGraphType<BooleanGraphType>>("familyMayChange").Resolve(c => c.Source.FamilyMayChange);
    }
}

public sealed class NotificationGraphType : ObjectGraphType<Notification>
{
    public NotificationGraphType()
    {
        Name = "Notification";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<Passport.Sdk.DateTimeScalar>>("at").Resolve(c => c.Source.At);
        Field<NonNullGraphType<StringGraphType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(c => c.Source.Message);
    }
}
