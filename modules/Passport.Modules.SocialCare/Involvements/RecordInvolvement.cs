using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Passport.Sdk;
using Wolverine;

namespace Passport.Modules.SocialCare.Involvements;

/// <summary>Social care recorded who is allocated to the child and which services they receive.</summary>
public sealed record InvolvementRecorded(string? AllocatedWorker, string? WorkerContact, IReadOnlyList<string> Services, Provenance RecordedBy) : IPassportEvent;

/// <summary>Social care's involvement as the passport shows it.</summary>
public sealed record Involvement(string? AllocatedWorker, string? WorkerContact, IReadOnlyList<string> Services, Provenance RecordedBy);

/// <summary>The command: record involvement, already authorised and validated.</summary>
public sealed record RecordInvolvement(Guid PassportId, InvolvementRecorded Involvement);

public static class RecordInvolvementHandler
{
    public static Task Handle(RecordInvolvement command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Involvement);
}

public sealed class InvolvementInput
{
    public string? AllocatedWorker { get; set; }
    public string? WorkerContact { get; set; }
    public List<string>? Services { get; set; }
}

public sealed class InvolvementInputGraphType : InputObjectGraphType<InvolvementInput>
{
    public InvolvementInputGraphType()
    {
        Name = "InvolvementInput";
        Field<StringGraphType>("allocatedWorker");
        Field<StringGraphType>("workerContact");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("services");
    }
}

public sealed class InvolvementGraphType : ObjectGraphType<Involvement>
{
    public InvolvementGraphType()
    {
        Name = "Involvement";
        Field<StringGraphType>("allocatedWorker").Resolve(c => c.Source.AllocatedWorker);
        Field<StringGraphType>("workerContact").Resolve(c => c.Source.WorkerContact);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("services").Resolve(c => c.Source.Services);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded by a social-care professional.")
            .Resolve(c => c.Source.RecordedBy.IsVerified);
    }
}

internal static class RecordInvolvementMutation
{
    /// <summary>More services than any child receives at once: a guard against oversized input.</summary>
    private const int MaxServices = 50;

    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("recordInvolvement", passportType)
            .Description("Records the allocated social worker or key worker and the services received, replacing what was recorded before. Only social-care professionals record it.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<InvolvementInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var recordedBy = await SocialCareRecording.AuthorizeAsync(services, passportId, SocialCareModule.InvolvementGroup, "involvement", c.CancellationToken);
                var input = c.GetArgument<InvolvementInput>("input");
                var worker = InputRules.Optional("input.allocatedWorker", input.AllocatedWorker, InputRules.ShortText);
                var contact = InputRules.Optional("input.workerContact", input.WorkerContact, InputRules.ShortText);
                var received = input.Services ?? [];
                if (received.Count > MaxServices)
                {
                    throw PassportException.Invalid("input.services", $"input.services may list at most {MaxServices} services.");
                }

                var serviceNames = received.Select((service, i) => InputRules.Required($"input.services[{i}]", service)).Distinct(StringComparer.Ordinal).ToList();
                var involvement = new InvolvementRecorded(worker, contact, serviceNames, recordedBy);
                await services.GetRequiredService<IMessageBus>().InvokeAsync(new RecordInvolvement(passportId, involvement), c.CancellationToken);
                return await services.GetRequiredService<IPassportReader>().ReadAsync(passportId, c.CancellationToken);
            });
}
