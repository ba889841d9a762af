namespace Passport.Core.Passports;

/// <summary>
/// A 10-digit NHS number whose last digit is the Modulus-11 check digit of the first nine
/// (NHS Data Dictionary: weights 10 down to 2; 11 → 0; 10 → invalid).
/// </summary>
public readonly record struct NhsNumber
{
    private NhsNumber(string digits) => Digits = digits;

    /// <summary>The ten digits, no spaces.</summary>
    public string Digits { get; }

    /// <summary>As pages show it: <c>943 476 5919</c>.</summary>
    public string Formatted => $"{Digits[..3]} {Digits[3..6]} {Digits[6..]}";

    /// <summary>Parses an NHS number written with or without spaces.</summary>
    /// <param name="text">The input.</param>
    /// <param name="nhsNumber">The parsed number.</param>
    /// <returns>False when the input is not ten digits or the check digit is wrong.</returns>
    public static bool TryParse(string? text, out NhsNumber nhsNumber)
    {
        nhsNumber = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 20)
        {
            return false;
        }

        var digits = text.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (digits.Length != 10 || !digits.All(char.IsAsciiDigit))
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            sum += (digits[i] - '0') * (10 - i);
        }

        var check = 11 - (sum % 11);
        if (check == 11)
        {
            check = 0;
        }

        if (check == 10 || check != digits[9] - '0')
        {
            return false;
        }

        nhsNumber = new NhsNumber(digits);
        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Digits;
}
