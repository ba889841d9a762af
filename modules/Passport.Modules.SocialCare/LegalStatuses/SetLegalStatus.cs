using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Passport.Sdk;
using Wolverine;

namespace Passport.Modules.SocialCare.LegalStatuses;

public enum LegalStatus
{
    None,
    ChildInNeed,
    ChildProtectionPlan,
    LookedAfter,
}

/// <summary>Social care set the child's legal status.</summary>
public sealed record LegalStatusSet(LegalStatus Status, DateOnly? Since, string? ResponsibleAuthority, Provenance RecordedBy) : IPassportEvent;

/// <summary>The child's legal status as the passport shows it.</summary>
public sealed record LegalStatusRecord(LegalStatus Status, DateOnly? Since, string? ResponsibleAuthority, Provenance RecordedBy);

/// <summary>The command: set the legal status, already authorised and validated.</summary>
public sealed record SetLegalStatus(Guid PassportId, LegalStatusSet Status);

public static class SetLegalStatusHandler
{
    public static Task Handle(SetLegalStatus command, IDocumentSession session) =>
        session.AppendToPassportAsync(command.PassportId, command.Status);
}

public sealed class LegalStatusInput
{
    public LegalStatus Status { get; set; }
    public DateOnly? Since { get; set; }
    public string? ResponsibleAuthority { get; set; }
}

public sealed class LegalStatusGraphType : EnumerationGraphType<LegalStatus>
{
    public LegalStatusGraphType() => Name = "LegalStatus";
}

public sealed class LegalStatusInputGraphType : InputObjectGraphType<LegalStatusInput>
{
    public LegalStatusInputGraphType()
    {
        Name = "LegalStatusInput";
        Field<NonNullGraphType<LegalStatusGraphType>>("status");
        Field<DateScalar>("since");
        Field<StringGraphType>("responsibleAuthority");
    }
}

public sealed class LegalStatusRecordGraphType : ObjectGraphType<LegalStatusRecord>
{
    public LegalStatusRecordGraphType()
    {
        Name = "LegalStatusRecord";
        Field<NonNullGraphType<LegalStatusGraphType>>("status").Resolve(c => c.Source.Status);
        Field<DateScalar>("since").Resolve(c => c.Source.Since);
        Field<StringGraphType>("responsibleAuthority").Resolve(c => c.Source.ResponsibleAuthority);
        Field<NonNullGraphType<ProvenanceGraphType>>("recordedBy").Resolve(c => c.Source.RecordedBy);
        Field<NonNullGraphType<BooleanGraphType>>("verified")
            .Description("True when recorded by a social-care professional.")
            .Resolve(c => c.Source.RecordedBy.IsVerified);
    }
}

internal static class SetLegalStatusMutation
{
    public static void Define(ObjectGraphType mutation, IGraphType passportType) =>
        mutation.Field("setLegalStatus", passportType)
            .Description("Sets the child's legal status. Only social-care professionals record it.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<LegalStatusInputGraphType>>("input")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var recordedBy = await SocialCareRecording.AuthorizeAsync(services, passportId, SocialCareModule.LegalStatusGroup, "legal status", c.CancellationToken);
                var input = c.GetArgument<LegalStatusInput>("input");
                var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
                if (input.Since > today)
                {
                    throw PassportException.Invalid("input.since", "input.since cannot be in the future.");
                }

                var authority = InputRules.Optional("input.responsibleAuthority", input.ResponsibleAuthority, InputRules.ShortText);
                var status = new LegalStatusSet(input.Status, input.Since, authority, recordedBy);
                await services.GetRequiredService<IMessageBus>().InvokeAsync(new SetLegalStatus(passportId, status), c.CancellationToken);
                return await services.GetRequiredService<IPassportReader>().ReadAsync(passportId, c.CancellationToken);
            });
}
