using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Sdk;

namespace Passport.Core.EmergencyCards;

/// <summary>
/// The family issues an emergency card: a new token whose hash is stored with the passport. A card
/// already in use is revoked in the same change, so a passport has one card at a time.
/// </summary>
/// <param name="PassportId">The passport.</param>
/// <param name="CardId">Names the card in the passport's history.</param>
/// <param name="TokenHash">The hash of the new token (<see cref="EmergencyCardToken.HashOf"/>); the token never reaches the write path.</param>
public sealed record IssueEmergencyCard(Guid PassportId, Guid CardId, string TokenHash) : IPassportChange
{
    public PassportWrite Write { get; } = new AccessWrite(AccessChange.EmergencyCard);

    public async Task DecideAsync(PassportWriteContext passport)
    {
        var by = passport.RecordedBy;
        await EmergencyCardChanges.RevokeCurrentAsync(passport).ConfigureAwait(false);
        passport.Session.Insert(new EmergencyCard { Id = TokenHash, PassportId = PassportId, CardId = CardId, IssuedAt = by.RecordedAt, IssuedBy = by.DisplayName });
        passport.Append(new EmergencyCardIssued(CardId, by));
    }
}

/// <summary>The family stops the card in use: its link then opens nothing for anyone. Nothing to stop is not an error.</summary>
public sealed record RevokeEmergencyCard(Guid PassportId) : IPassportChange
{
    public PassportWrite Write { get; } = new AccessWrite(AccessChange.EmergencyCard);

    public Task DecideAsync(PassportWriteContext passport) => EmergencyCardChanges.RevokeCurrentAsync(passport);
}

internal static class EmergencyCardChanges
{
    /// <summary>Deletes the card in use (its hash goes, so its token finds nothing) and records that it was revoked.</summary>
    public static async Task RevokeCurrentAsync(PassportWriteContext passport)
    {
        var current = await passport.Session.Query<EmergencyCard>().Where(c => c.PassportId == passport.PassportId).ToListAsync().ConfigureAwait(false);
        foreach (var card in current)
        {
            passport.Session.Delete(card);
            passport.Append(new EmergencyCardRevoked(card.CardId, passport.RecordedBy));
        }
    }
}

/// <summary>The one time a card's link is shown: in the answer to <c>issueEmergencyCard</c>.</summary>
public sealed record IssuedEmergencyCard(string Url, DateTimeOffset IssuedAt);

public sealed class IssuedEmergencyCardGraphType : ObjectGraphType<IssuedEmergencyCard>
{
    public IssuedEmergencyCardGraphType()
    {
        Name = "IssuedEmergencyCard";
        Description = "A new emergency card. Its link is shown only here, once: put it on the printed card or the lock-screen image now.";
        Field<NonNullGraphType<StringGraphType>>("url").Description("The link the card's QR code carries: /card/{token} on this service. It holds no data about the child.").Resolve(c => c.Source.Url);
        Field<NonNullGraphType<DateTimeScalar>>("issuedAt").Resolve(c => c.Source.IssuedAt);
    }
}

internal static class EmergencyCardMutations
{
    public static void Define(ObjectGraphType mutation)
    {
        mutation.Field<NonNullGraphType<IssuedEmergencyCardGraphType>>("issueEmergencyCard")
            .Description("The family issues an emergency card for the child's wallet or phone: a health professional who scans it is taken to emergency access for this passport; nobody else learns anything from it. Any card in use stops working. The link is returned only this once.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var token = EmergencyCardToken.New();
                var change = new IssueEmergencyCard(passportId, Guid.CreateVersion7(), EmergencyCardToken.HashOf(token)!);
                await services.GetRequiredService<IPassportWriter>().WriteAsync(change, null, c.CancellationToken);
                var card = await services.GetRequiredService<IQuerySession>().LoadAsync<EmergencyCard>(change.TokenHash, c.CancellationToken);
                var request = services.GetService<IHttpContextAccessor>()?.HttpContext?.Request;
                var origin = request is null ? null : $"{request.Scheme}://{request.Host}{request.PathBase}";
                return new IssuedEmergencyCard(EmergencyCardToken.Url(services.GetRequiredService<IConfiguration>()["Passport:PublicUrl"], origin, token), card!.IssuedAt);
            });

        mutation.Field<NonNullGraphType<PassportGraphType>>("revokeEmergencyCard")
            .Description("The family stops the emergency card in use: its link then opens nothing, for anyone.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .ResolveAsync(async c => await c.ChangePassportAsync(new RevokeEmergencyCard(InputRules.PassportId(c.GetArgument<string>("passportId")))));
    }
}

/// <summary>The family issued an emergency card (its token is kept nowhere; its hash only in <see cref="EmergencyCard"/>).</summary>
public sealed record EmergencyCardIssued(Guid CardId, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>The family revoked an emergency card, or replaced it with a new one.</summary>
public sealed record EmergencyCardRevoked(Guid CardId, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}
