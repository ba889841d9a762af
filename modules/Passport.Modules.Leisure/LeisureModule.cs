using Passport.Modules.Leisure.Activities;
using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Modules.Leisure;

/// <summary>
/// The leisure sector's module: activities and clubs, the support a child needs there, dietary
/// needs for clubs. Activities are a list the kit adds, amends, ends, verifies and withholds.
/// </summary>
public sealed class LeisureModule : RecordedItemsModule<LeisureView>
{
    public const string Activities = "leisure.activities";

    public override ModuleManifest Manifest { get; } = new(
        Name: "leisure",
        Sector: Sectors.Leisure,
        IsRequired: true,
        FieldGroups:
        [
            new(Activities, "Activities and clubs, support needed, dietary needs for clubs") { FamilyWrites = true },
        ],
        DatabaseSchema: "leisure");

    protected override RecordedItems<LeisureView> Items { get; } = new RecordedItems<LeisureView>()
        .List<Activity>("Activity", "activities", Activities, view => view.Activities, Activity.Declare);

    protected override string SectionField => "leisure";

    protected override string SectionType => "Leisure";

    protected override string SectionTitle => "Leisure";

    protected override string SectionDescription => "The leisure section: the activities and clubs a child goes to and the support they need there.";
}
