using System.Text.Json;

namespace Passport.Host.Plugins;

/// <summary>
/// <c>passport-plugin.json</c> beside a plugin's assembly: its module name and the section it adds
/// to <c>Passport</c>, readable without loading the assembly. When the plugin fails to load, the
/// host still knows the module's name and keeps its section in the schema, answering
/// MODULE_UNAVAILABLE: missing information must never look like "none recorded".
/// </summary>
internal sealed record PluginDescription(string Module, string? Section)
{
    public const string FileName = "passport-plugin.json";

    public static PluginDescription? TryRead(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            return root.TryGetProperty("module", out var module) && module.GetString() is { Length: > 0 } name
                ? new PluginDescription(name, root.TryGetProperty("section", out var section) ? section.GetString() : null)
                : null;
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidOperationException)
        {
            return null;
        }
    }
}
