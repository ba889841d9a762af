namespace Passport.Sdk;

/// <summary>
/// A recorded item that is the child's school or nursery as education records it. The core reads
/// it from the kit's item events (<see cref="Items.IItemChange.Current"/>) to count transitions
/// between settings for the region's impact measures, without knowing the module that records it.
/// </summary>
public interface IEducationSetting
{
    /// <summary>The school or nursery, as recorded.</summary>
    string SettingName { get; }
}
