using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Passport.Sdk;
using Passport.Sdk.IntegrationEvents;
using Wolverine;

namespace Passport.Modules.Health.Allergies;

public enum AllergySeverity
{
    Mild,
    Moderate,
    Severe,
}

/// <summary>An allergy was recorded on the passport.</summary>
public sealed record AllergyRecorded(Guid AllergyId, string Substance, string? Reaction, AllergySeverity Severity, Provenance RecordedBy) : IPassportEvent;

/// <summary>An allergy as the passport shows it.</summary>
public sealed record Allergy(Guid Id, string Substance, string? Reaction, AllergySeverity Severity, Provenance RecordedBy) : IPassportItem;

/// <summary>The command: record an allergy, already authorised and validated.</summary>
public sealed record RecordAllergy(Guid PassportId, AllergyRecorded Allergy);

public static class RecordAllergyHandler
{
    /// <summary>An allergy is emergency information: the care team is told, through the durable outbox.</summary>
    public static async Task<EmergencyInformationChanged> Handle(RecordAllergy command, IDocumentSession session)
    {
        await session.AppendToPassportAsync(command.PassportId, command.Allergy).ConfigureAwait(false);
        var allergy = command.Allergy;
        return new EmergencyInformationChanged(
            allergy.AllergyId,
            command.PassportId,
            $"{allergy.Severity} allergy recorded: {allergy.Substance}",
            allergy.RecordedBy);
    }
}

public sealed class AllergyInput
{
    public string Substance { get; set; } = "";
    public string? Reaction { get; set; }
    public AllergySeverity Severity { get; set; }
}

public sealed class SeverityGraphType : EnumerationGraphType<AllergySeverity>
{
    public SeverityGraphType() => Name = "Severity";
}

public sealed class AllergyInputGraphType : InputObjectGraphType<AllergyInput>
{
    public AllergyInputGraphType()
    {
        Name = "AllergyInput";
        Field<NonNullGraphType<StringGraphType>>("substance");
        Field<StringGraphType>("reaction");
        Field<NonNullGraphType<SeverityGraphType>>("severity");
    }
}

public sealed class AllergyGraphType : ObjectGraphType<Allergy>
{
    public AllergyGraphType()
    {
        Name = "Allergy";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Source.Id.ToString());
        Field<NonNullGraphType<StringGraphType>>("substance").Resolve(c => c.Source.Substance);
        Field<StringGraphType>("reaction").Resolve(c => c.Source.Reaction);
        Field<NonNullGraphType<SeverityGraphType>>("severity").Resolve(c => c.Source.Severity);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<DateTimeScalar>>("recordedAt").Resolve(c => c.Source.RecordedBy.RecordedAt);
        Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded by a health professional; false when reported by the family.")
            .Resolve(c => c.Source.RecordedBy.IsVerified);
    }
}

internal static class RecordAllergyMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("recordAllergy", passportType)
            .Description("Records an allergy: verified when a health professional records it, reported when the family does.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<AllergyInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var input = c.GetArgument<AllergyInput>("input");
                var substance = InputRules.Required("input.substance", input.Substance);
                var reaction = InputRules.Optional("input.reaction", input.Reaction, InputRules.ShortText * 5);
                var recordedBy = await services.GetRequiredService<IPassportRecorder>().AuthorizeAsync(passportId, HealthModule.Emergency, c.CancellationToken);
                var allergy = new AllergyRecorded(Guid.CreateVersion7(), substance, reaction, input.Severity, recordedBy);
                await services.GetRequiredService<IMessageBus>().InvokeAsync(new RecordAllergy(passportId, allergy), c.CancellationToken);
                return await services.GetRequiredService<IPassportReader>().ReadAsync(passportId, c.CancellationToken);
            });
}
