using GraphQL;
using GraphQL.Types;
using Passport.Sdk;

namespace Passport.Modules.Leisure.Activities;

/// <summary>An activity or club was added to the passport.</summary>
public sealed record ActivityAdded(
    Guid ActivityId,
    string Name,
    string? SupportNeeded,
    bool NeedsOneToOne,
    bool NeedsChangingPlaces,
    string? SwimmingAbility,
    string? DietaryNeeds,
    Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => LeisureModule.Activities;

    public Guid ItemId => ActivityId;
}

/// <summary>An activity or club as the passport shows it.</summary>
public sealed record Activity(
    Guid Id,
    string Name,
    string? SupportNeeded,
    bool NeedsOneToOne,
    bool NeedsChangingPlaces,
    string? SwimmingAbility,
    string? DietaryNeeds,
    Provenance RecordedBy,
    Provenance? VerifiedBy = null) : IPassportItem
{
    /// <summary>Recorded by a leisure professional, or reported by the family and verified by one since.</summary>
    public bool IsVerified => RecordedBy.IsVerified || VerifiedBy is not null;
}

public sealed class ActivityInput
{
    public string Name { get; set; } = "";
    public string? SupportNeeded { get; set; }
    public bool? NeedsOneToOne { get; set; }
    public bool? NeedsChangingPlaces { get; set; }
    public string? SwimmingAbility { get; set; }
    public string? DietaryNeeds { get; set; }
}

public sealed class ActivityInputGraphType : InputObjectGraphType<ActivityInput>
{
    public ActivityInputGraphType()
    {
        Name = "ActivityInput";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The activity or club, e.g. Saturday swimming at Truro Leisure Centre.");
        Field<StringGraphType>("supportNeeded").Description("The support the child needs to take part.");
        Field<BooleanGraphType>("needsOneToOne").Description("True when the child needs one-to-one support; false when omitted.");
        Field<BooleanGraphType>("needsChangingPlaces").Description("True when the child needs a Changing Places toilet; false when omitted.");
        Field<StringGraphType>("swimmingAbility").Description("How well the child swims, e.g. non-swimmer, 10 metres with float.");
        Field<StringGraphType>("dietaryNeeds").Description("Dietary needs for club snacks and meals.");
    }
}

public sealed class ActivityGraphType : ObjectGraphType<Activity>
{
    public ActivityGraphType()
    {
        Name = "Activity";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<StringGraphType>("supportNeeded").Resolve(c => c.Source.SupportNeeded);
        Field<NonNullGraphType<BooleanGraphType>>("needsOneToOne").Resolve(c => c.Source.NeedsOneToOne);
        Field<NonNullGraphType<BooleanGraphType>>("needsChangingPlaces").Resolve(c => c.Source.NeedsChangingPlaces);
        Field<StringGraphType>("swimmingAbility").Resolve(c => c.Source.SwimmingAbility);
        Field<StringGraphType>("dietaryNeeds").Resolve(c => c.Source.DietaryNeeds);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded, or since verified, by a leisure professional; false when reported by the family.")
            .Resolve(c => c.Source.IsVerified);
        Field<ProvenanceGraphType>("verifiedBy")
            .Description("The leisure professional who verified what the family reported; null until then.")
            .Resolve(c => c.Source.VerifiedBy);
    }
}

internal static class AddActivityMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("addActivity", passportType)
            .Description("Adds an activity or club: verified when a leisure professional records it, reported when the family does.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<ActivityInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var details = ActivityDetails.From(c.GetArgument<ActivityInput>("input"));
                return await c.ChangePassportAsync(PassportChange.Recording(passportId, LeisureModule.Activities, recordedBy => new ActivityAdded(
                    Guid.CreateVersion7(),
                    details.Name,
                    details.SupportNeeded,
                    details.NeedsOneToOne,
                    details.NeedsChangingPlaces,
                    details.SwimmingAbility,
                    details.DietaryNeeds,
                    recordedBy)));
            });
}

/// <summary>An activity's details, validated the same way whether it is added or amended.</summary>
internal sealed record ActivityDetails(
    string Name,
    string? SupportNeeded,
    bool NeedsOneToOne,
    bool NeedsChangingPlaces,
    string? SwimmingAbility,
    string? DietaryNeeds)
{
    public static ActivityDetails From(ActivityInput input) => new(
        InputRules.Required("input.name", input.Name),
        InputRules.Optional("input.supportNeeded", input.SupportNeeded, InputRules.ShortText * 5),
        input.NeedsOneToOne ?? false,
        input.NeedsChangingPlaces ?? false,
        InputRules.Optional("input.swimmingAbility", input.SwimmingAbility, InputRules.ShortText),
        InputRules.Optional("input.dietaryNeeds", input.DietaryNeeds, InputRules.ShortText * 5));
}

/// <summary>What the amend and end mutations share: a change to a current activity; any other id is refused and nothing is written.</summary>
internal static class CurrentActivities
{
    public static PassportException Unknown() =>
        PassportException.Invalid("activityId", "activityId is not a current activity of this passport.");

    /// <summary>A malformed id is answered like an unknown one.</summary>
    public static Guid ActivityId(IResolveFieldContext c) => Guid.TryParse(c.GetArgument<string>("activityId"), out var id) ? id : throw Unknown();

    public static IPassportChange Change(Guid passportId, Guid activityId, Func<Provenance, object> changed) =>
        PassportChange.ToCurrentItem<LeisureView>(passportId, LeisureModule.Activities, activityId, "activityId", view => view.Activities.Exists(a => a.Id == activityId), changed, Unknown);
}
