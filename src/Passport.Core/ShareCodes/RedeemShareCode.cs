using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.CareTeam;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.ShareCodes;

/// <summary>
/// A professional joins the care team with a code the family gave them. The code is checked again
/// in the transaction that appends; it has optimistic concurrency, so of two redemptions one wins.
/// </summary>
public sealed record RedeemShareCode(Guid PassportId, string Code) : IPassportChange
{
    public PassportWrite Write { get; } = new AccessWrite(AccessChange.JoinCareTeam);

    public async Task DecideAsync(PassportWriteContext passport)
    {
        var by = passport.RecordedBy;
        var code = await passport.Session.LoadAsync<ShareCode>(Code).ConfigureAwait(false);
        if (code is null || code.PassportId != PassportId || code.RedeemedBy is not null || code.ExpiresAt <= by.RecordedAt || code.Sector != by.Sector)
        {
            throw new PassportException(ErrorCodes.NotFound, "That share code has already been used or is no longer valid.");
        }

        code.RedeemedBy = by.Subject;
        code.RedeemedAt = by.RecordedAt;
        passport.Session.Store(code);
        passport.Append(new CareTeamMemberJoined(by.Subject, by.DisplayName, by.Sector!, by.Organisation, CareTeamMemberJoined.ByShareCode, by));
    }
}

internal static class RedeemShareCodeMutation
{
    private const string Refusal = "That share code did not work: it may be mistyped, expired, already used or meant for another sector. Ask the family for a new one.";

    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("redeemShareCode")
            .Description("A professional joins the care team with a code the family gave them.")
            .Argument<NonNullGraphType<StringGraphType>>("code")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var who = services.GetRequiredService<CurrentViewer>().Value;
                if (!who.IsProfessional)
                {
                    throw PassportException.Forbidden("Only professionals redeem share codes.");
                }

                var decision = services.GetRequiredService<AccessDecision>();
                var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
                var normalised = ShareCode.Normalise(c.GetArgument<string>("code"));
                var code = await services.GetRequiredService<GuessLimits>().CheckAsync<ShareCode>(
                    async session =>
                    {
                        var code = normalised.Length == ShareCode.Length ? await session.LoadAsync<ShareCode>(normalised, c.CancellationToken) : null;
                        var problem = code switch
                        {
                            null => "no such code",
                            { RedeemedBy: not null } => "already used",
                            _ when code.ExpiresAt <= now => "expired",
                            _ when code.Sector != who.Sector => $"issued for {code.Sector}",
                            _ => null,
                        };
                        if (problem is null)
                        {
                            var passport = await session.LoadAsync<PassportView>(code!.PassportId, c.CancellationToken);
                            problem = passport is null || decision.IsClosed(passport) ? "passport closed" : null;
                        }

                        return (code, problem);
                    },
                    Refusal,
                    c.CancellationToken);
                try
                {
                    return await c.ChangePassportAsync(new RedeemShareCode(code.PassportId, code.Id));
                }
                catch (PassportException e) when (e.Code == ErrorCodes.NotFound)
                {
                    await services.GetRequiredService<GuessLimits>().RecordFailureAsync("already used (concurrent)", CancellationToken.None);
                    throw new PassportException(ErrorCodes.NotFound, "That share code has already been used.");
                }
            });
}
