using Passport.Plugins.ShortBreaks.Plans;
using Passport.Sdk.Items;

namespace Passport.Plugins.ShortBreaks;

/// <summary>The Short Breaks plugin's read model of one passport, in the <c>short_breaks</c> schema.</summary>
public sealed class ShortBreaksView : ItemsView
{
    public ShortBreaksPlan? Plan { get; set; }
}
