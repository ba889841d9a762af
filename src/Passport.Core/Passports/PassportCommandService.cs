using Passport.Core.Access;
using Passport.Sdk;
using Wolverine;

namespace Passport.Core.Passports;

/// <summary>Validates the core's changes, asks the access decision, and sends them as Wolverine commands.</summary>
public sealed class PassportCommandService(
    IMessageBus bus,
    PassportAccess access,
    CurrentViewer viewer,
    TimeProvider clock)
{
    private const int OldestAgeInYears = 26;

    public async Task<PassportNode> CreateAsync(CreatePassportInput input, CancellationToken cancellationToken)
    {
        var who = viewer.Value;
        if (!(who.IsCarer || who.IsYoungPerson || who.IsProfessional))
        {
            throw PassportException.Forbidden("Only carers, young people and professionals create passports.");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var givenName = InputRules.Required("input.givenName", input.GivenName);
        var familyName = InputRules.Required("input.familyName", input.FamilyName);
        var preferredName = InputRules.Optional("input.preferredName", input.PreferredName, InputRules.ShortText);
        if (input.DateOfBirth > today)
        {
            throw PassportException.Invalid("input.dateOfBirth", "input.dateOfBirth cannot be in the future.");
        }

        if (input.DateOfBirth <= today.AddYears(-OldestAgeInYears))
        {
            throw PassportException.Invalid("input.dateOfBirth", $"input.dateOfBirth must be less than {OldestAgeInYears} years ago: passports are for children and young people.");
        }

        if (!LocalAuthorities.IsKnown(input.LocalAuthority))
        {
            throw PassportException.Invalid("input.localAuthority", "input.localAuthority must be the ONS code of one of the region's local authorities, e.g. E06000052.");
        }

        string? nhsNumber = null;
        if (!string.IsNullOrWhiteSpace(input.NhsNumber))
        {
            nhsNumber = NhsNumber.TryParse(input.NhsNumber, out var parsed)
                ? parsed.Digits
                : throw PassportException.Invalid("input.nhsNumber", "input.nhsNumber must be 10 digits with a valid check digit.");
            if (await access.IsNhsNumberTakenAsync(nhsNumber, cancellationToken).ConfigureAwait(false))
            {
                throw Duplicate();
            }
        }

        var id = Guid.CreateVersion7();
        var createdBy = new Provenance(who.Subject, who.DisplayName, who.RecordingRole, who.Sector, who.Organisation, clock.GetUtcNow(), who.IsProfessional);
        try
        {
            await bus.InvokeAsync(new CreatePassport(id, givenName, familyName, preferredName, input.DateOfBirth, nhsNumber, input.LocalAuthority, createdBy), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StoreFailures.IsUniqueViolation(e))
        {
            throw Duplicate();
        }

        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PassportNode> UpdateAboutMeAsync(string passportId, int expectedVersion, AboutMeInput input, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        var recordedBy = await access.AuthorizeAsync(id, CoreFieldGroups.AboutMe, cancellationToken).ConfigureAwait(false);
        var change = new AboutMeUpdated(
            InputRules.Optional("input.communication", input.Communication),
            InputRules.Optional("input.importantToMe", input.ImportantToMe),
            InputRules.Optional("input.likes", input.Likes),
            InputRules.Optional("input.dislikes", input.Dislikes),
            InputRules.Optional("input.whatUpsetsMe", input.WhatUpsetsMe),
            InputRules.Optional("input.howToHelpMe", input.HowToHelpMe),
            InputRules.Optional("input.howIShowPain", input.HowIShowPain),
            InputRules.Optional("input.mustKnow", input.MustKnow),
            recordedBy);
        try
        {
            await bus.InvokeAsync(new UpdateAboutMe(id, expectedVersion, change), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StoreFailures.IsVersionConflict(e))
        {
            throw new PassportException(ErrorCodes.VersionConflict, "The passport has changed since you read it. Reload it and make your change again.");
        }

        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PassportNode> AddEmergencyContactAsync(string passportId, ContactInput input, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        var recordedBy = await access.AuthorizeAsync(id, CoreFieldGroups.EmergencyContacts, cancellationToken).ConfigureAwait(false);
        var phone = InputRules.Required("input.phone", input.Phone, 30);
        if (!phone.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '+' or '(' or ')' or '-'))
        {
            throw PassportException.Invalid("input.phone", "input.phone may contain only digits, spaces and + ( ) -.");
        }

        var change = new EmergencyContactAdded(
            Guid.CreateVersion7(),
            InputRules.Required("input.name", input.Name),
            InputRules.Required("input.relationship", input.Relationship, 100),
            input.ParentalResponsibility,
            phone,
            input.PreferredOrder ?? 1,
            recordedBy);
        await bus.InvokeAsync(new AddEmergencyContact(id, change), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private static PassportException Duplicate() =>
        new(ErrorCodes.Duplicate, "A passport with this NHS number already exists. Ask the family for a share code instead.", "input.nhsNumber");
}
