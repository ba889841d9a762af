using GraphQL.Types;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Passport.Modules.Education.Sen;
using Passport.Modules.Education.Setting;
using Passport.Sdk;

namespace Passport.Modules.Education;

/// <summary>The education module's read model of one passport, in the <c>education</c> schema.</summary>
public sealed class EducationView : IPassportView
{
    public Guid Id { get; set; }
    public EducationSetting? Setting { get; set; }
    public SenSupport? Sen { get; set; }
}

public sealed class EducationViewProjection : SingleStreamProjection<EducationView, Guid>
{
    public static EducationView Create(IEvent<EducationSettingSet> set) =>
        Apply(set, new EducationView { Id = set.StreamId });

    public static EducationView Create(IEvent<SenSupportSet> set) =>
        Apply(set, new EducationView { Id = set.StreamId });

    /// <summary>Verification of an item this module does not hold changes nothing.</summary>
    public static EducationView Create(IEvent<ItemVerified> verified) => new() { Id = verified.StreamId };

    /// <summary>Takes the new details and provenance; an amendment needs verifying afresh.</summary>
    public static EducationView Apply(IEvent<EducationSettingSet> set, EducationView view)
    {
        var data = set.Data;
        view.Setting = new EducationSetting(ItemId(data.SettingId, view.Setting?.Id, set.Id), data.Name, data.Urn, data.YearGroup, data.SencoContact, data.RecordedBy);
        return view;
    }

    public static EducationView Apply(IEvent<SenSupportSet> set, EducationView view)
    {
        var data = set.Data;
        view.Sen = new SenSupport(
            ItemId(data.SenId, view.Sen?.Id, set.Id),
            data.Level,
            data.EhcpStatus,
            data.EhcpDate,
            data.Needs,
            data.ReasonableAdjustments,
            data.HealthcarePlanInSchool,
            data.RecordedBy,
            data.EhcpReviewDate);
        return view;
    }

    public static EducationView Apply(EducationSettingEnded ended, EducationView view)
    {
        if (view.Setting?.Id == ended.SettingId)
        {
            view.Setting = null;
        }

        return view;
    }

    public static EducationView Apply(SenSupportEnded ended, EducationView view)
    {
        if (view.Sen?.Id == ended.SenId)
        {
            view.Sen = null;
        }

        return view;
    }

    /// <summary>Shows who verified the current setting or SEN support; other ids are ignored.</summary>
    public static EducationView Apply(ItemVerified verified, EducationView view)
    {
        if (view.Setting is { } setting && setting.Id == verified.ItemId)
        {
            view.Setting = setting with { VerifiedBy = verified.RecordedBy };
        }

        if (view.Sen is { } sen && sen.Id == verified.ItemId)
        {
            view.Sen = sen with { VerifiedBy = verified.RecordedBy };
        }

        return view;
    }

    /// <summary>
    /// The event names its item; events written before items had ids keep the current record's id,
    /// or take the event's own id, so a rebuild always gives the same ids.
    /// </summary>
    private static Guid ItemId(Guid fromEvent, Guid? current, Guid eventId) =>
        fromEvent != Guid.Empty ? fromEvent : current is { } id && id != Guid.Empty ? id : eventId;
}

/// <summary>Which of the education module's current items a passport has.</summary>
internal static class EducationItems
{
    public static string? GroupOf(EducationView? view, Guid itemId) =>
        view?.Setting?.Id == itemId ? EducationModule.Setting
        : view?.Sen?.Id == itemId ? EducationModule.Sen
        : null;

    /// <summary>A single item withheld from the viewer is left out, as the host leaves withheld items out of lists.</summary>
    public static T? Shown<T>(PassportNode passport, T? item)
        where T : class, IPassportItem =>
        item is not null && !passport.Access.IsWithheld(item.Id) ? item : null;
}

/// <summary>The education section of one passport as GraphQL resolves it.</summary>
public sealed record EducationSection(PassportNode Passport, EducationView? View) : IPassportScoped;

public sealed class EducationGraphType : ObjectGraphType<EducationSection>
{
    public EducationGraphType()
    {
        Name = "Education";
        Field<EducationSettingGraphType>("setting")
            .Description("The school or nursery the child attends; null when none is recorded.")
            .InFieldGroup(EducationModule.Setting)
            .Resolve(c => EducationItems.Shown(c.Source.Passport, c.Source.View?.Setting));
        Field<SenSupportGraphType>("sen")
            .Description("Special educational needs support; null when none is recorded.")
            .InFieldGroup(EducationModule.Sen)
            .Resolve(c => EducationItems.Shown(c.Source.Passport, c.Source.View?.Sen));
    }
}
