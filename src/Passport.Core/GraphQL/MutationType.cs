using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.AboutMe;
using Passport.Core.BreakGlass;
using Passport.Core.CareTeam;
using Passport.Core.Carers;
using Passport.Core.ChildDetails;
using Passport.Core.Control;
using Passport.Core.EmergencyContacts;
using Passport.Core.FamilyAccess;
using Passport.Core.Passports;
using Passport.Core.Reviews;
using Passport.Core.ShareCodes;
using Passport.Core.Sharing;
using Passport.Core.Verification;
using Passport.Core.Withholding;

namespace Passport.Core.GraphQL;

public sealed class MutationType : ObjectGraphType
{
    public MutationType(PassportSchemaContributions contributions)
    {
        Name = "Mutation";

        // Every change to a passport is an IPassportChange in its feature's folder, and takes the one write path.
        CreatePassportMutation.Define(this);
        UpdateAboutMeMutation.Define(this);
        EmergencyContactMutations.Define(this);
        UpdateChildDetailsMutation.Define(this);
        SetNhsNumberMutation.Define(this);
        CreateShareCodeMutation.Define(this);
        RedeemShareCodeMutation.Define(this);
        SetSharingMutation.Define(this);
        BreakGlassMutation.Define(this);
        RemoveCareTeamMemberMutation.Define(this);
        AddCareTeamColleagueMutation.Define(this);
        InvitationMutations.Define(this);
        SetFamilyAccessFrozenMutation.Define(this);

        // Not a change to a passport: the person's own choice of language for the pages.
        Languages.MyLanguageFields.Define(this);
        TakeControlMutation.Define(this);
        SetItemWithheldMutation.Define(this);
        SetMyContactDetailsMutation.Define(this);
        RemoveCarerMutation.Define(this);
        VerifyItemMutation.Define(this);
        MarkReviewedMutation.Define(this);
        EmergencyCards.EmergencyCardMutations.Define(this);

        // Not a change to a passport: an anonymous answer after a journey.
        Impact.ImpactFields.DefineMutation(this);

        Field<NonNullGraphType<ModuleGraphType>>("setModuleEnabled")
            .Description("A local authority's administrator switches an extra module on or off for the children of their authority. Audited.")
            .Argument<NonNullGraphType<StringGraphType>>("localAuthority")
            .Argument<NonNullGraphType<StringGraphType>>("module")
            .Argument<NonNullGraphType<BooleanGraphType>>("enabled")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<LocalAuthorityModules.ModuleEnablements>()
                .SetAsync(c.GetArgument<string>("localAuthority"), c.GetArgument<string>("module"), c.GetArgument<bool>("enabled"), c.CancellationToken));

        foreach (var contribute in contributions.Mutations)
        {
            contribute(this);
        }
    }
}
