using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.Carers;

/// <summary>
/// A linked carer is removed: by themselves, by the carer who invited them, by the young person in
/// control, or by children's social care with a reason (see <see cref="WriteDecision"/> for who may).
/// Their access ends with the change; the event keeps who removed them, when and why.
/// </summary>
public sealed record RemoveCarer(Guid PassportId, string Subject, string? Reason) : IPassportChange
{
    /// <summary>The shortest reason social care may give, as for break-glass.</summary>
    public const int ShortestReason = 10;

    /// <summary>The sector whose professionals on the care team may remove any carer, giving a reason.</summary>
    public const string ProfessionalSector = Sectors.SocialCare;

    public PassportWrite Write => new CarerRemovalWrite(Subject);

    public Task DecideAsync(PassportWriteContext passport)
    {
        // Children's social care acts on a family's relationship with the child: it must say why.
        if (passport.Grant?.Basis == AccessBasis.CareTeam && Reason is null)
        {
            throw PassportException.Invalid("reason", $"reason is required: say why this carer is removed (at least {ShortestReason} characters). It is kept with the change.");
        }

        var carer = ((PassportView)passport.State).Carers.Single(c => c.Subject == Subject);
        passport.Append(new CarerRemoved(Subject, carer.DisplayName, Reason, passport.RecordedBy));
        return Task.CompletedTask;
    }
}

internal static class RemoveCarerMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<PassportGraphType>("removeCarer")
            .Description("Removes a linked carer, whose access ends at once: a carer removes themselves or a carer they invited; once the young person has taken control, only the young person removes others; children's social care on the care team removes any carer, giving a reason. A passport keeps one carer until the young person takes control. Returns the passport as you may now see it: null when you removed yourself.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("subject", "The carer's subject, as in Passport.carers.")
            .Argument<StringGraphType>("reason", "Why the carer is removed (at least 10 characters): required from social care, kept with the change.")
            .ResolveAsync(async c =>
            {
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var subject = InputRules.Required("subject", c.GetArgument<string>("subject"));
                var reason = InputRules.Optional("reason", c.GetArgument<string?>("reason"), InputRules.LongText);
                if (reason is { Length: < RemoveCarer.ShortestReason })
                {
                    throw PassportException.Invalid("reason", $"reason must say why the carer is removed (at least {RemoveCarer.ShortestReason} characters).");
                }

                var services = c.RequestServices!;
                await services.GetRequiredService<IPassportWriter>().WriteAsync(new RemoveCarer(passportId, subject, reason), null, c.CancellationToken);
                return subject == services.GetRequiredService<CurrentViewer>().Value.Subject
                    ? null
                    : await services.GetRequiredService<IPassportReader>().ReadAsync(passportId, c.CancellationToken);
            });
}

/// <summary>A linked carer was removed, by whom (themselves, the carer who invited them, the young person or social care) and why.</summary>
public sealed record CarerRemoved(string Subject, string DisplayName, string? Reason, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}
