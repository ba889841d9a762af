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
public sealed record AccessGrant(Viewer Viewer, AccessBasis Basis, IReadOnlySet<string> VisibleGroups)
{
    /// <summary>True when the viewer may see the group.</summary>
    /// <param name="group">A field group name.</param>
    /// <returns>Whether the group may be returned.</returns>
    public bool MaySee(string group) => VisibleGroups.Contains(group);
}
