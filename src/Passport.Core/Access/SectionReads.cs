using Passport.Core.AccessLog;
using Passport.Core.LocalAuthorityModules;
using Passport.Core.Modules;
using Passport.Sdk;

namespace Passport.Core.Access;

/// <summary>
/// The read decision for one part of an opened passport, whichever way it is read (a GraphQL field,
/// a FHIR summary, a page): the module holding it must be available and switched on for the
/// child's local authority, its field group shared with the reader, and what is returned is noted
/// for the access log. Items withheld from the reader are left out.
/// </summary>
public sealed class SectionReads(ModuleCatalog catalog, ModuleEnablements enablements, AccessLogCollector accessLog)
{
    /// <summary>Refuses a module's part of the passport when the module cannot show it.</summary>
    /// <param name="passport">The opened passport.</param>
    /// <param name="module">The module.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>A task that completes when the module may be read.</returns>
    /// <exception cref="PassportException">MODULE_UNAVAILABLE or MODULE_NOT_ENABLED.</exception>
    public async Task EnsureModuleAsync(PassportNode passport, string module, CancellationToken cancellationToken)
    {
        if (!catalog.IsAvailable(module))
        {
            throw new PassportException(ErrorCodes.ModuleUnavailable, $"The {module} module is unavailable; its information cannot be shown.");
        }

        if (!await enablements.IsEnabledAsync(module, passport.LocalAuthority, cancellationToken).ConfigureAwait(false))
        {
            throw new PassportException(ErrorCodes.ModuleNotEnabled, $"The {module} module is not switched on for this child's local authority.");
        }
    }

    /// <summary>Whether the child's local authority has the module switched on (required modules always are), loaded or not.</summary>
    /// <param name="passport">The opened passport.</param>
    /// <param name="module">The module.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>True when it is part of this child's passport.</returns>
    public Task<bool> IsSwitchedOnAsync(PassportNode passport, string module, CancellationToken cancellationToken) =>
        enablements.IsEnabledAsync(module, passport.LocalAuthority, cancellationToken);

    /// <summary>Refuses a field group the reader may not see; notes a permitted one for the access log.</summary>
    /// <param name="passport">The opened passport.</param>
    /// <param name="group">The field group read.</param>
    /// <exception cref="PassportException">FIELD_NOT_PERMITTED.</exception>
    public void EnsureGroup(PassportNode passport, string group)
    {
        if (!TryGroup(passport, group))
        {
            throw new PassportException(ErrorCodes.FieldNotPermitted, $"This information ('{group}') is not shared with you.");
        }
    }

    /// <summary>Whether the reader may see a field group; a permitted one is noted for the access log.</summary>
    /// <param name="passport">The opened passport.</param>
    /// <param name="group">The field group read.</param>
    /// <returns>True when it is shared with the reader.</returns>
    public bool TryGroup(PassportNode passport, string group)
    {
        if (!passport.Access.MaySee(group))
        {
            return false;
        }

        accessLog.Returned(passport, group);
        return true;
    }

    /// <summary>The items not withheld from the reader.</summary>
    /// <typeparam name="TItem">The kind of item.</typeparam>
    /// <param name="passport">The opened passport.</param>
    /// <param name="items">The items.</param>
    /// <returns>Those the reader may see.</returns>
    public static IReadOnlyList<TItem> Visible<TItem>(PassportNode passport, IEnumerable<TItem> items)
        where TItem : IPassportItem =>
        passport.Access.WithheldItems is { Count: > 0 } ? items.Where(item => !passport.Access.IsWithheld(item.Id)).ToList() : items.ToList();
}
