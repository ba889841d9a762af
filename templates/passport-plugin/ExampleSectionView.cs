using Passport.Plugins.Example.Notes;
using Passport.Sdk.Items;

namespace Passport.Plugins.Example;

/// <summary>
/// The plugin's read model of one passport: its current items, one list (or property) per kind.
/// The kit keeps it in step with the passport's events, in the plugin's own PostgreSQL schema
/// (<c>example_schema</c>).
/// </summary>
public sealed class ExampleSectionView : ItemsView
{
    public List<ExampleSectionNote> Notes { get; set; } = [];
}
