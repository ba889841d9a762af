using GraphQL.Types;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Passport.Plugins.ShortBreaks.Plans;
using Passport.Sdk;

namespace Passport.Plugins.ShortBreaks;

/// <summary>The Short Breaks plugin's read model of one passport, in the <c>short_breaks</c> schema.</summary>
public sealed class ShortBreaksView : IPassportView
{
    public Guid Id { get; set; }
    public ShortBreaksPlan? Plan { get; set; }
}

public sealed class ShortBreaksViewProjection : SingleStreamProjection<ShortBreaksView, Guid>
{
    public static ShortBreaksView Create(IEvent<ShortBreaksPlanRecorded> recorded) =>
        Apply(recorded, new ShortBreaksView { Id = recorded.StreamId });

    /// <summary>Verification of an item this plugin does not hold changes nothing.</summary>
    public static ShortBreaksView Create(IEvent<ItemVerified> verified) => new() { Id = verified.StreamId };

    /// <summary>Takes the new details and provenance, keeping the plan's id; an amendment needs verifying afresh.</summary>
    public static ShortBreaksView Apply(IEvent<ShortBreaksPlanRecorded> recorded, ShortBreaksView view)
    {
        var data = recorded.Data;
        var id = data.PlanId != Guid.Empty ? data.PlanId : view.Plan?.Id ?? recorded.Id;
        view.Plan = new ShortBreaksPlan(
            id,
            data.EligibilityAssessed,
            data.AssessedOn,
            data.HoursPerYear,
            data.Provider,
            data.Routines,
            data.NightTimeCare,
            data.MedicationSupport,
            data.RecordedBy);
        return view;
    }

    /// <summary>An ended plan leaves the current view; the stream keeps it as history.</summary>
    public static ShortBreaksView Apply(ShortBreaksPlanEnded ended, ShortBreaksView view)
    {
        if (view.Plan?.Id == ended.PlanId)
        {
            view.Plan = null;
        }

        return view;
    }

    /// <summary>A social-care professional verified the plan the family reported: it keeps who recorded it and shows who verified it.</summary>
    public static ShortBreaksView Apply(ItemVerified verified, ShortBreaksView view)
    {
        if (view.Plan is { } plan && plan.Id == verified.ItemId)
        {
            view.Plan = plan with { VerifiedBy = verified.RecordedBy };
        }

        return view;
    }
}

/// <summary>Which of the plugin's current items a passport has.</summary>
internal static class ShortBreaksItems
{
    public static string? GroupOf(ShortBreaksView? view, Guid itemId) =>
        view?.Plan is { } plan && plan.Id == itemId ? ShortBreaksModule.Plan : null;

    /// <summary>A single item withheld from the viewer is left out, as the host leaves withheld items out of lists.</summary>
    public static ShortBreaksPlan? Shown(PassportNode passport, ShortBreaksPlan? plan) =>
        plan is not null && !passport.Access.IsWithheld(plan.Id) ? plan : null;
}

/// <summary>The short breaks section of one passport as GraphQL resolves it.</summary>
public sealed record ShortBreaksSection(PassportNode Passport, ShortBreaksView? View) : IPassportScoped;

public sealed class ShortBreaksGraphType : ObjectGraphType<ShortBreaksSection>
{
    public ShortBreaksGraphType()
    {
        Name = "ShortBreaks";
        Description = "Short breaks (respite) for a disabled child.";
        Field<ShortBreaksPlanGraphType>("plan")
            .Description("The child's short breaks plan; null when none is recorded.")
            .InFieldGroup(ShortBreaksModule.Plan)
            .Resolve(c => ShortBreaksItems.Shown(c.Source.Passport, c.Source.View?.Plan));
    }
}
