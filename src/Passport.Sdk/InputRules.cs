namespace Passport.Sdk;

/// <summary>Checks that every module applies to text input, so errors read the same everywhere.</summary>
public static class InputRules
{
    /// <summary>Longest name-like text (names, substances, settings).</summary>
    public const int ShortText = 200;

    /// <summary>Longest free text (about me, reactions, plans).</summary>
    public const int LongText = 4000;

    /// <summary>Trims required text and checks its length.</summary>
    /// <param name="field">The input field's path, e.g. <c>input.substance</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="maxLength">The longest allowed.</param>
    /// <returns>The trimmed text.</returns>
    public static string Required(string field, string? value, int maxLength = ShortText)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            throw PassportException.Invalid(field, $"{field} is required.");
        }

        RefuseControlCharacters(field, text);

        return text.Length <= maxLength ? text : throw PassportException.Invalid(field, $"{field} must be at most {maxLength} characters.");
    }

    /// <summary>Trims optional text (empty becomes null) and checks its length.</summary>
    /// <param name="field">The input field's path.</param>
    /// <param name="value">The value.</param>
    /// <param name="maxLength">The longest allowed.</param>
    /// <returns>The trimmed text, or null.</returns>
    public static string? Optional(string field, string? value, int maxLength = LongText)
    {
        var text = value?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        RefuseControlCharacters(field, text);
        return text.Length <= maxLength ? text : throw PassportException.Invalid(field, $"{field} must be at most {maxLength} characters.");
    }

    /// <summary>
    /// Text a person typed holds no control characters but line breaks and tabs: a NUL cannot be
    /// stored at all (PostgreSQL refuses it), and the others only hide or garble what is shown.
    /// </summary>
    /// <param name="field">The input field's path.</param>
    /// <param name="text">The text.</param>
    private static void RefuseControlCharacters(string field, string text)
    {
        if (text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            throw PassportException.Invalid(field, $"{field} must not contain control characters.");
        }
    }

    /// <summary>Parses a passport id; a malformed id is answered like an unknown one, so ids cannot be probed.</summary>
    /// <param name="id">The id argument.</param>
    /// <returns>The id.</returns>
    public static Guid PassportId(string? id) =>
        Guid.TryParse(id, out var guid) && guid != Guid.Empty ? guid : throw PassportException.NotFound();
}
