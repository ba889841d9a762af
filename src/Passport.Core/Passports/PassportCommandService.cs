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
    /// <summary>A correction may make the child older than a new passport may be: up to the latest closing age.</summary>
    private const int OldestAgeInYears = PassportClosure.ClosingAge + 1;

    public async Task<PassportNode> CreateAsync(CreatePassportInput input, CancellationToken cancellationToken)
    {
        var who = viewer.Value;
        if (!(who.IsCarer || who.IsYoungPerson || who.IsProfessional))
        {
            throw PassportException.Forbidden("Only carers, young people and professionals create passports.");
        }

        var (givenName, familyName, preferredName) = ValidNames(input.GivenName, input.FamilyName, input.PreferredName);
        ValidateDateOfBirth(input.DateOfBirth);
        if (PassportClosure.ClosesOn(input.DateOfBirth, null) <= PassportClosure.Today(clock))
        {
            // It would be closed before anyone could use it.
            throw PassportException.Invalid("input.dateOfBirth", $"input.dateOfBirth must be less than {PassportClosure.ClosingAge} years ago: a passport closes at the {PassportClosure.ClosingAge}th birthday.");
        }

        ValidateLocalAuthority(input.LocalAuthority);
        var nhsNumber = string.IsNullOrWhiteSpace(input.NhsNumber) ? null : await UnusedNhsNumberAsync("input.nhsNumber", input.NhsNumber, cancellationToken).ConfigureAwait(false);

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
        var (name, relationship, phone, order) = ValidContact(input);
        var change = new EmergencyContactAdded(Guid.CreateVersion7(), name, relationship, input.ParentalResponsibility, phone, order, recordedBy);
        await bus.InvokeAsync(new AddEmergencyContact(id, change), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PassportNode> AmendEmergencyContactAsync(string passportId, string contactId, ContactInput input, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        var contact = Guid.TryParse(contactId, out var parsed) ? parsed : throw PassportException.Invalid("contactId", "contactId must be the id of an emergency contact.");
        var recordedBy = await access.AuthorizeAsync(id, CoreFieldGroups.EmergencyContacts, cancellationToken).ConfigureAwait(false);
        var (name, relationship, phone, order) = ValidContact(input);
        var change = new EmergencyContactAmended(contact, name, relationship, input.ParentalResponsibility, phone, order, recordedBy);
        await bus.InvokeAsync(new AmendEmergencyContact(id, change), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PassportNode> RemoveEmergencyContactAsync(string passportId, string contactId, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        var contact = Guid.TryParse(contactId, out var parsed) ? parsed : throw PassportException.Invalid("contactId", "contactId must be the id of an emergency contact.");
        var recordedBy = await access.AuthorizeAsync(id, CoreFieldGroups.EmergencyContacts, cancellationToken).ConfigureAwait(false);
        await bus.InvokeAsync(new RemoveEmergencyContact(id, new EmergencyContactRemoved(contact, recordedBy)), cancellationToken).ConfigureAwait(false);
        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PassportNode> UpdateChildDetailsAsync(string passportId, ChildDetailsInput input, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        var recordedBy = await access.AuthorizeAsync(id, CoreFieldGroups.IdentityBasic, cancellationToken).ConfigureAwait(false);
        var (givenName, familyName, preferredName) = ValidNames(input.GivenName, input.FamilyName, input.PreferredName);
        ValidateDateOfBirth(input.DateOfBirth);
        ValidateLocalAuthority(input.LocalAuthority);
        var change = new ChildDetailsUpdated(
            givenName,
            familyName,
            preferredName,
            input.DateOfBirth,
            InputRules.Optional("input.pronouns", input.Pronouns, 50),
            InputRules.Optional("input.firstLanguage", input.FirstLanguage, 100),
            input.InterpreterNeeded ?? false,
            InputRules.Optional("input.photoReference", input.PhotoReference, 500),
            input.LocalAuthority,
            recordedBy);
        await bus.InvokeAsync(new UpdateChildDetails(id, change), cancellationToken).ConfigureAwait(false);
        try
        {
            return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
        }
        catch (PassportException e) when (e.Code == ErrorCodes.PassportClosed)
        {
            // The correction is saved: say so, so nobody repeats it thinking it was refused.
            throw new PassportException(ErrorCodes.PassportClosed, "The change was saved. With this date of birth the passport has closed (25th birthday), so it can no longer be seen or changed.");
        }
    }

    public async Task<PassportNode> SetNhsNumberAsync(string passportId, string nhsNumber, CancellationToken cancellationToken)
    {
        var id = InputRules.PassportId(passportId);
        var recordedBy = await access.AuthorizeAsync(id, CoreFieldGroups.NhsNumber, cancellationToken).ConfigureAwait(false);
        var digits = await UnusedNhsNumberAsync("nhsNumber", nhsNumber, cancellationToken).ConfigureAwait(false);
        try
        {
            await bus.InvokeAsync(new SetNhsNumber(id, new NhsNumberSet(digits, recordedBy)), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (StoreFailures.IsUniqueViolation(e))
        {
            throw Duplicate("nhsNumber");
        }

        return await access.ReadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    private static (string Given, string Family, string? Preferred) ValidNames(string? givenName, string? familyName, string? preferredName) => (
        InputRules.Required("input.givenName", givenName),
        InputRules.Required("input.familyName", familyName),
        InputRules.Optional("input.preferredName", preferredName, InputRules.ShortText));

    private void ValidateDateOfBirth(DateOnly dateOfBirth)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (dateOfBirth > today)
        {
            throw PassportException.Invalid("input.dateOfBirth", "input.dateOfBirth cannot be in the future.");
        }

        if (dateOfBirth <= today.AddYears(-OldestAgeInYears))
        {
            throw PassportException.Invalid("input.dateOfBirth", $"input.dateOfBirth must be less than {OldestAgeInYears} years ago: passports are for children and young people.");
        }
    }

    private static void ValidateLocalAuthority(string? localAuthority)
    {
        if (!LocalAuthorities.IsKnown(localAuthority))
        {
            throw PassportException.Invalid("input.localAuthority", "input.localAuthority must be the ONS code of one of the region's local authorities, e.g. E06000052.");
        }
    }

    private async Task<string> UnusedNhsNumberAsync(string field, string? text, CancellationToken cancellationToken)
    {
        var digits = NhsNumber.TryParse(text, out var parsed)
            ? parsed.Digits
            : throw PassportException.Invalid(field, $"{field} must be 10 digits with a valid check digit.");
        return await access.IsNhsNumberTakenAsync(digits, cancellationToken).ConfigureAwait(false) ? throw Duplicate(field) : digits;
    }

    private static (string Name, string Relationship, string Phone, int Order) ValidContact(ContactInput input)
    {
        var phone = InputRules.Required("input.phone", input.Phone, 30);
        if (!phone.All(ch => char.IsAsciiDigit(ch) || ch is ' ' or '+' or '(' or ')' or '-'))
        {
            throw PassportException.Invalid("input.phone", "input.phone may contain only digits, spaces and + ( ) -.");
        }

        var order = input.PreferredOrder ?? 1;
        if (order is < 1 or > 20)
        {
            throw PassportException.Invalid("input.preferredOrder", "input.preferredOrder must be between 1 and 20.");
        }

        return (InputRules.Required("input.name", input.Name), InputRules.Required("input.relationship", input.Relationship, 100), phone, order);
    }

    private static PassportException Duplicate(string field = "input.nhsNumber") =>
        new(ErrorCodes.Duplicate, "A passport with this NHS number already exists. Ask the family for a share code instead.", field);
}
