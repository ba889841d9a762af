namespace Passport.Sdk;

/// <summary>How a module describes itself to the host.</summary>
/// <param name="Name">Stable module name, as the <c>modules</c> query and local authorities know it (e.g. <c>health</c>).</param>
/// <param name="Sector">The sector whose professionals own and verify this module's data (e.g. <c>health</c>).</param>
/// <param name="IsRequired">
/// True for the region's sector modules: the host does not start without them, because missing
/// clinical data must never look like "no allergies".
/// </param>
/// <param name="FieldGroups">Every field group the module's fields belong to.</param>
/// <param name="DatabaseSchema">The PostgreSQL schema that holds the module's documents.</param>
public sealed record ModuleManifest(
    string Name,
    string Sector,
    bool IsRequired,
    IReadOnlyList<FieldGroup> FieldGroups,
    string DatabaseSchema);
