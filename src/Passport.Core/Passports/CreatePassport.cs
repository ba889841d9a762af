using GraphQL;
using GraphQL.Types;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Passport.Core.Access;
using Passport.Core.GraphQL;
using Passport.Sdk;
using Wolverine;

namespace Passport.Core.Passports;

/// <summary>The command: start a passport's stream. The creator is linked to it.</summary>
public sealed record CreatePassport(
    Guid PassportId,
    string GivenName,
    string FamilyName,
    string? PreferredName,
    DateOnly DateOfBirth,
    string? NhsNumber,
    string LocalAuthority,
    Provenance CreatedBy)
{
    /// <summary>A logged failure must not carry the child's details.</summary>
    public override string ToString() => nameof(CreatePassport);
}

public static class CreatePassportHandler
{
    public static void Handle(CreatePassport command, IDocumentSession session) =>
        session.Events.StartStream<PassportView>(
            command.PassportId,
            new PassportCreated(
                command.PassportId,
                command.GivenName,
                command.FamilyName,
                command.PreferredName,
                command.DateOfBirth,
                command.NhsNumber,
                command.LocalAuthority,
                command.CreatedBy));
}

internal static class CreatePassportMutation
{
    public static void Define(ObjectGraphType mutation) =>
        mutation.Field<NonNullGraphType<PassportGraphType>>("createPassport")
            .Description("Creates a child's passport; the creator is linked to it (a carer, or a professional on its care team).")
            .Argument<NonNullGraphType<CreatePassportInputGraphType>>("input")
            .ResolveAsync(async c => await CreateAsync(c, c.GetArgument<CreatePassportInput>("input")));

    private static async Task<PassportNode> CreateAsync(IResolveFieldContext c, CreatePassportInput input)
    {
        var services = c.RequestServices!;
        var who = services.GetRequiredService<CurrentViewer>().Value;
        var clock = services.GetRequiredService<TimeProvider>();
        var access = services.GetRequiredService<PassportAccess>();
        if (!(who.IsCarer || who.IsYoungPerson || who.IsProfessional))
        {
            throw PassportException.Forbidden("Only carers, young people and professionals create passports.");
        }

        var (givenName, familyName, preferredName) = PassportInputRules.Names(input.GivenName, input.FamilyName, input.PreferredName);
        var today = PassportClosure.Today(clock);
        PassportInputRules.DateOfBirth(input.DateOfBirth, today);
        if (PassportClosure.ClosesOn(input.DateOfBirth, null) <= today)
        {
            // It would be closed before anyone could use it.
            throw PassportException.Invalid("input.dateOfBirth", $"input.dateOfBirth must be less than {PassportClosure.ClosingAge} years ago: a passport closes at the {PassportClosure.ClosingAge}th birthday.");
        }

        PassportInputRules.LocalAuthority(input.LocalAuthority);
        string? nhsNumber = null;
        if (!string.IsNullOrWhiteSpace(input.NhsNumber))
        {
            nhsNumber = PassportInputRules.NhsNumberDigits("input.nhsNumber", input.NhsNumber);
            if (await access.IsNhsNumberTakenAsync(nhsNumber, c.CancellationToken))
            {
                throw PassportInputRules.Duplicate("input.nhsNumber");
            }
        }

        var id = Guid.CreateVersion7();
        var createdBy = new Provenance(who.Subject, who.DisplayName, who.RecordingRole, who.Sector, who.Organisation, clock.GetUtcNow(), who.IsProfessional);
        try
        {
            await services.GetRequiredService<IMessageBus>().InvokeAsync(
                new CreatePassport(id, givenName, familyName, preferredName, input.DateOfBirth, nhsNumber, input.LocalAuthority, createdBy), c.CancellationToken);
        }
        catch (Exception e) when (StoreFailures.IsUniqueViolation(e))
        {
            throw PassportInputRules.Duplicate("input.nhsNumber");
        }

        return await access.ReadAsync(id, c.CancellationToken);
    }
}
