namespace Passport.Sdk;

/// <summary>
/// What a change to a passport writes. The core's one write decision is made on it, on the
/// passport exactly as the change will be appended to it (see <see cref="IPassportChange"/>).
/// Modules write field groups (<see cref="GroupWrite"/>); the core adds the kinds that change who
/// may see the passport (sharing, care team, carers, withholding, ...).
/// </summary>
public abstract record PassportWrite
{
    /// <summary>Recording, amending or ending something in a field group.</summary>
    /// <param name="group">The field group written.</param>
    /// <param name="itemId">The item amended or ended, if any: an item withheld from the writer is refused as if it did not exist.</param>
    /// <param name="itemArgument">The mutation argument that names the item, for the error.</param>
    /// <returns>The write.</returns>
    public static PassportWrite ToGroup(string group, Guid? itemId = null, string itemArgument = "itemId") => new GroupWrite(group, itemId, itemArgument);

    /// <summary>Recording new items in several field groups at once (e.g. an imported bundle): the writer must be allowed each of them.</summary>
    /// <param name="groups">The field groups written; at least one.</param>
    /// <returns>The write.</returns>
    public static PassportWrite ToGroups(IReadOnlyCollection<string> groups) =>
        groups is { Count: > 0 } ? new GroupsWrite([.. groups.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]) : throw new ArgumentException("At least one group is written.", nameof(groups));
}

/// <summary>Recording, amending or ending something in a field group.</summary>
/// <param name="Group">The field group written.</param>
/// <param name="ItemId">The item amended or ended, if any.</param>
/// <param name="ItemArgument">The mutation argument that names the item, for the error.</param>
public sealed record GroupWrite(string Group, Guid? ItemId = null, string ItemArgument = "itemId") : PassportWrite;

/// <summary>Recording new items in several field groups in one change: each is decided as a <see cref="GroupWrite"/>.</summary>
/// <param name="Groups">The field groups written.</param>
public sealed record GroupsWrite(IReadOnlyList<string> Groups) : PassportWrite;
