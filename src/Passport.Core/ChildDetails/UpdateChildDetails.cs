using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.ChildDetails;

/// <summary>
/// The child's basic details corrected or completed: by the family, or by health or social care as
/// a verified correction. A date of birth that would close the passport, or move the child across
/// 16 or 18, changes who may see and do what: it is never typed by accident, so only health or
/// social care make it, with a reason that the history keeps.
/// </summary>
public sealed record UpdateChildDetails(
    Guid PassportId,
    string GivenName,
    string FamilyName,
    string? PreferredName,
    DateOnly DateOfBirth,
    string? Pronouns,
    string? FirstLanguage,
    bool IsInterpreterNeeded,
    string? PhotoReference,
    string LocalAuthority,
    string? Reason) : IPassportChange
{
    public PassportWrite Write => PassportWrite.ToGroup(CoreFieldGroups.IdentityBasic);

    public Task DecideAsync(PassportWriteContext passport)
    {
        var current = (PassportView)passport.State;
        if (DateOfBirth != current.DateOfBirth && IsMomentous(current, passport.Today))
        {
            var by = passport.RecordedBy;
            if (!(by.IsVerified && by.Sector is Sectors.Health or Sectors.SocialCare))
            {
                throw PassportException.Invalid(
                    "input.dateOfBirth",
                    "input.dateOfBirth: this date of birth would close the passport or move the child across 16 or 18. Check the year; only health or social care can make such a correction, with a reason.");
            }

            if (Reason is null)
            {
                throw PassportException.Invalid("input.dateOfBirth", "input.dateOfBirth: this correction closes the passport or moves the child across 16 or 18; give the reason for it (argument reason).");
            }
        }

        passport.Append(new ChildDetailsUpdated(
            GivenName, FamilyName, PreferredName, DateOfBirth, Pronouns, FirstLanguage, IsInterpreterNeeded, PhotoReference, LocalAuthority, passport.RecordedBy, Reason));
        return Task.CompletedTask;
    }

    private bool IsMomentous(PassportView current, DateOnly today)
    {
        bool Crosses(int age) => UkDate.AgeOn(current.DateOfBirth, today) >= age != UkDate.AgeOn(DateOfBirth, today) >= age;
        return Crosses(16) || Crosses(18) || PassportClosure.ClosesOn(DateOfBirth, current.SocialCareInvolvementEndedOn) <= today;
    }
}

internal static class UpdateChildDetailsMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("updateChildDetails")
            .Description("Corrects or completes the child's basic details (the family; health or social care as a verified correction). A date of birth that would close the passport or move the child across 16 or 18 only by health or social care, with a reason.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<ChildDetailsInputGraphType>>("input")
            .Argument<StringGraphType>("reason", "Why a date of birth is corrected across 16, 18 or the closing age (health or social care only). Kept in the history.")
            .Argument<IntGraphType>("expectedVersion", "The passport version the details were read at: when given, a change made since is refused with VERSION_CONFLICT rather than overwritten (all the details are replaced together).")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var input = c.GetArgument<ChildDetailsInput>("input");
                var (givenName, familyName, preferredName) = PassportInputRules.Names(input.GivenName, input.FamilyName, input.PreferredName);
                PassportInputRules.DateOfBirth(input.DateOfBirth, PassportClosure.Today(c.RequestServices!.GetRequiredService<TimeProvider>()));
                PassportInputRules.LocalAuthority(input.LocalAuthority);
                var reason = InputRules.Optional("reason", c.GetArgument<string?>("reason"), InputRules.LongText);
                if (reason is { Length: < 10 })
                {
                    throw PassportException.Invalid("reason", "reason must say why the correction is made (at least 10 characters).");
                }

                var change = new UpdateChildDetails(
                    passportId,
                    givenName,
                    familyName,
                    preferredName,
                    input.DateOfBirth,
                    InputRules.Optional("input.pronouns", input.Pronouns, 50),
                    InputRules.Optional("input.firstLanguage", input.FirstLanguage, 100),
                    input.InterpreterNeeded ?? false,
                    InputRules.Optional("input.photoReference", input.PhotoReference, 500),
                    input.LocalAuthority!,
                    reason);
                try
                {
                    return await c.ChangePassportAsync(change, c.GetArgument<int?>("expectedVersion"));
                }
                catch (PassportException e) when (e.Code == ErrorCodes.PassportClosed)
                {
                    // The correction is saved: say so, so nobody repeats it thinking it was refused.
                    throw new PassportException(ErrorCodes.PassportClosed, "The change was saved. With this date of birth the passport has closed, so it can no longer be seen or changed.");
                }
            });
}

/// <summary>The child's basic details were corrected or completed.</summary>
public sealed record ChildDetailsUpdated(
    string GivenName,
    string FamilyName,
    string? PreferredName,
    DateOnly DateOfBirth,
    string? Pronouns,
    string? FirstLanguage,
    bool IsInterpreterNeeded,
    string? PhotoReference,
    string LocalAuthority,
    Provenance RecordedBy,
    string? CorrectionReason = null) : IPassportEvent
{
    public string? FieldGroup => "identity.basic";
}
