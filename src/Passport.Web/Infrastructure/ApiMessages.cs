using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Passport.Web.Infrastructure;

/// <summary>
/// The API writes its validation messages in English ("Substance is required."). On a page in
/// another language the common shapes are put into its words; any other message stays in English
/// and the page marks it so (docs/languages.md, "What stays in English").
/// </summary>
public static partial class ApiMessages
{
    /// <summary>The message in the page's language, or null when the page is in English or the message's shape is not known.</summary>
    public static string? InWords(string message, IStringLocalizer text)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(text);
        if (CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en")
        {
            return message;
        }

        if (Required().Match(message) is { Success: true } required)
        {
            return text["Api.Required", required.Groups[1].Value];
        }

        if (TooLong().Match(message) is { Success: true } tooLong)
        {
            return text["Api.TooLong", tooLong.Groups[1].Value, tooLong.Groups[2].Value];
        }

        if (Between().Match(message) is { Success: true } between)
        {
            return text["Api.Between", between.Groups[1].Value, Number(between.Groups[2].Value), Number(between.Groups[3].Value)];
        }

        if (Future().Match(message) is { Success: true } future)
        {
            return text["Api.NotInFuture", future.Groups[1].Value];
        }

        return TooMany().Match(message) is { Success: true } tooMany ? text["Api.TooMany", tooMany.Groups[1].Value, tooMany.Groups[2].Value].Value : null;
    }

    private static string Number(string invariant) =>
        double.TryParse(invariant, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? Display.Number(n) : invariant;

    [GeneratedRegex(@"^(.+) is required\.?$")]
    private static partial Regex Required();

    [GeneratedRegex(@"^(.+) must be at most ([0-9]+) characters\.?$")]
    private static partial Regex TooLong();

    [GeneratedRegex(@"^(.+) must be between (\S+) and (\S+?)\.?$")]
    private static partial Regex Between();

    [GeneratedRegex(@"^(.+) cannot be in the future\.?$")]
    private static partial Regex Future();

    [GeneratedRegex(@"^(.+) may list at most ([0-9]+) items\.?$")]
    private static partial Regex TooMany();
}
