namespace Passport.Sdk;

/// <summary>
/// The access decision for one viewer and one passport, made once per request by the core:
/// the basis of the relationship and the field groups the viewer may see. Fields never decide
/// for themselves; the host's field middleware consults this grant for every field that declares
/// a group (see <see cref="FieldGroupExtensions.InFieldGroup{TMetadataProvider}"/>).
/// </summary>
/// <param name="Viewer">Who is looking.</param>
/// <param name="Basis">Why they may look.</param>
/// <param name="VisibleGroups">The groups they may see on this passport.</param>
/// <param name="WithheldItems">Items withheld from this viewer (see <see cref="IPassportItem"/>); empty for most viewers.</param>
public sealed record AccessGrant(Viewer Viewer, AccessBasis Basis, IReadOnlySet<string> VisibleGroups, IReadOnlySet<Guid>? WithheldItems = null)
{
    /// <summary>True when this item is withheld from the viewer.</summary>
    /// <param name="itemId">The item's id.</param>
    /// <returns>Whether to leave it out.</returns>
    public bool IsWithheld(Guid itemId) => WithheldItems?.Contains(itemId) == true;

    /// <summary>True when the viewer may see the group.</summary>
    /// <param name="group">A field group name.</param>
    /// <returns>Whether the group may be returned.</returns>
    public bool MaySee(string group) => VisibleGroups.Contains(group);
}
