using Passport.Sdk;

namespace Passport.Core.Passports;

/// <summary>The checks on the child's details that creating a passport and correcting it share.</summary>
public static class PassportInputRules
{
    /// <summary>A correction may make the child older than a new passport may be: up to the latest closing age.</summary>
    private const int OldestAgeInYears = PassportClosure.ClosingAge + 1;

    public static (string Given, string Family, string? Preferred) Names(string? givenName, string? familyName, string? preferredName) => (
        InputRules.Required("input.givenName", givenName),
        InputRules.Required("input.familyName", familyName),
        InputRules.Optional("input.preferredName", preferredName, InputRules.ShortText));

    public static void DateOfBirth(DateOnly dateOfBirth, DateOnly today)
    {
        if (dateOfBirth > today)
        {
            throw PassportException.Invalid("input.dateOfBirth", "input.dateOfBirth cannot be in the future.");
        }

        if (dateOfBirth <= today.AddYears(-OldestAgeInYears))
        {
            throw PassportException.Invalid("input.dateOfBirth", $"input.dateOfBirth must be less than {OldestAgeInYears} years ago: passports are for children and young people.");
        }
    }

    public static void LocalAuthority(string? localAuthority)
    {
        if (!LocalAuthorities.IsKnown(localAuthority))
        {
            throw PassportException.Invalid("input.localAuthority", "input.localAuthority must be the ONS code of one of the region's local authorities, e.g. E06000052.");
        }
    }

    public static string NhsNumberDigits(string field, string? text) =>
        NhsNumber.TryParse(text, out var parsed)
            ? parsed.Digits
            : throw PassportException.Invalid(field, $"{field} must be 10 digits with a valid check digit.");

    public static PassportException Duplicate(string field) =>
        new(ErrorCodes.Duplicate, "A passport with this NHS number already exists. Ask the family for a share code instead.", field);
}
