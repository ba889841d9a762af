using Passport.Plugins.ShortBreaks.Plans;
using Passport.Sdk;
using Passport.Sdk.Items;

namespace Passport.Plugins.ShortBreaks;

/// <summary>
/// The Short Breaks extra plugin: respite provision for disabled children (eligibility, provider,
/// what the child needs during a stay). Social care assesses for and commissions short breaks, so
/// social-care professionals own and verify it. Each local authority enables it for its own
/// children; while it is disabled the host answers its fields and mutations with
/// <c>MODULE_NOT_ENABLED</c>.
/// </summary>
public sealed class ShortBreaksModule : RecordedItemsModule<ShortBreaksView>
{
    public const string Plan = "shortBreaks.plan";

    protected override RecordedItems<ShortBreaksView> Items { get; } = new RecordedItems<ShortBreaksView>()
        .Single<ShortBreaksPlan>("ShortBreaksPlan", "plan", Plan, view => view.Plan, (view, plan) => view.Plan = plan, ShortBreaksPlan.Declare);

    protected override string SectionType => "ShortBreaks";

    protected override string SectionDescription =>
        "The short breaks section: the child's short breaks (respite) plan, where their local authority has enabled the Short Breaks module.";
}
