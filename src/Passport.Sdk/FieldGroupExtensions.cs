using GraphQL.Types;

namespace Passport.Sdk;

/// <summary>Declares which field group a GraphQL field belongs to, and which module owns a section.</summary>
public static class FieldGroupExtensions
{
    /// <summary>Metadata key holding a field's group name.</summary>
    public const string FieldGroupKey = "passport:fieldGroup";

    /// <summary>Metadata key holding the module that owns a <c>Passport</c> section field.</summary>
    public const string ModuleKey = "passport:module";

    /// <summary>
    /// Puts the field in a field group: the host returns it only when the access decision lets the
    /// viewer see that group, and otherwise answers <c>FIELD_NOT_PERMITTED</c> for it.
    /// Every field below <c>Passport</c> that carries data must declare its group: the host refuses
    /// to start if one does not.
    /// </summary>
    /// <typeparam name="TMetadataProvider">A field or field builder.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="group">The group's name, e.g. <c>health.emergency</c>.</param>
    /// <returns>The same field, for chaining.</returns>
    public static TMetadataProvider InFieldGroup<TMetadataProvider>(this TMetadataProvider field, string group)
        where TMetadataProvider : IMetadataWriter
    {
        field.Metadata[FieldGroupKey] = group;
        return field;
    }

    /// <summary>The group a field declared, if any.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The group name, or null.</returns>
    public static string? FieldGroupOf(this IMetadataReader field) =>
        field.GetMetadata<string?>(FieldGroupKey);

    /// <summary>The module that owns a section field, if any.</summary>
    /// <param name="field">The field.</param>
    /// <returns>The module name, or null.</returns>
    public static string? ModuleOf(this IMetadataReader field) =>
        field.GetMetadata<string?>(ModuleKey);

    /// <summary>Marks a field as a section owned by a module.</summary>
    /// <param name="field">The field.</param>
    /// <param name="module">The module's name.</param>
    /// <returns>The same field.</returns>
    public static FieldType OwnedByModule(this FieldType field, string module)
    {
        field.Metadata[ModuleKey] = module;
        return field;
    }
}
