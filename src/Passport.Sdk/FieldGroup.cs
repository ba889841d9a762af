namespace Passport.Sdk;

/// <summary>
/// A named set of passport fields that access is decided for as one: the unit of the region's
/// sharing policy and of the family's consent (e.g. <c>health.emergency</c>).
/// </summary>
/// <param name="Name">The group's name as the policy file and the access log spell it.</param>
/// <param name="Description">Plain-English description shown to families when they decide what to share.</param>
public sealed record FieldGroup(string Name, string Description)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
