using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Modules.Leisure.Activities;

/// <summary>An activity or club the child goes to, and the support they need there.</summary>
public sealed record Activity(
    string Name,
    string? SupportNeeded,
    bool NeedsOneToOne,
    bool NeedsChangingPlaces,
    string? SwimmingAbility,
    string? DietaryNeeds) : RecordedItem
{
    /// <summary>Longest note-like text (the support needed, dietary needs).</summary>
    private const int NoteText = InputRules.ShortText * 5;

    internal static void Declare(ItemKind<LeisureView, Activity> kind) => kind
        .Describe("an activity or club", "Activities", "Current activities and clubs. An empty list means none recorded, never that they are hidden.")
        .Mutations(record: "addActivity", itemArgument: "activityId")
        .Text("name", "Activity or club", required: true, hint: "For example, Saturday swimming at Truro Leisure Centre", description: "The activity or club, e.g. Saturday swimming at Truro Leisure Centre.")
        .Text("supportNeeded", "Support the child needs to take part (optional)", maxLength: NoteText, description: "The support the child needs to take part.")
        .YesNo("needsOneToOne", "Needs one-to-one support", description: "True when the child needs one-to-one support; false when omitted.")
        .YesNo("needsChangingPlaces", "Needs a Changing Places toilet", description: "True when the child needs a Changing Places toilet; false when omitted.")
        .Text("swimmingAbility", "Swimming ability (optional)", hint: "For example, non-swimmer or 10 metres with a float", description: "How well the child swims, e.g. non-swimmer, 10 metres with float.")
        .Text("dietaryNeeds", "Dietary needs (optional)", maxLength: NoteText, description: "Dietary needs for club snacks and meals.")
        .Form("Add an activity", "Save activity", familyTitle: "Report an activity");
}
