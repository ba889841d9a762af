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

        foreach (var contribute in contributions.Mutations)
        {
            contribute(this);
        }
    }

    private static PassportCommandService Commands(IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<PassportCommandService>();
}
