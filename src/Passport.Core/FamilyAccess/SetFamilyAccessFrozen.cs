using GraphQL;
using GraphQL.Types;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.FamilyAccess;

/// <summary>Children's social care pauses (or restores) the family's access during a safeguarding enquiry, with its reason.</summary>
public sealed record SetFamilyAccessFrozen(Guid PassportId, bool IsFrozen, string? Reason) : IPassportChange
{
    public PassportWrite Write { get; } = new AccessWrite(AccessChange.FamilyAccessFreeze);

    public Task DecideAsync(PassportWriteContext passport)
    {
        passport.Append(IsFrozen
            ? new FamilyAccessFrozen(Reason ?? throw PassportException.Invalid("reason", "reason is required to freeze family access."), passport.RecordedBy)
            : new FamilyAccessUnfrozen(passport.RecordedBy));
        return Task.CompletedTask;
    }
}

internal static class SetFamilyAccessFrozenMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("setFamilyAccessFrozen")
            .Description("Children's social care pauses (or restores) the family's access during a safeguarding enquiry. Recorded with its reason.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<BooleanGraphType>>("frozen")
            .Argument<StringGraphType>("reason")
            .ResolveAsync(async c =>
            {
                var frozen = c.GetArgument<bool>("frozen");
                var reason = frozen ? InputRules.Required("reason", c.GetArgument<string?>("reason"), InputRules.LongText) : null;
                return await c.ChangePassportAsync(new SetFamilyAccessFrozen(InputRules.PassportId(c.GetArgument<string>("passportId")), frozen, reason));
            });
}

/// <summary>A social-care professional froze family access during a safeguarding enquiry.</summary>
public sealed record FamilyAccessFrozen(string Reason, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}

/// <summary>Family access was restored.</summary>
public sealed record FamilyAccessUnfrozen(Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}
