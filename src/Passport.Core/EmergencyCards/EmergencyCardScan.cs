using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.BreakGlass;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.EmergencyCards;

/// <summary>What a health professional learns from scanning a card: which passport to ask emergency access for.</summary>
/// <param name="PassportId">The passport the card belongs to.</param>
/// <param name="HasAccess">True when they may already open it (care team, or emergency access still running): no need to break glass.</param>
public sealed record EmergencyCardScan(Guid PassportId, bool HasAccess);

public sealed class EmergencyCardScanGraphType : ObjectGraphType<EmergencyCardScan>
{
    public EmergencyCardScanGraphType()
    {
        Name = "EmergencyCardScan";
        Field<NonNullGraphType<IdGraphType>>("passportId").Description("The passport to ask emergency access for (breakGlass).").Resolve(c => c.Source.PassportId.ToString());
        Field<NonNullGraphType<BooleanGraphType>>("hasAccess").Description("True when you may already open this passport.").Resolve(c => c.Source.HasAccess);
    }
}

/// <summary>The card in use, as the family sees it: when it was issued and by whom (never its link).</summary>
public sealed class EmergencyCardGraphType : ObjectGraphType<EmergencyCard>
{
    public EmergencyCardGraphType()
    {
        Name = "EmergencyCard";
        Field<NonNullGraphType<DateTimeScalar>>("issuedAt").Resolve(c => c.Source.IssuedAt);
        Field<NonNullGraphType<StringGraphType>>("issuedBy").Description("The family member who issued it.").Resolve(c => c.Source.IssuedBy);
    }
}

internal static class EmergencyCardFields
{
    /// <summary>
    /// <c>emergencyCardScan(token)</c>: the passport a card belongs to, for a health professional
    /// only (the sector that may use emergency access). Everyone else, a card that was revoked or
    /// never existed, and a closed passport get the same NOT_FOUND, so a card tells nobody else
    /// anything. It returns no child data and so is not a read of the passport; what follows, the
    /// emergency access, is recorded, audited and told to the family.
    /// </summary>
    public static void DefineScan(ObjectGraphType query) =>
        query.Field<EmergencyCardScanGraphType>("emergencyCardScan")
            .Description("For a health professional who scanned a child's emergency card: the passport to ask emergency access for. NOT_FOUND for anyone else and for a card that is not in use.")
            .Argument<NonNullGraphType<StringGraphType>>("token")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var viewer = services.GetRequiredService<CurrentViewer>().Value;
                // Decided before the card is looked up, so others cannot even time the lookup.
                if (!viewer.IsProfessional || viewer.Sector != UseBreakGlass.Sector || EmergencyCardToken.HashOf(c.GetArgument<string>("token")) is not { } hash)
                {
                    throw PassportException.NotFound();
                }

                var session = services.GetRequiredService<IQuerySession>();
                var card = await session.LoadAsync<EmergencyCard>(hash, c.CancellationToken) ?? throw PassportException.NotFound();
                var passport = await session.LoadAsync<PassportView>(card.PassportId, c.CancellationToken);
                var decision = services.GetRequiredService<AccessDecision>();
                if (passport is null || decision.IsClosed(passport))
                {
                    throw PassportException.NotFound();
                }

                return new EmergencyCardScan(passport.Id, decision.Decide(viewer, passport) is not null);
            });

    /// <summary><c>Passport.emergencyCard</c>: for the family, like the sharing settings; FORBIDDEN for anyone else.</summary>
    public static void DefineStatus(ObjectGraphType<PassportNode> passport) =>
        passport.Field<EmergencyCardGraphType>("emergencyCard")
            .Description("The emergency card in use, if any: when and by whom it was issued (its link is shown only once, when issued). For the family; null with FORBIDDEN for anyone else.")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var access = c.Source.Access;
                if (access.Basis is not (AccessBasis.Carer or AccessBasis.YoungPerson)
                    || services.GetRequiredService<PassportAccess>().ViewOf(c.Source).IsFamilyAccessFrozen)
                {
                    throw PassportException.Forbidden("Only the family sees the emergency card.");
                }

                return await services.GetRequiredService<IQuerySession>().Query<EmergencyCard>()
                    .Where(card => card.PassportId == c.Source.Id)
                    .FirstOrDefaultAsync(c.CancellationToken);
            });
}
