using Passport.Sdk;

namespace Passport.Modules.Health.Conditions;

/// <summary>
/// SNOMED CT concept ids as the SNOMED CT technical guide defines them: 6 to 18 digits without a
/// leading zero, a partition identifier (the two digits before the last) of a concept (00 or 10),
/// and a Verhoeff check digit last. A mistyped code would show a clinician the wrong diagnosis.
/// </summary>
internal static class SnomedCt
{
    private static readonly int[,] Multiplication =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 },
        { 1, 2, 3, 4, 0, 6, 7, 8, 9, 5 },
        { 2, 3, 4, 0, 1, 7, 8, 9, 5, 6 },
        { 3, 4, 0, 1, 2, 8, 9, 5, 6, 7 },
        { 4, 0, 1, 2, 3, 9, 5, 6, 7, 8 },
        { 5, 9, 8, 7, 6, 0, 4, 3, 2, 1 },
        { 6, 5, 9, 8, 7, 1, 0, 4, 3, 2 },
        { 7, 6, 5, 9, 8, 2, 1, 0, 4, 3 },
        { 8, 7, 6, 5, 9, 3, 2, 1, 0, 4 },
        { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0 },
    };

    /// <summary>Row i is the base permutation (row 1) applied i times.</summary>
    private static readonly int[,] Permutation =
    {
        { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9 },
        { 1, 5, 7, 6, 2, 8, 3, 0, 9, 4 },
        { 5, 8, 0, 3, 7, 9, 6, 1, 4, 2 },
        { 8, 9, 1, 6, 0, 4, 3, 5, 2, 7 },
        { 9, 4, 5, 3, 1, 2, 6, 8, 7, 0 },
        { 4, 2, 8, 6, 5, 7, 3, 9, 0, 1 },
        { 2, 7, 9, 3, 8, 0, 6, 4, 1, 5 },
        { 7, 0, 4, 6, 9, 1, 3, 2, 5, 8 },
    };

    /// <summary>Checks an optional concept id; empty becomes null.</summary>
    /// <param name="field">The input field.</param>
    /// <param name="code">The code as typed (surrounding spaces are ignored).</param>
    /// <returns>The code, or null.</returns>
    public static string? OptionalConceptId(string field, string? code)
    {
        var text = code?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        return IsConceptId(text) ? text : throw PassportException.Invalid(field, $"{field} must be a SNOMED CT concept id, e.g. 84757009.");
    }

    public static bool IsConceptId(string code) =>
        code.Length is >= 6 and <= 18
        && code.All(char.IsAsciiDigit)
        && code[0] != '0'
        && code[^3..^1] is "00" or "10"
        && HasVerhoeffCheckDigit(code);

    private static bool HasVerhoeffCheckDigit(string digits)
    {
        var check = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            check = Multiplication[check, Permutation[i % 8, digit]];
        }

        return check == 0;
    }
}
