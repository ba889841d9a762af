using GraphQL;
using GraphQL.Types;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.Carers;

/// <summary>A carer's own address and phone: private to them unless they choose to share them (separated parents).</summary>
public sealed record SetMyContactDetails(Guid PassportId, string? Address, string? Phone, bool IsShared) : IPassportChange
{
    public PassportWrite Write { get; } = new AccessWrite(AccessChange.OwnContactDetails);

    public Task DecideAsync(PassportWriteContext passport)
    {
        passport.Append(new CarerContactDetailsSet(Address, Phone, IsShared, passport.RecordedBy));
        return Task.CompletedTask;
    }
}

internal static class SetMyContactDetailsMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("setMyContactDetails")
            .Description("A carer's own address and phone; private to them unless share is true.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<StringGraphType>("address")
            .Argument<StringGraphType>("phone")
            .Argument<NonNullGraphType<BooleanGraphType>>("share")
            .ResolveAsync(async c => await c.ChangePassportAsync(new SetMyContactDetails(
                InputRules.PassportId(c.GetArgument<string>("passportId")),
                InputRules.Optional("address", c.GetArgument<string?>("address"), 500),
                InputRules.Optional("phone", c.GetArgument<string?>("phone"), 30),
                c.GetArgument<bool>("share"))));
}

/// <summary>A carer set their own address and phone, and whether others on the passport may see them.</summary>
public sealed record CarerContactDetailsSet(string? Address, string? Phone, bool IsShared, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}
