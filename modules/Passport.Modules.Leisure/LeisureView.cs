using GraphQL.Types;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Passport.Modules.Leisure.Activities;
using Passport.Sdk;

namespace Passport.Modules.Leisure;

/// <summary>The leisure module's read model of one passport, in the <c>leisure</c> schema.</summary>
public sealed class LeisureView : IPassportView
{
    public Guid Id { get; set; }
    public List<Activity> Activities { get; set; } = [];
}

public sealed class LeisureViewProjection : SingleStreamProjection<LeisureView, Guid>
{
    public static LeisureView Create(IEvent<ActivityAdded> added) =>
        Apply(added.Data, new LeisureView { Id = added.StreamId });

    public static LeisureView Apply(ActivityAdded added, LeisureView view)
    {
        view.Activities.Add(new Activity(
            added.ActivityId,
            added.Name,
            added.SupportNeeded,
            added.NeedsOneToOne,
            added.NeedsChangingPlaces,
            added.SwimmingAbility,
            added.DietaryNeeds,
            added.RecordedBy));
        return view;
    }

    /// <summary>An amended activity keeps its id and place; its details and provenance are the amendment's.</summary>
    public static LeisureView Apply(ActivityAmended amended, LeisureView view)
    {
        var index = view.Activities.FindIndex(a => a.Id == amended.ActivityId);
        if (index >= 0)
        {
            view.Activities[index] = new Activity(
                amended.ActivityId,
                amended.Name,
                amended.SupportNeeded,
                amended.NeedsOneToOne,
                amended.NeedsChangingPlaces,
                amended.SwimmingAbility,
                amended.DietaryNeeds,
                amended.RecordedBy);
        }

        return view;
    }

    /// <summary>
    /// A leisure professional verified an activity the family reported: it keeps who recorded it
    /// and shows who verified it. Items of other modules, and ended activities, are ignored.
    /// </summary>
    public static LeisureView Create(IEvent<ItemVerified> verified) => new() { Id = verified.StreamId };

    public static LeisureView Apply(ItemVerified verified, LeisureView view)
    {
        var index = view.Activities.FindIndex(a => a.Id == verified.ItemId);
        if (index >= 0)
        {
            view.Activities[index] = view.Activities[index] with { VerifiedBy = verified.RecordedBy };
        }

        return view;
    }

    /// <summary>An ended activity leaves the current list; the stream keeps it as history.</summary>
    public static LeisureView Apply(ActivityEnded ended, LeisureView view)
    {
        view.Activities.RemoveAll(a => a.Id == ended.ActivityId);
        return view;
    }
}

/// <summary>Which of the leisure module's current items a passport has.</summary>
internal static class LeisureItems
{
    public static string? GroupOf(LeisureView? view, Guid itemId) =>
        view?.Activities.Exists(a => a.Id == itemId) == true ? LeisureModule.Activities : null;
}

/// <summary>The leisure section of one passport as GraphQL resolves it.</summary>
public sealed record LeisureSection(PassportNode Passport, LeisureView? View) : IPassportScoped;

public sealed class LeisureGraphType : ObjectGraphType<LeisureSection>
{
    public LeisureGraphType()
    {
        Name = "Leisure";
        Field<ListGraphType<NonNullGraphType<ActivityGraphType>>>("activities")
            .Description("Current activities and clubs. An empty list means none recorded, never that they are hidden.")
            .InFieldGroup(LeisureModule.Activities)
            .Resolve(c => c.Source.View?.Activities ?? []);
    }
}
