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

    protected override RecordedItems<LeisureView> Items { get; } = new RecordedItems<LeisureView>()
        .List<Activity>("Activity", "activities", Activities, view => view.Activities, Activity.Declare);

    protected override string SectionType => "Leisure";

    protected override string SectionDescription => "The leisure section: the activities and clubs a child goes to and the support they need there.";
}
