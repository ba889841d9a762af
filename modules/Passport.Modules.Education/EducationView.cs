using Passport.Modules.Education.Sen;
using Passport.Modules.Education.Setting;
using Passport.Sdk.Items;

namespace Passport.Modules.Education;

/// <summary>The education module's read model of one passport's current records, in the <c>education</c> schema.</summary>
public sealed class EducationView : ItemsView
{
    public EducationSetting? Setting { get; set; }
    public SenSupport? Sen { get; set; }
}
