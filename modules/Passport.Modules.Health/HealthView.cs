using GraphQL.Types;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Passport.Modules.Health.Allergies;
using Passport.Sdk;

namespace Passport.Modules.Health;

/// <summary>The health module's read model of one passport, in the <c>health</c> schema.</summary>
public sealed class HealthView : IPassportView
{
    public Guid Id { get; set; }
    public List<Allergy> Allergies { get; set; } = [];
}

public sealed class HealthViewProjection : SingleStreamProjection<HealthView, Guid>
{
    public static HealthView Create(IEvent<AllergyRecorded> recorded) =>
        Apply(recorded.Data, new HealthView { Id = recorded.StreamId });

    public static HealthView Apply(AllergyRecorded recorded, HealthView view)
    {
        view.Allergies.Add(new Allergy(recorded.AllergyId, recorded.Substance, recorded.Reaction, recorded.Severity, recorded.RecordedBy));
        return view;
    }
}

/// <summary>The health section of one passport as GraphQL resolves it.</summary>
public sealed record HealthSection(PassportNode Passport, HealthView? View) : IPassportScoped;

public sealed class HealthGraphType : ObjectGraphType<HealthSection>
{
    public HealthGraphType()
    {
        Name = "Health";
        Field<ListGraphType<NonNullGraphType<AllergyGraphType>>>("allergies")
            .Description("Known allergies. An empty list means none recorded, never that they are hidden.")
            .InFieldGroup(HealthModule.Emergency)
            .Resolve(c => c.Source.View?.Allergies ?? []);
    }
}
