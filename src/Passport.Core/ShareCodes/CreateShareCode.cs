using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.ShareCodes;

/// <summary>The family issues a single-use, short-lived code for one sector (the family's sharing right).</summary>
public sealed record CreateShareCode(Guid PassportId, string Sector, string Code, TimeSpan Lifetime) : IPassportChange
{
    public PassportWrite Write { get; } = new AccessWrite(AccessChange.Sharing);

    public Task DecideAsync(PassportWriteContext passport)
    {
        var by = passport.RecordedBy;
        var expiresAt = by.RecordedAt + Lifetime;
        passport.Session.Insert(new ShareCode { Id = Code, PassportId = PassportId, Sector = Sector, IssuedBy = by.Subject, ExpiresAt = expiresAt });
        passport.Append(new ShareCodeIssued(Sector, expiresAt, by));
        return Task.CompletedTask;
    }
}

internal static class CreateShareCodeMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<ShareCodeGraphType>>("createShareCode")
            .Description("A single-use code (30 minutes) the family gives a professional of one sector to join the care team.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("sector")
            .ResolveAsync(async c =>
            {
                var services = c.RequestServices!;
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var sector = SharingInputs.Sector(services.GetRequiredService<AccessDecision>(), c.GetArgument<string>("sector"));
                var lifetime = TimeSpan.FromMinutes(services.GetRequiredService<IConfiguration>().GetValue("Passport:ShareCodeMinutes", 30));
                var change = new CreateShareCode(passportId, sector, ShareCode.NewCode(), lifetime);
                await services.GetRequiredService<IPassportWriter>().WriteAsync(change, null, c.CancellationToken);
                var code = await services.GetRequiredService<Marten.IQuerySession>().LoadAsync<ShareCode>(change.Code, c.CancellationToken);
                return (ShareCode.Display(change.Code), code!.ExpiresAt);
            });
}

/// <summary>Checks of the sector and group arguments that sharing mutations share.</summary>
internal static class SharingInputs
{
    public static string Sector(AccessDecision decision, string sector) =>
        decision.IsKnownSector(sector) ? sector : throw PassportException.Invalid("sector", $"sector must be one of {string.Join(", ", decision.PolicySectors)}.");

    public static string Group(AccessDecision decision, string group) =>
        decision.IsKnownGroup(group) ? group : throw PassportException.Invalid("group", $"'{group}' is not a field group of this passport.");
}

/// <summary>The family issued a share code for a sector (the code itself is kept only in <see cref="ShareCode"/>).</summary>
public sealed record ShareCodeIssued(string Sector, DateTimeOffset ExpiresAt, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}
