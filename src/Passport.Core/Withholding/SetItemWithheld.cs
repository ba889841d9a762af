using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Core.ShareCodes;
using Passport.Sdk;

namespace Passport.Core.Withholding;

/// <summary>
/// One item withheld from the family (by a professional of the sector that owns it) or from carers
/// (by the young person in control), or shown again: only by the owning sector or whoever withheld
/// it, and the young person's own choice only by them (see <see cref="WriteDecision"/>).
/// </summary>
public sealed record SetItemWithheld(Guid PassportId, string Group, Guid ItemId, bool IsWithheld) : IPassportChange
{
    public PassportWrite Write => new ItemWrite(ItemId, IsWithheld ? ItemAction.Withhold : ItemAction.Release);

    public Task DecideAsync(PassportWriteContext passport)
    {
        if (passport.ItemGroup != Group)
        {
            throw PassportException.Invalid("itemId", $"itemId names no current item of '{Group}' on this passport.");
        }

        var current = ((PassportView)passport.State).WithheldItems.TryGetValue(ItemId, out var from) ? from : (WithheldFrom?)null;
        WithheldFrom? next = IsWithheld ? (passport.Grant?.Basis == AccessBasis.YoungPerson ? WithheldFrom.Carers : WithheldFrom.Family) : null;
        if (current != next)
        {
            passport.Append(new ItemWithholdingChanged(Group, ItemId, next, passport.RecordedBy));
        }

        return Task.CompletedTask;
    }
}

internal static class SetItemWithheldMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("setItemWithheld")
            .Description("Withholds one item from the family (a professional of the sector that owns it) or from carers (the young person in control), or shows it again (the owning sector or whoever withheld it; the young person's own choice only by them).")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("group")
            .Argument<NonNullGraphType<IdGraphType>>("itemId")
            .Argument<NonNullGraphType<BooleanGraphType>>("withheld")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var group = SharingInputs.Group(c.RequestServices!.GetRequiredService<AccessDecision>(), c.GetArgument<string>("group"));
                var item = ItemArguments.ItemId(c);
                return await c.ChangePassportAsync(new SetItemWithheld(passportId, group, item, c.GetArgument<bool>("withheld")));
            });
}

internal static class ItemArguments
{
    public static Guid ItemId(IResolveFieldContext c) =>
        Guid.TryParse(c.GetArgument<string>("itemId"), out var item) ? item : throw PassportException.Invalid("itemId", "itemId must be the id of an item of this passport.");
}

/// <summary>An item was withheld from (or shown again to) the family. Null <see cref="WithheldFrom"/> shows it again.</summary>
public sealed record ItemWithholdingChanged(string Group, Guid ItemId, WithheldFrom? WithheldFrom, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => Group;
}
