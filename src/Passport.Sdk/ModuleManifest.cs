namespace Passport.Sdk;

/// <summary>
/// How a module describes itself to the host. Whether a module is required is not the module's to
/// say: the region's policy file decides (<c>requiredModules</c>).
/// </summary>
/// <param name="Name">Stable module name, as the <c>modules</c> query and local authorities know it (e.g. <c>health</c>).</param>
/// <param name="Sector">The sector whose professionals own and verify this module's data (e.g. <c>health</c>).</param>
/// <param name="FieldGroups">Every field group the module's fields belong to.</param>
/// <param name="DatabaseSchema">The PostgreSQL schema that holds the module's documents.</param>
public sealed record ModuleManifest(
    string Name,
    string Sector,
    IReadOnlyList<FieldGroup> FieldGroups,
    string DatabaseSchema);
