using GraphQL;
using GraphQL.Types;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.Control;

/// <summary>
/// From 16 the young person takes control: carers they do not keep drop to view, carer
/// invitations issued before now are void, and from now on only the young person invites carers.
/// </summary>
public sealed record TakeControl(Guid PassportId, IReadOnlyList<string> KeepCarers) : IPassportChange
{
    public PassportWrite Write { get; } = new AccessWrite(AccessChange.TakeControl);

    public Task DecideAsync(PassportWriteContext passport)
    {
        var carers = ((PassportView)passport.State).Carers;
        if (KeepCarers.Any(s => !carers.Any(c => c.Subject == s)))
        {
            throw PassportException.Invalid("keepCarers", "keepCarers may only name carers linked to this passport.");
        }

        passport.Append(new YoungPersonTookControl(KeepCarers, passport.RecordedBy));
        return Task.CompletedTask;
    }
}

internal static class TakeControlMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("takeControl")
            .Description("From 16 the young person takes control: carers not named in keepCarers keep only the right to view; earlier carer invitations are void.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("keepCarers")
            .ResolveAsync(async c => await c.ChangePassportAsync(new TakeControl(
                InputRules.PassportId(c.GetArgument<string>("passportId")), c.GetArgument<List<string>>("keepCarers"))));
}

/// <summary>From 16 the young person took control; carers not named keep only the right to view.</summary>
public sealed record YoungPersonTookControl(IReadOnlyList<string> CarersKeepingTheirRights, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}
