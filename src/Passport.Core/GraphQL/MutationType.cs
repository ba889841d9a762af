using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Passports;

namespace Passport.Core.GraphQL;

public sealed class MutationType : ObjectGraphType
{
    public MutationType(PassportSchemaContributions contributions)
    {
        Name = "Mutation";

        Field<NonNullGraphType<PassportGraphType>>("createPassport")
            .Description("Creates a child's passport; the creator is linked to it (a carer, or a professional on its care team).")
            .Argument<NonNullGraphType<CreatePassportInputGraphType>>("input")
            .ResolveAsync(async c => await Commands(c).CreateAsync(c.GetArgument<CreatePassportInput>("input"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("updateAboutMe")
            .Description("Replaces \"About me\". expectedVersion must be the passport's current version.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IntGraphType>>("expectedVersion")
            .Argument<NonNullGraphType<AboutMeInputGraphType>>("input")
            .ResolveAsync(async c => await Commands(c).UpdateAboutMeAsync(
                c.GetArgument<string>("passportId"), c.GetArgument<int>("expectedVersion"), c.GetArgument<AboutMeInput>("input"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("addEmergencyContact")
            .Description("Adds a person to contact in an emergency.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<ContactInputGraphType>>("input")
            .ResolveAsync(async c => await Commands(c).AddEmergencyContactAsync(c.GetArgument<string>("passportId"), c.GetArgument<ContactInput>("input"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("amendEmergencyContact")
            .Description("Corrects an emergency contact.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IdGraphType>>("contactId")
            .Argument<NonNullGraphType<ContactInputGraphType>>("input")
            .ResolveAsync(async c => await Commands(c).AmendEmergencyContactAsync(
                c.GetArgument<string>("passportId"), c.GetArgument<string>("contactId"), c.GetArgument<ContactInput>("input"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("removeEmergencyContact")
            .Description("Removes an emergency contact (the history keeps it).")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IdGraphType>>("contactId")
            .ResolveAsync(async c => await Commands(c).RemoveEmergencyContactAsync(c.GetArgument<string>("passportId"), c.GetArgument<string>("contactId"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("updateChildDetails")
            .Description("Corrects or completes the child's basic details.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<ChildDetailsInputGraphType>>("input")
            .ResolveAsync(async c => await Commands(c).UpdateChildDetailsAsync(c.GetArgument<string>("passportId"), c.GetArgument<ChildDetailsInput>("input"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("setNhsNumber")
            .Description("Adds or corrects the child's NHS number (a child may have none yet). Unique across the region.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("nhsNumber")
            .ResolveAsync(async c => await Commands(c).SetNhsNumberAsync(c.GetArgument<string>("passportId"), c.GetArgument<string>("nhsNumber"), c.CancellationToken));

        Field<NonNullGraphType<ShareCodeGraphType>>("createShareCode")
            .Description("A single-use code (30 minutes) the family gives a professional of one sector to join the care team.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("sector")
            .ResolveAsync(async c => await Access(c).CreateShareCodeAsync(c.GetArgument<string>("passportId"), c.GetArgument<string>("sector"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("redeemShareCode")
            .Description("A professional joins the care team with a code the family gave them.")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .ResolveAsync(async c => await Access(c).RedeemShareCodeAsync(c.GetArgument<string>("code"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("setSharing")
            .Description("The family shares a field group with a sector, or stops sharing it (only groups the policy lets families change).")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("sector")
            .Argument<NonNullGraphType<StringGraphType>>("group")
            .Argument<NonNullGraphType<BooleanGraphType>>("shared")
            .ResolveAsync(async c => await Access(c).SetSharingAsync(
                c.GetArgument<string>("passportId"), c.GetArgument<string>("sector"), c.GetArgument<string>("group"), c.GetArgument<bool>("shared"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("breakGlass")
            .Description("Emergency access for a health professional with no relationship: the emergency view for 24 hours, logged, and the family is told.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .ResolveAsync(async c => await Access(c).BreakGlassAsync(c.GetArgument<string>("passportId"), c.GetArgument<string>("reason"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("removeCareTeamMember")
            .Description("The family removes a professional from the care team.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("subject")
            .ResolveAsync(async c => await Access(c).RemoveCareTeamMemberAsync(c.GetArgument<string>("passportId"), c.GetArgument<string>("subject"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("addCareTeamColleague")
            .Description("Handover: a care-team professional adds a colleague of the same organisation and sector.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("subject")
            .Argument<NonNullGraphType<StringGraphType>>("displayName")
            .ResolveAsync(async c => await Access(c).AddCareTeamColleagueAsync(
                c.GetArgument<string>("passportId"), c.GetArgument<string>("subject"), c.GetArgument<string>("displayName"), c.CancellationToken));

        Field<NonNullGraphType<ShareCodeGraphType>>("inviteCarer")
            .Description("A linked carer invites another carer (code valid 7 days), with at most the rights they hold.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<BooleanGraphType>>("mayEdit")
            .Argument<NonNullGraphType<BooleanGraphType>>("mayManageSharing")
            .Argument<NonNullGraphType<BooleanGraphType>>("mayInvite")
            .ResolveAsync(async c => await Access(c).InviteCarerAsync(
                c.GetArgument<string>("passportId"),
                new CarerRights(true, c.GetArgument<bool>("mayEdit"), c.GetArgument<bool>("mayManageSharing"), c.GetArgument<bool>("mayInvite")),
                c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("acceptCarerInvitation")
            .Description("An invited carer links themselves to the passport.")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .ResolveAsync(async c => await Access(c).AcceptCarerInvitationAsync(c.GetArgument<string>("code"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("setFamilyAccessFrozen")
            .Description("Children's social care pauses (or restores) the family's access during a safeguarding enquiry. Recorded with its reason.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<BooleanGraphType>>("frozen")
            .Argument<StringGraphType>("reason")
            .ResolveAsync(async c => await Access(c).SetFamilyAccessFrozenAsync(
                c.GetArgument<string>("passportId"), c.GetArgument<bool>("frozen"), c.GetArgument<string?>("reason"), c.CancellationToken));

        Field<NonNullGraphType<ShareCodeGraphType>>("inviteYoungPerson")
            .Description("A carer who may invite links the young person to their own passport (code valid 7 days).")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .ResolveAsync(async c => await Access(c).InviteYoungPersonAsync(c.GetArgument<string>("passportId"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("acceptYoungPersonInvitation")
            .Description("The young person links themselves to their own passport.")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .ResolveAsync(async c => await Access(c).AcceptYoungPersonInvitationAsync(c.GetArgument<string>("code"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("takeControl")
            .Description("From 16 the young person takes control: carers not named in keepCarers keep only the right to view.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("keepCarers")
            .ResolveAsync(async c => await Access(c).TakeControlAsync(c.GetArgument<string>("passportId"), c.GetArgument<List<string>>("keepCarers"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("setItemWithheld")
            .Description("Withholds one item from the family (a care-team professional) or from carers (the young person, from 16), or shows it again.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("group")
            .Argument<NonNullGraphType<IdGraphType>>("itemId")
            .Argument<NonNullGraphType<BooleanGraphType>>("withheld")
            .ResolveAsync(async c => await Access(c).SetItemWithheldAsync(
                c.GetArgument<string>("passportId"), c.GetArgument<string>("group"), c.GetArgument<string>("itemId"), c.GetArgument<bool>("withheld"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("setMyContactDetails")
            .Description("A carer's own address and phone; private to them unless share is true.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<StringGraphType>("address")
            .Argument<StringGraphType>("phone")
            .Argument<NonNullGraphType<BooleanGraphType>>("share")
            .ResolveAsync(async c => await Access(c).SetMyContactDetailsAsync(
                c.GetArgument<string>("passportId"), c.GetArgument<string?>("address"), c.GetArgument<string?>("phone"), c.GetArgument<bool>("share"), c.CancellationToken));

        Field<NonNullGraphType<ModuleGraphType>>("setModuleEnabled")
            .Description("A local authority's administrator switches an extra module on or off for the children of their authority. Audited.")
            .Argument<NonNullGraphType<StringGraphType>>("localAuthority")
            .Argument<NonNullGraphType<StringGraphType>>("module")
            .Argument<NonNullGraphType<BooleanGraphType>>("enabled")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<LocalAuthorityModules.ModuleEnablements>()
                .SetAsync(c.GetArgument<string>("localAuthority"), c.GetArgument<string>("module"), c.GetArgument<bool>("enabled"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("verifyItem")
            .Description("A professional of the sector that owns an item confirms what the family reported.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IdGraphType>>("itemId")
            .ResolveAsync(async c => await Access(c).VerifyItemAsync(c.GetArgument<string>("passportId"), c.GetArgument<string>("itemId"), c.CancellationToken));

        Field<NonNullGraphType<PassportGraphType>>("markReviewed")
            .Description("Confirms a group is still correct, which moves its review date on.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("group")
            .ResolveAsync(async c => await Access(c).MarkReviewedAsync(c.GetArgument<string>("passportId"), c.GetArgument<string>("group"), c.CancellationToken));

        foreach (var contribute in contributions.Mutations)
        {
            contribute(this);
        }
    }

    private static Access.AccessCommandService Access(IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<Access.AccessCommandService>();

    private static PassportCommandService Commands(IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<PassportCommandService>();
}
