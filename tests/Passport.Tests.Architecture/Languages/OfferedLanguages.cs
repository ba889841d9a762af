using System.Globalization;
using System.Text.Json;
using Passport.Tests.Architecture.Plugins;

namespace Passport.Tests.Architecture.Languages;

/// <summary>The languages the host offers besides English, as its configuration lists them (Passport:Languages).</summary>
internal static class OfferedLanguages
{
    public static IReadOnlyList<CultureInfo> Translated { get; } = Read();

    private static List<CultureInfo> Read()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(JudgedPlugins.RepoRoot, "src", "Passport.Host", "appsettings.json")));
        return settings.RootElement.GetProperty("Passport").GetProperty("Languages").EnumerateArray()
            .Select(l => CultureInfo.GetCultureInfo(l.GetString()!))
            .Where(c => c.TwoLetterISOLanguageName != "en")
            .ToList();
    }
}
