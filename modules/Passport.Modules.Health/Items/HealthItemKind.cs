using GraphQL;
using GraphQL.Types;
using Passport.Sdk;

namespace Passport.Modules.Health.Items;

/// <summary>One kind of health item, for the code that treats every kind alike.</summary>
internal interface IHealthItemKind
{
    /// <summary>Adds <c>recordX</c>, <c>amendX</c> and <c>endX</c>.</summary>
    void DefineMutations(ObjectGraphType mutation, IGraphType passportType);

    /// <summary>The kind's group when the view has a current item of this kind with the id; otherwise null.</summary>
    string? GroupOf(HealthView view, Guid itemId);

    /// <summary>Marks the item confirmed when it is a current item of this kind; otherwise leaves the view as it is.</summary>
    void Verify(HealthView view, Guid itemId, Provenance verifiedBy);
}

/// <summary>
/// Binds the generic record, amend and end mutations to one kind: its item, its GraphQL input and
/// its name (<c>Medication</c> gives <c>recordMedication</c>, <c>amendMedication</c>, <c>endMedication</c>).
/// </summary>
/// <typeparam name="TItem">The item.</typeparam>
/// <typeparam name="TInput">The input that records or amends it.</typeparam>
/// <typeparam name="TInputGraphType">The input's GraphQL type.</typeparam>
/// <param name="name">The kind's name in mutation names.</param>
/// <param name="described">The kind in words, e.g. "a medication".</param>
internal sealed class HealthItemKind<TItem, TInput, TInputGraphType>(string name, string described) : IHealthItemKind
    where TItem : class, IHealthItem<TItem>
    where TInput : class, IHealthItemInput<TItem>
    where TInputGraphType : InputObjectGraphType<TInput>
{
    public string? GroupOf(HealthView view, Guid itemId) =>
        TItem.CurrentIn(view).Exists(i => i.Id == itemId) ? TItem.Group : null;

    public void Verify(HealthView view, Guid itemId, Provenance verifiedBy)
    {
        var items = TItem.CurrentIn(view);
        var index = items.FindIndex(i => i.Id == itemId);
        if (index >= 0)
        {
            items[index] = items[index].VerifiedAs(verifiedBy);
        }
    }

    public void DefineMutations(ObjectGraphType mutation, IGraphType passportType)
    {
        mutation.Field($"record{name}", passportType)
            .Description($"Records {described}: verified when a health professional records it, reported when the family does.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<TInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var input = c.GetArgument<TInput>("input");
                return await c.ChangePassportAsync(new RecordHealthItem(passportId, TItem.Group, recordedBy => TItem.Recorded(input.ToItem(Guid.CreateVersion7(), recordedBy))));
            });

        mutation.Field($"amend{name}", passportType)
            .Description($"Replaces the values of {described} on the passport, keeping its id. The new values carry who amended them: verified from a health professional, reported from the family.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IdGraphType>>("itemId")
            .Argument<NonNullGraphType<TInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var itemId = ItemId(c);
                var input = c.GetArgument<TInput>("input");
                return await c.ChangePassportAsync(new AmendHealthItem(passportId, TItem.Group, itemId, amendedBy => TItem.Amended(Guid.CreateVersion7(), input.ToItem(itemId, amendedBy))));
            });

        mutation.Field($"end{name}", passportType)
            .Description($"Ends {described}: it leaves the current list and stays in the passport's history.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<IdGraphType>>("itemId")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var itemId = ItemId(c);
                return await c.ChangePassportAsync(new EndHealthItem(passportId, TItem.Group, itemId, endedBy => TItem.Ended(itemId, endedBy)));
            });
    }

    private static Guid ItemId(IResolveFieldContext c) =>
        Guid.TryParse(c.GetArgument<string>("itemId"), out var id) ? id : throw HealthItemChanges.UnknownItem();
}
