using Passport.Modules.Leisure.Activities;
using Passport.Sdk.Items;

namespace Passport.Modules.Leisure;

/// <summary>The leisure module's read model of one passport's current activities, in the <c>leisure</c> schema.</summary>
public sealed class LeisureView : ItemsView
{
    public List<Activity> Activities { get; set; } = [];
}
