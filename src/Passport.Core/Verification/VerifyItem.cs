using GraphQL;
using GraphQL.Types;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Withholding;
using Passport.Sdk;

namespace Passport.Core.Verification;

/// <summary>
/// A professional of a sector that records the item's group confirms what the family reported.
/// The group comes from whichever part of the passport holds the item, never from the caller.
/// </summary>
public sealed record VerifyItem(Guid PassportId, Guid ItemId) : IPassportChange
{
    public PassportWrite Write => new ItemWrite(ItemId, ItemAction.Verify);

    public Task DecideAsync(PassportWriteContext passport)
    {
        passport.Append(new ItemVerified(passport.ItemGroup!, ItemId, passport.RecordedBy));
        return Task.CompletedTask;
    }
}

internal static class VerifyItemMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("verifyItem")
            .Description("A professional of the sector that owns an item confirms what the family reported.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IdGraphType>>("itemId")
            .ResolveAsync(async c => await c.ChangePassportAsync(new VerifyItem(InputRules.PassportId(c.GetArgument<string>("passportId")), ItemArguments.ItemId(c))));
}
