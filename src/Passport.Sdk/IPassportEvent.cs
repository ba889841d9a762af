namespace Passport.Sdk;

/// <summary>
/// Marks an event appended to a passport's event stream. Every module event on a passport stream
/// implements it, so the passport's version and history follow every change, whichever module
/// made it.
/// </summary>
public interface IPassportEvent
{
    /// <summary>Who made the change, when, and whether it is verified.</summary>
    Provenance RecordedBy { get; }

    /// <summary>
    /// The field group the change is about. The passport's history shows the change only to
    /// viewers who may see that group. Null for changes to who is related to the passport and
    /// what is shared (care team, invitations, sharing): those are shown to the family only.
    /// Required, so no module can add a change whose visibility is undecided.
    /// </summary>
    string? FieldGroup { get; }
}

/// <summary>A change to one item (see <see cref="IPassportItem"/>): hidden from whoever the item is withheld from.</summary>
public interface IPassportItemEvent
{
    /// <summary>The item changed.</summary>
    Guid ItemId { get; }
}
