using Passport.Modules.Education.Sen;
using Passport.Modules.Education.Setting;
using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Modules.Education;

/// <summary>
/// The education sector's module: the child's school or nursery, SEN support and EHCP. Each is
/// one current record the kit sets, ends, verifies and withholds.
/// </summary>
public sealed class EducationModule : RecordedItemsModule<EducationView>
{
    public const string Setting = "education.setting";
    public const string Sen = "education.sen";

    protected override RecordedItems<EducationView> Items { get; } = new RecordedItems<EducationView>()
        .Single<EducationSetting>("EducationSetting", "setting", Setting, view => view.Setting, (view, setting) => view.Setting = setting, EducationSetting.Declare)
        .Single<SenSupport>("SenSupport", "sen", Sen, view => view.Sen, (view, sen) => view.Sen = sen, SenSupport.Declare);

    protected override string SectionType => "Education";

    protected override string SectionDescription => "The education section: the child's school or nursery and the support they have there.";
}
