namespace Passport.Sdk;

/// <summary>
/// A passport as the viewer may see it: the source object of the GraphQL <c>Passport</c> type.
/// Only the core creates it, after the access decision; a module's section resolver receives it
/// and loads its own view of the passport with <see cref="Id"/>.
/// </summary>
/// <param name="Id">The passport id (its event-stream id).</param>
/// <param name="Version">The passport's event-stream version.</param>
/// <param name="LocalAuthority">ONS code of the child's home local authority.</param>
/// <param name="Access">The access decision for the current viewer.</param>
public sealed record PassportNode(Guid Id, int Version, string LocalAuthority, AccessGrant Access) : IPassportScoped
{
    PassportNode IPassportScoped.Passport => this;
}

/// <summary>Implemented by every GraphQL source object below <c>Passport</c>, so access can be decided for its fields.</summary>
public interface IPassportScoped
{
    /// <summary>The passport this object belongs to.</summary>
    PassportNode Passport { get; }
}
