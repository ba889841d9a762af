using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Core.Telemetry;
using Passport.Sdk;

namespace Passport.Core.BreakGlass;

/// <summary>
/// A health professional with no relationship, in an emergency, states a reason and sees the
/// emergency view for 24 hours. The family is told in the same transaction that records it.
/// </summary>
public sealed record UseBreakGlass(Guid PassportId, string Reason) : IPassportChange
{
    /// <summary>The sector whose professionals may use emergency access (SPEC §4).</summary>
    public const string Sector = Sectors.Health;

    public PassportWrite Write { get; } = new AccessWrite(AccessChange.BreakGlass);

    public Task DecideAsync(PassportWriteContext passport)
    {
        var by = passport.RecordedBy;
        var until = by.RecordedAt + AccessDecision.BreakGlassLasts;
        passport.Append(new BreakGlassUsed(Reason, until, by));
        passport.Session.Insert(new Notification
        {
            Id = Guid.CreateVersion7(),
            PassportId = PassportId,
            At = by.RecordedAt,
            Kind = "break-glass",
            Message = $"{by.DisplayName} ({by.Organisation ?? by.Sector}) used emergency access to this passport until {until:dd MMM yyyy HH:mm} UTC. Reason given: {Reason}",
        });
        return Task.CompletedTask;
    }
}

internal static class BreakGlassMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("breakGlass")
            .Description("Emergency access for a health professional with no relationship: the emergency view for 24 hours, logged, and the family is told.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("reason")
            .ResolveAsync(async c =>
            {
                var who = c.RequestServices!.GetRequiredService<CurrentViewer>().Value;
                if (!who.IsProfessional || who.Sector != UseBreakGlass.Sector)
                {
                    throw PassportException.Forbidden("Emergency access is for health professionals only.");
                }

                var reason = InputRules.Required("reason", c.GetArgument<string>("reason"), InputRules.LongText);
                if (reason.Length < 10)
                {
                    throw PassportException.Invalid("reason", "reason must say why emergency access is needed (at least 10 characters).");
                }

                var passport = await c.ChangePassportAsync(new UseBreakGlass(InputRules.PassportId(c.GetArgument<string>("passportId")), reason));
                PassportTelemetry.BreakGlassUsed();
                return passport;
            });
}

/// <summary>A health professional with no relationship used emergency access, giving a reason.</summary>
public sealed record BreakGlassUsed(string Reason, DateTimeOffset Until, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}
