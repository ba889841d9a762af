using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Core.ShareCodes;
using Passport.Sdk;

namespace Passport.Core.Reviews;

/// <summary>Someone who may write a group confirms it is still correct, which moves its review date on.</summary>
public sealed record MarkReviewed(Guid PassportId, string Group) : IPassportChange
{
    public PassportWrite Write => PassportWrite.ToGroup(Group);

    public Task DecideAsync(PassportWriteContext passport)
    {
        passport.Append(new SectionReviewed(Group, passport.RecordedBy));
        return Task.CompletedTask;
    }
}

internal static class MarkReviewedMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("markReviewed")
            .Description("Confirms a group is still correct, which moves its review date on (whoever may write the group).")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("group")
            .ResolveAsync(async c => await c.ChangePassportAsync(new MarkReviewed(
                InputRules.PassportId(c.GetArgument<string>("passportId")),
                SharingInputs.Group(c.RequestServices!.GetRequiredService<AccessDecision>(), c.GetArgument<string>("group")))));
}

/// <summary>Someone who may record in a group confirmed it is still correct (its review date moves on).</summary>
public sealed record SectionReviewed(string Group, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => Group;
}
