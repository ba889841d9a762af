namespace Passport.Sdk;

/// <summary>
/// A named set of passport fields that access is decided for as one: the unit of the region's
/// sharing policy and of the family's consent (e.g. <c>health.emergency</c>). It also says who may
/// write it (SPEC §4 "Who may write"): reading is decided by the policy, writing by these
/// declarations, both in the one access decision.
/// </summary>
/// <param name="Name">The group's name as the policy file and the access log spell it.</param>
/// <param name="Description">Plain-English description shown to families when they decide what to share.</param>
public sealed record FieldGroup(string Name, string Description)
{
    /// <summary>
    /// Whether the family (a carer with the right to edit, or the young person) may write the
    /// group. What they write is recorded as reported by the family, not verified. Off unless a
    /// group says so: deny by default.
    /// </summary>
    public bool FamilyWrites { get; init; }

    /// <summary>
    /// The sectors whose professionals record verified facts in the group (and verify, withhold and
    /// release its items). Empty: the sector of the module that declares the group.
    /// </summary>
    public IReadOnlyList<string> RecordingSectors { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => Name;
}
