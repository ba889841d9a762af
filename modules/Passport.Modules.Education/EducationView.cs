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
        Apply(set.Data, new EducationView { Id = set.StreamId });

    public static EducationView Create(IEvent<SenSupportSet> set) =>
        Apply(set.Data, new EducationView { Id = set.StreamId });

    public static EducationView Apply(EducationSettingSet set, EducationView view)
    {
        view.Setting = new EducationSetting(set.Name, set.Urn, set.YearGroup, set.SencoContact, set.RecordedBy);
        return view;
    }

    public static EducationView Apply(SenSupportSet set, EducationView view)
    {
        view.Sen = new SenSupport(set.Level, set.EhcpStatus, set.EhcpDate, set.Needs, set.ReasonableAdjustments, set.HealthcarePlanInSchool, set.RecordedBy);
        return view;
    }
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
            .Resolve(c => c.Source.View?.Setting);
        Field<SenSupportGraphType>("sen")
            .Description("Special educational needs support; null when none is recorded.")
            .InFieldGroup(EducationModule.Sen)
            .Resolve(c => c.Source.View?.Sen);
    }
}
