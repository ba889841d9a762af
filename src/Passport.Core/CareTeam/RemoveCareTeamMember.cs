using GraphQL;
using GraphQL.Types;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Core.Passports;
using Passport.Sdk;

namespace Passport.Core.CareTeam;

/// <summary>
/// The family removes a professional from the care team (the sharing right). Not social care while
/// the child is on a child protection plan or looked after: then social care has a statutory role.
/// Someone removed comes back only with a new share code.
/// </summary>
public sealed record RemoveCareTeamMember(Guid PassportId, string Subject) : IPassportChange
{
    public PassportWrite Write { get; } = new AccessWrite(AccessChange.Sharing);

    public Task DecideAsync(PassportWriteContext passport)
    {
        var view = (PassportView)passport.State;
        var member = view.CareTeam.FirstOrDefault(m => m.Subject == Subject)
            ?? throw PassportException.Invalid("subject", "That person is not on the care team.");
        if (member.Sector == Sectors.SocialCare && view.HasStatutorySocialCare)
        {
            throw PassportException.Forbidden("Children's social care cannot be removed while the child has a child protection plan or is looked after: they have a legal duty to be involved.");
        }

        passport.Append(new CareTeamMemberRemoved(Subject, passport.RecordedBy));
        return Task.CompletedTask;
    }
}

internal static class RemoveCareTeamMemberMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("removeCareTeamMember")
            .Description("The family removes a professional from the care team (not social care while the child has a child protection plan or is looked after).")
            .Argument<NonNullGraphType<IdGraphType>>("passportId")
            .Argument<NonNullGraphType<StringGraphType>>("subject")
            .ResolveAsync(async c => await c.ChangePassportAsync(new RemoveCareTeamMember(
                InputRules.PassportId(c.GetArgument<string>("passportId")), InputRules.Required("subject", c.GetArgument<string>("subject")))));
}

/// <summary>The family removed a professional from the care team.</summary>
public sealed record CareTeamMemberRemoved(string Subject, Provenance RecordedBy) : IPassportEvent
{
    public string? FieldGroup => null;
}
