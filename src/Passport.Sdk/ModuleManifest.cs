namespace Passport.Sdk;

/// <summary>
/// How a module describes itself to the host: the <c>passport-plugin.json</c> file in its plugin
/// folder, beside its assembly. The host reads it before it loads the assembly, so a plugin that
/// fails to load is still known by its name, sector and section (which then answers
/// <c>MODULE_UNAVAILABLE</c>). Whether a module is required is not the module's to say: the
/// region's policy file decides (<c>requiredModules</c>).
/// </summary>
/// <param name="Name">Stable module name, as the <c>modules</c> query and local authorities know it (e.g. <c>health</c>).</param>
/// <param name="Sector">The sector whose professionals own and verify this module's data (e.g. <c>health</c>).</param>
/// <param name="Section">The field name of the module's section on <c>Passport</c> (e.g. <c>shortBreaks</c>).</param>
/// <param name="SectionTitle">The section's name in words, as people read it (e.g. "Short breaks").</param>
/// <param name="FieldGroups">Every field group the module's fields belong to.</param>
/// <param name="DatabaseSchema">The PostgreSQL schema that holds the module's documents.</param>
public sealed record ModuleManifest(
    string Name,
    string Sector,
    string Section,
    string SectionTitle,
    IReadOnlyList<FieldGroup> FieldGroups,
    string DatabaseSchema)
{
    /// <summary>The manifest's file name, in the plugin folder beside the plugin's assembly.</summary>
    public const string FileName = "passport-plugin.json";

    /// <summary>Reads and checks the manifest of a plugin folder.</summary>
    /// <param name="folder">The plugin folder.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InvalidManifestException">The file is missing, unreadable, or a member is missing or wrong.</exception>
    public static ModuleManifest ReadFrom(string folder)
    {
        var path = Path.Combine(folder, FileName);
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new InvalidManifestException(folder, null, $"the folder has no {FileName}; every plugin folder needs one beside its assembly");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidManifestException(folder, null, $"{FileName} cannot be read: {e.Message}");
        }

        return Parse(json, folder);
    }

    /// <summary>Parses and checks a manifest's JSON.</summary>
    /// <param name="json">The content of <c>passport-plugin.json</c>.</param>
    /// <param name="folder">The plugin folder it came from, for error messages.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InvalidManifestException">A member is missing, unknown or wrong.</exception>
    public static ModuleManifest Parse(string json, string folder) => ModuleManifestJson.Parse(json, folder);

    /// <summary>The manifest beside an assembly loaded from a file: the plugin's own folder.</summary>
    /// <param name="assembly">The plugin's assembly.</param>
    /// <returns>The manifest.</returns>
    public static ModuleManifest Beside(System.Reflection.Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var folder = Path.GetDirectoryName(assembly.Location);
        return string.IsNullOrEmpty(folder)
            ? throw new InvalidOperationException($"The assembly '{assembly.GetName().Name}' was not loaded from a file, so there is no {FileName} beside it.")
            : ReadFrom(folder);
    }
}

/// <summary>
/// A plugin folder's <c>passport-plugin.json</c> is missing or wrong. The message names the folder
/// and the member at fault, e.g. <c>fieldGroups[0].familyWrites</c>.
/// </summary>
public sealed class InvalidManifestException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="folder">The plugin folder.</param>
    /// <param name="member">The member at fault, as a path (<c>fieldGroups[1].name</c>); null when the file as a whole is.</param>
    /// <param name="problem">What is wrong, in words.</param>
    public InvalidManifestException(string folder, string? member, string problem)
        : base(member is null
            ? $"The plugin folder '{folder}' has no valid {ModuleManifest.FileName}: {problem}."
            : $"The plugin folder '{folder}' has an invalid {ModuleManifest.FileName}: '{member}' {problem}.")
    {
        Folder = folder;
        Member = member;
    }

    /// <summary>The plugin folder.</summary>
    public string Folder { get; }

    /// <summary>The member at fault, or null when the file as a whole is.</summary>
    public string? Member { get; }
}
