using GraphQL.Types;

namespace Passport.Sdk.Items;

/// <summary>
/// The graph types one schema build makes for a module's items. GraphQL.NET needs one instance
/// per type name in a schema, and a fresh one for every schema, so they are made here, per build.
/// </summary>
public sealed class ItemGraphTypes
{
    private readonly Dictionary<string, IGraphType> _enums = new(StringComparer.Ordinal);

    /// <summary>The enum graph type of <paramref name="enumType"/>, named <paramref name="name"/>, made once per schema.</summary>
    /// <param name="enumType">The CLR enum.</param>
    /// <param name="name">Its name in the schema, e.g. <c>Severity</c>.</param>
    /// <returns>The graph type.</returns>
    public IGraphType Enum(Type enumType, string name)
    {
        ArgumentNullException.ThrowIfNull(enumType);
        if (!_enums.TryGetValue(name, out var type))
        {
            var graphType = (EnumerationGraphType)Activator.CreateInstance(typeof(EnumerationGraphType<>).MakeGenericType(enumType))!;
            graphType.Name = name;
            _enums[name] = type = graphType;
        }

        return type;
    }
}
