using GraphQL;
using GraphQL.Types;
using Marten;
using Passport.Sdk;

namespace Passport.Modules.SocialCare.Involvements;

/// <summary>
/// Social care recorded who is allocated to the child and which services they receive. Recording
/// it again amends the current involvement, keeping its id; after it ended, a new one gets a new id.
/// </summary>
public sealed record InvolvementRecorded(Guid InvolvementId, string? AllocatedWorker, string? WorkerContact, IReadOnlyList<string> Services, Provenance RecordedBy) : IPassportEvent, IPassportItemEvent
{
    public string? FieldGroup => SocialCareModule.InvolvementGroup;

    public Guid ItemId => InvolvementId;
}

/// <summary>Social care's involvement as the passport shows it.</summary>
public sealed record Involvement(Guid Id, string? AllocatedWorker, string? WorkerContact, IReadOnlyList<string> Services, Provenance RecordedBy, Provenance? VerifiedBy = null) : IPassportItem
{
    /// <summary>Recorded, or since verified, by a social-care professional.</summary>
    public bool IsVerified => RecordedBy.IsVerified || VerifiedBy is not null;
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
        Field<NonNullGraphType<IdGraphType>>("id")
            .Description("The involvement's id: kept when it is amended, new after it ended.")
            .Resolve(c => c.Source.Id.ToString());
        Field<StringGraphType>("allocatedWorker").Resolve(c => c.Source.AllocatedWorker);
        Field<StringGraphType>("workerContact").Resolve(c => c.Source.WorkerContact);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("services").Resolve(c => c.Source.Services);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded, or since verified, by a social-care professional.")
            .Resolve(c => c.Source.IsVerified);
        Field<ProvenanceGraphType>("verifiedBy")
            .Description("The social-care professional who verified the involvement, when someone else recorded it; null otherwise.")
            .Resolve(c => c.Source.VerifiedBy);
    }
}

internal static class RecordInvolvementMutation
{
    /// <summary>More services than any child receives at once: a guard against oversized input.</summary>
    private const int MaxServices = 50;

    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("recordInvolvement", passportType)
            .Description("Records the allocated social worker or key worker and the services received, amending the current involvement (its id is kept). Only social-care professionals record it.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<InvolvementInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                // One involvement record per passport: recording it again amends it, keeping its id.
                return await c.ChangePassportAsync(SingleRecord.Set<SocialCareView>(passportId, SocialCareModule.InvolvementGroup, view => view.Involvement?.Id, (id, recordedBy) =>
                {
                    var input = c.GetArgument<InvolvementInput>("input");
                    var worker = InputRules.Optional("input.allocatedWorker", input.AllocatedWorker, InputRules.ShortText);
                    var contact = InputRules.Optional("input.workerContact", input.WorkerContact, InputRules.ShortText);
                    var received = input.Services ?? [];
                    if (received.Count > MaxServices)
                    {
                        throw PassportException.Invalid("input.services", $"input.services may list at most {MaxServices} services.");
                    }

                    var serviceNames = received.Select((service, i) => InputRules.Required($"input.services[{i}]", service)).Distinct(StringComparer.Ordinal).ToList();
                    return new InvolvementRecorded(id, worker, contact, serviceNames, recordedBy);
                }));
            });
}
