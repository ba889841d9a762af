using GraphQL;
using GraphQL.Types;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.CareTeam;

/// <summary>
/// Handover: a professional on the care team adds a colleague, for the same sector and
/// organisation as themselves. The colleague's entry gives access only to a token with that sector
/// and organisation (see <see cref="AccessDecision"/>): until the named person signs in with a
/// matching organisation claim, the handover is pending. Someone the family removed is not handed
/// back in: they return only with a new share code.
/// </summary>
public sealed record AddCareTeamColleague(Guid PassportId, string Subject, string DisplayName) : IPassportChange
{
    public PassportWrite Write { get; } = new AccessWrite(AccessChange.Handover);

    public Task DecideAsync(PassportWriteContext passport)
    {
        var view = (PassportView)passport.State;
        var by = passport.RecordedBy;
        if (by.Organisation is null)
        {
            throw PassportException.Forbidden("Your sign-in names no organisation, so a colleague cannot be confirmed: ask the family for a share code instead.");
        }

        if (view.RemovedFromCareTeam.Contains(Subject))
        {
            throw PassportException.Forbidden("The family removed this person from the care team; they can come back only with a new share code from the family.");
        }

        if (view.CareTeam.Any(m => m.Subject == Subject))
        {
            throw PassportException.Invalid("subject", "That person is already on the care team.");
        }

        passport.Append(new CareTeamMemberJoined(Subject, DisplayName, by.Sector!, by.Organisation, $"handover from {by.DisplayName}", by));
        return Task.CompletedTask;
    }
}

internal static class AddCareTeamColleagueMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("addCareTeamColleague")
            .Description("Handover: a care-team professional adds a colleague of the same sector and organisation; the colleague gets access only when they sign in with that sector and organisation.")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("subject")
            .Argument<NonNullGraphType<StringGraphType>>("displayName")
            .ResolveAsync(async c => await c.ChangePassportAsync(new AddCareTeamColleague(
                InputRules.PassportId(c.GetArgument<string>("passportId")),
                InputRules.Required("subject", c.GetArgument<string>("subject")),
                InputRules.Required("displayName", c.GetArgument<string>("displayName")))));
}

/// <summary>A professional joined the care team (by share code, handover, or by creating the passport).</summary>
public sealed record CareTeamMemberJoined(
    string Subject,
    string DisplayName,
    string Sector,
    string? Organisation,
    string HowJoined,
    Provenance RecordedBy) : IPassportEvent
{
    /// <summary>How a professional who redeemed a share code joined.</summary>
    public const string ByShareCode = "share code";

    public string? FieldGroup => null;
}
