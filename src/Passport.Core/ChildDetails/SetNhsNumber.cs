using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.ChildDetails;

/// <summary>The child's NHS number added or corrected (the family, or health). Unique across the region.</summary>
public sealed record SetNhsNumber(Guid PassportId, string Digits) : IPassportChange
{
    public PassportWrite Write => PassportWrite.ToGroup(CoreFieldGroups.NhsNumber);

    public Task DecideAsync(PassportWriteContext passport)
    {
        passport.Append(new NhsNumberSet(Digits, passport.RecordedBy));
        return Task.CompletedTask;
    }
}

internal static class SetNhsNumberMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("setNhsNumber")
            .Description("Adds or corrects the child's NHS number (the family, or health; a child may have none yet). Unique across the region.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("nhsNumber")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var digits = PassportInputRules.NhsNumberDigits("nhsNumber", c.GetArgument<string>("nhsNumber"));
                if (await c.RequestServices!.GetRequiredService<PassportAccess>().IsNhsNumberTakenAsync(digits, c.CancellationToken))
                {
                    throw PassportInputRules.Duplicate("nhsNumber");
                }

                try
                {
                    return await c.ChangePassportAsync(new SetNhsNumber(passportId, digits));
                }
                catch (Exception e) when (StoreFailures.IsUniqueViolation(e))
                {
                    throw PassportInputRules.Duplicate("nhsNumber");
                }
            });
}

/// <summary>The child's NHS number was added or corrected.</summary>
public sealed record NhsNumberSet(string NhsNumber, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => "identity.nhsNumber";
}
