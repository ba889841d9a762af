using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace Passport.Web.Infrastructure;

/// <summary>
/// The languages the web app offers (configuration <c>Passport:Languages</c>, e.g.
/// <c>["en-GB", "pl-PL", "ro-RO"]</c>; the first is the default) and how a request's language is
/// chosen: the language cookie the switch in the header sets (per device), else the language the
/// signed-in person chose before (<see cref="RememberedLanguageFilter"/>), else the browser's
/// Accept-Language, else the default. Dates, times and numbers follow the same culture; the clock
/// stays the UK's (Europe/London). See docs/languages.md.
/// </summary>
public sealed class Languages
{
    /// <summary>The cookie that remembers the language on this device: ASP.NET Core's own (<see cref="CookieRequestCultureProvider.DefaultCookieName"/>).</summary>
    public const string CookieName = ".AspNetCore.Culture";

    public Languages(IReadOnlyList<string> cultures)
    {
        ArgumentNullException.ThrowIfNull(cultures);
        Cultures = cultures.Count == 0 ? [CultureInfo.GetCultureInfo("en-GB")] : cultures.Select(c => CultureInfo.GetCultureInfo(c)).ToList();
    }

    /// <summary>The cultures offered, the default first.</summary>
    public IReadOnlyList<CultureInfo> Cultures { get; }

    public CultureInfo Default => Cultures[0];

    /// <summary>A language's own name for itself, as the switch offers it: "English", "Polski", "Română".</summary>
    public static string OwnName(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var language = culture.IsNeutralCulture ? culture : culture.Parent;
        var name = language.NativeName;
        return name.Length == 0 ? culture.Name : char.ToUpper(name[0], language) + name[1..];
    }

    /// <summary>The offered culture for a language the person chose (e.g. <c>pl</c> or <c>pl-PL</c>), or null.</summary>
    public CultureInfo? Find(string? language) =>
        string.IsNullOrWhiteSpace(language) ? null
        : Cultures.FirstOrDefault(c => string.Equals(c.Name, language, StringComparison.OrdinalIgnoreCase))
          ?? Cultures.FirstOrDefault(c => string.Equals(c.TwoLetterISOLanguageName, language, StringComparison.OrdinalIgnoreCase));

    /// <summary>Remembers the language on this device for a year (the cookie is not a secret: it holds only the culture's name).</summary>
    public static void Remember(HttpResponse response, CultureInfo culture, bool secure)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(
            CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = secure, Path = "/" });
    }

    /// <summary>The request localization of the web pages: the language cookie, then the browser's languages.</summary>
    public RequestLocalizationOptions RequestOptions()
    {
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Default),
            SupportedCultures = Cultures.ToList(),
            SupportedUICultures = Cultures.ToList(),
            FallBackToParentCultures = true,
            FallBackToParentUICultures = true,
        };
        options.RequestCultureProviders =
        [
            new CookieRequestCultureProvider { CookieName = CookieName },
            new AcceptLanguageHeaderRequestCultureProvider(),
        ];
        return options;
    }
}
