using GraphQL;
using GraphQL.Types;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.AboutMe;

/// <summary>
/// "About me" replaced: the child's own voice, so only the family writes it (SPEC §4). It names the
/// version the writer read, so an edit made on an old copy never silently overwrites a newer one.
/// </summary>
public sealed record UpdateAboutMe(Guid PassportId, AboutMeInput Text) : IPassportChange
{
    public PassportWrite Write => PassportWrite.ToGroup(CoreFieldGroups.AboutMe);

    public Task DecideAsync(PassportWriteContext passport)
    {
        passport.Append(new AboutMeUpdated(
            Text.Communication,
            Text.ImportantToMe,
            Text.Likes,
            Text.Dislikes,
            Text.WhatUpsetsMe,
            Text.HowToHelpMe,
            Text.HowIShowPain,
            Text.MustKnow,
            passport.RecordedBy));
        return Task.CompletedTask;
    }
}

internal static class UpdateAboutMeMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("updateAboutMe")
            .Description("Replaces \"About me\" (the family only: it is the child's voice). expectedVersion must be the passport's current version.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IntGraphType>>("expectedVersion")
            .Argument<NonNullGraphType<AboutMeInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var input = c.GetArgument<AboutMeInput>("input");
                var text = new AboutMeInput
                {
                    Communication = InputRules.Optional("input.communication", input.Communication),
                    ImportantToMe = InputRules.Optional("input.importantToMe", input.ImportantToMe),
                    Likes = InputRules.Optional("input.likes", input.Likes),
                    Dislikes = InputRules.Optional("input.dislikes", input.Dislikes),
                    WhatUpsetsMe = InputRules.Optional("input.whatUpsetsMe", input.WhatUpsetsMe),
                    HowToHelpMe = InputRules.Optional("input.howToHelpMe", input.HowToHelpMe),
                    HowIShowPain = InputRules.Optional("input.howIShowPain", input.HowIShowPain),
                    MustKnow = InputRules.Optional("input.mustKnow", input.MustKnow),
                };
                return await c.ChangePassportAsync(new UpdateAboutMe(passportId, text), c.GetArgument<int>("expectedVersion"));
            });
}

/// <summary>"About me" was written; every field is replaced by the new text.</summary>
public sealed record AboutMeUpdated(
    string? Communication,
    string? ImportantToMe,
    string? Likes,
    string? Dislikes,
    string? WhatUpsetsMe,
    string? HowToHelpMe,
    string? HowIShowPain,
    string? MustKnow,
    Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => "aboutMe";
}
