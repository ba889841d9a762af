using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Passport.Sdk;
using Wolverine;

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
    Provenance RecordedBy) : IPassportEvent;

/// <summary>An activity or club as the passport shows it.</summary>
public sealed record Activity(
    Guid Id,
    string Name,
    string? SupportNeeded,
    bool NeedsOneToOne,
    bool NeedsChangingPlaces,
    string? SwimmingAbility,
    string? DietaryNeeds,
    Provenance RecordedBy) : IPassportItem;

/// <summary>The command: add an activity, already authorised and validated.</summary>
public sealed record AddActivity(Guid PassportId, ActivityAdded Activity);

public static class AddActivityHandler
{
    public static Task Handle(AddActivity command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Activity);
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
            .Description("True when recorded by a leisure professional; false when reported by the family.")
            .Resolve(c => c.Source.RecordedBy.IsVerified);
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
                var services = c.RequestServices!;
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var input = c.GetArgument<ActivityInput>("input");
                var name = InputRules.Required("input.name", input.Name);
                var supportNeeded = InputRules.Optional("input.supportNeeded", input.SupportNeeded, InputRules.ShortText * 5);
                var swimmingAbility = InputRules.Optional("input.swimmingAbility", input.SwimmingAbility, InputRules.ShortText);
                var dietaryNeeds = InputRules.Optional("input.dietaryNeeds", input.DietaryNeeds, InputRules.ShortText * 5);
                var recordedBy = await services.GetRequiredService<IPassportRecorder>().AuthorizeAsync(passportId, LeisureModule.Activities, c.CancellationToken);
                var activity = new ActivityAdded(
                    Guid.CreateVersion7(),
                    name,
                    supportNeeded,
                    input.NeedsOneToOne ?? false,
                    input.NeedsChangingPlaces ?? false,
                    swimmingAbility,
                    dietaryNeeds,
                    recordedBy);
                await services.GetRequiredService<IMessageBus>().InvokeAsync(new AddActivity(passportId, activity), c.CancellationToken);
                return await services.GetRequiredService<IPassportReader>().ReadAsync(passportId, c.CancellationToken);
            });
}
