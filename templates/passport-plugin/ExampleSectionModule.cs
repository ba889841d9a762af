using Passport.Plugins.Example.Notes;
using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Plugins.Example;

/// <summary>
/// The example-module plugin: notes about the child that professionals of the example-sector sector
/// record and verify, and the family can report. It is an extra module: each local authority enables it for
/// its own children; while it is disabled the host answers its fields and mutations with
/// <c>MODULE_NOT_ENABLED</c>.
/// </summary>
public sealed class ExampleSectionModule : RecordedItemsModule<ExampleSectionView>
{
    /// <summary>The plugin's field group: what the region's policy and the family's sharing decide on.</summary>
    public const string Group = "exampleGroup.items";

    /// <summary>The kinds of item the plugin records: one line each, declared beside its item.</summary>
    protected override RecordedItems<ExampleSectionView> Items { get; } = new RecordedItems<ExampleSectionView>()
        .List<ExampleSectionNote>("ExampleSectionNote", "notes", Group, view => view.Notes, ExampleSectionNote.Declare);

    protected override string SectionType => "ExampleSection";

    protected override string SectionDescription =>
        "The example-sector section: notes about the child, where their local authority has enabled the example-module module.";
}
