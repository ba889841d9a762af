using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
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

public sealed class HistoryEntryGraphType : ObjectGraphType<HistoryEntry>
{
    public HistoryEntryGraphType()
    {
        Name = "HistoryEntry";
        Description = "One change to the passport: what, when and by whom.";
        Field<NonNullGraphType<IntGraphType>>("version").Description("The passport version this change produced.").Resolve(c => checked((int)c.Source.Version));
        Field<NonNullGraphType<Passport.Sdk.DateTimeScalar>>("at").Resolve(c => c.Source.At);
        Field<NonNullGraphType<StringGraphType>>("change").Description("What changed, e.g. \"Allergy recorded\".").Resolve(c => c.Source.Change);
        Field<StringGraphType>("group").Description("The field group changed; null for changes to the care team, invitations or sharing.").Resolve(c => c.Source.Group);
        Field<IdGraphType>("itemId").Resolve(c => c.Source.ItemId?.ToString());
        Field<NonNullGraphType<Passport.Sdk.ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass it as history's `after` to get the changes before this one.").Resolve(c => c.Source.Cursor);
    }
}

/// <summary>When a group was last changed or confirmed, and whether it is due for review.</summary>
public sealed record SectionReview(string Group, DateTimeOffset LastReviewed, bool IsDue);

public sealed class SectionReviewGraphType : ObjectGraphType<SectionReview>
{
    public SectionReviewGraphType()
    {
        Name = "SectionReview";
        Field<NonNullGraphType<StringGraphType>>("group").Resolve(c => c.Source.Group);
        Field<NonNullGraphType<Passport.Sdk.DateTimeScalar>>("lastReviewed").Resolve(c => c.Source.LastReviewed);
        Field<NonNullGraphType<BooleanGraphType>>("reviewDue").Description("True once the group has gone unreviewed longer than its review period.").Resolve(c => c.Source.IsDue);
    }
}

public sealed class NotificationGraphType : ObjectGraphType<Notification>
{
    public NotificationGraphType()
    {
        Name = "Notification";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<Passport.Sdk.DateTimeScalar>>("at").Resolve(c => c.Source.At);
        Field<NonNullGraphType<IdGraphType>>("passportId").Resolve(c => c.Source.PassportId.ToString());
        Field<NonNullGraphType<StringGraphType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<StringGraphType>>("message").Resolve(c => c.Source.Message);
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass it as myNotifications' `after` to get the notifications before this one.").Resolve(c => Paging.NotificationCursor(c.Source.Id));
    }
}

/// <summary>A linked carer as one viewer sees them: their own contact details only if they are the viewer or chose to share.</summary>
public sealed record CarerEntry(LinkedCarer Carer, Passport.Sdk.Viewer Viewer, PassportView Passport)
{
    public bool MaySeeContactDetails => Carer.Subject == Viewer.Subject || Carer.SharesContactDetails;
}

public sealed class CarerGraphType : ObjectGraphType<CarerEntry>
{
    public CarerGraphType()
    {
        Name = "Carer";
        Field<NonNullGraphType<StringGraphType>>("subject").Resolve(c => c.Source.Carer.Subject);
        Field<NonNullGraphType<StringGraphType>>("displayName").Resolve(c => c.Source.Carer.DisplayName);
        Field<NonNullGraphType<BooleanGraphType>>("mayEdit").Resolve(c => c.Source.Carer.Rights.MayEdit);
        Field<NonNullGraphType<BooleanGraphType>>("mayManageSharing").Resolve(c => c.Source.Carer.Rights.MayManageSharing);
        Field<NonNullGraphType<BooleanGraphType>>("mayInvite").Resolve(c => c.Source.Carer.Rights.MayInvite);
        Field<StringGraphType>("address").Resolve(c => PrivateDetail(c.Source, c.Source.Carer.Address));
        Field<StringGraphType>("phone").Resolve(c => PrivateDetail(c.Source, c.Source.Carer.Phone));
        Field<NonNullGraphType<BooleanGraphType>>("sharesContactDetails").Resolve(c => c.Source.Carer.SharesContactDetails);
        Field<NonNullGraphType<BooleanGraphType>>("removableByYou")
            .Description("Whether you may remove this carer with removeCarer (social care must also give a reason).")
            .Resolve(c => c.RequestServices!.GetRequiredService<WriteDecision>()
                .Allows(c.Source.Viewer, c.Source.Passport, new CarerRemovalWrite(c.Source.Carer.Subject), c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow()));
    }

    private static string? PrivateDetail(CarerEntry entry, string? value) =>
        entry.MaySeeContactDetails
            ? value
            : throw new Passport.Sdk.PassportException(Passport.Sdk.ErrorCodes.FieldNotPermitted, "This carer keeps their contact details private.");
}

public sealed class ModuleGraphType : ObjectGraphType<LocalAuthorityModules.ModuleState>
{
    public ModuleGraphType()
    {
        Name = "Module";
        Description = "A module of this host, as one local authority has it.";
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("sector").Resolve(c => c.Source.Sector);
        Field<NonNullGraphType<BooleanGraphType>>("required").Description("Required by the region's policy file (requiredModules): the host does not start without it, and it is on everywhere.").Resolve(c => c.Source.IsRequired);
        Field<NonNullGraphType<BooleanGraphType>>("enabled").Resolve(c => c.Source.IsEnabled);
        Field<NonNullGraphType<StringGraphType>>("status").Description("\"loaded\", or \"failed\" when the plugin could not be loaded (its fields answer MODULE_UNAVAILABLE).").Resolve(c => c.Source.Status);
    }
}

/// <summary>One withheld item and from whom.</summary>
public sealed record WithheldItem(Guid ItemId, WithheldFrom From);

public sealed class WithheldFromGraphType : EnumerationGraphType<WithheldFrom>
{
    public WithheldFromGraphType()
    {
        Name = "WithheldFrom";
        Description = "CARERS: hidden from carers by the young person; FAMILY: hidden from carers and the young person by a professional.";
    }
}

public sealed class WithheldItemGraphType : ObjectGraphType<WithheldItem>
{
    public WithheldItemGraphType()
    {
        Name = "WithheldItem";
        Field<NonNullGraphType<IdGraphType>>("itemId").Resolve(c => c.Source.ItemId);
        Field<NonNullGraphType<WithheldFromGraphType>>("from").Resolve(c => c.Source.From);
    }
}
