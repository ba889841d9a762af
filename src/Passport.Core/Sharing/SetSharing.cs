using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Core.ShareCodes;
using Passport.Sdk;

namespace Passport.Core.Sharing;

/// <summary>The family shares a group with a sector, or stops: only groups the policy lets them change.</summary>
public sealed record SetSharing(Guid PassportId, string Sector, string Group, bool IsShared, SharingLevel Level) : IPassportChange
{
    public PassportWrite Write { get; } = new AccessWrite(AccessChange.Sharing);

    /// <summary>Checked after the write decision, so someone with no relationship learns nothing but NOT_FOUND.</summary>
    public Task DecideAsync(PassportWriteContext passport)
    {
        if (Level is not (SharingLevel.Default or SharingLevel.OptIn))
        {
            throw PassportException.Forbidden(Level == SharingLevel.Always
                ? $"{Sector} must see '{Group}' by law or regional policy; it cannot be withdrawn."
                : $"The regional policy never shares '{Group}' with {Sector}.");
        }

        passport.Append(new SharingChanged(Sector, Group, IsShared, passport.RecordedBy));
        return Task.CompletedTask;
    }
}

internal static class SetSharingMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("setSharing")
            .Description("The family shares a field group with a sector, or stops sharing it (only groups the policy lets families change).")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("sector")
            .Argument<NonNullGraphType<StringGraphType>>("group")
            .Argument<NonNullGraphType<BooleanGraphType>>("shared")
            .ResolveAsync(async c =>
            {
                var decision = c.RequestServices!.GetRequiredService<AccessDecision>();
                var passportId = InputRules.PassportId(c.GetArgument<string>("passportId"));
                var sector = SharingInputs.Sector(decision, c.GetArgument<string>("sector"));
                var group = SharingInputs.Group(decision, c.GetArgument<string>("group"));
                return await c.ChangePassportAsync(new SetSharing(passportId, sector, group, c.GetArgument<bool>("shared"), decision.LevelFor(sector, group)));
            });
}

/// <summary>The family changed whether a sector sees a group (only <c>default</c> and <c>optIn</c> groups).</summary>
public sealed record SharingChanged(string Sector, string Group, bool IsShared, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}
