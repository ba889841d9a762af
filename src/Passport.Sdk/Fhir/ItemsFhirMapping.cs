using Hl7.Fhir.Model;
using Passport.Sdk.Items;

namespace Passport.Sdk.Fhir;

/// <summary>
/// A kit module's FHIR mapping, declared kind by kind: which IPS section each kind goes to and the
/// resources an item becomes, and which resources are read back as which kind on import.
/// </summary>
/// <typeparam name="TView">The module's view.</typeparam>
public sealed class ItemsFhirMapping<TView> : FhirMapping
    where TView : ItemsView, new()
{
    private readonly RecordedItems<TView> _items;
    private readonly List<Func<IFhirSummary, CancellationToken, System.Threading.Tasks.Task>> _exports = [];
    private readonly Dictionary<string, Func<Resource, FhirImportSource, FhirImportedItem>> _imports = new(StringComparer.Ordinal);

    /// <summary>Starts the mapping of a module's declared kinds.</summary>
    /// <param name="items">The module's kinds.</param>
    public ItemsFhirMapping(RecordedItems<TView> items) => _items = items ?? throw new ArgumentNullException(nameof(items));

    /// <inheritdoc />
    public override IReadOnlyCollection<string> ImportedResourceTypes => _imports.Keys;

    /// <summary>Exports every current item of a kind the reader may see into a section.</summary>
    /// <typeparam name="TItem">The kind of item.</typeparam>
    /// <param name="section">The IPS section.</param>
    /// <param name="map">The resources one item becomes (each referring to <see cref="FhirItem.Patient"/>).</param>
    /// <returns>This mapping.</returns>
    public ItemsFhirMapping<TView> Export<TItem>(IpsSection section, Func<TItem, FhirItem, IEnumerable<Resource>> map)
        where TItem : RecordedItem
    {
        var kind = _items.Kind<TItem>();
        _exports.Add(async (summary, cancellationToken) =>
        {
            if (await summary.ItemsAsync(kind, cancellationToken).ConfigureAwait(false) is not { } items)
            {
                return;
            }

            summary.Include(section);
            foreach (var item in items)
            {
                foreach (var resource in map(item, new FhirItem(item, summary.Patient)))
                {
                    summary.Add(section, resource);
                }
            }
        });
        return this;
    }

    /// <summary>Imports resources of one type as items of a kind (a list kind).</summary>
    /// <typeparam name="TResource">The FHIR resource type.</typeparam>
    /// <typeparam name="TItem">The kind of item.</typeparam>
    /// <param name="read">Reads the item's values; throw <see cref="FhirImportException"/> for what cannot be read (or must not be imported, e.g. entered in error).</param>
    /// <param name="isConfirmed">Whether the sender confirms it; unconfirmed items are recorded as not verified. Confirmed when omitted.</param>
    /// <returns>This mapping.</returns>
    public ItemsFhirMapping<TView> Import<TResource, TItem>(Func<TResource, FhirImportSource, TItem> read, Func<TResource, bool>? isConfirmed = null)
        where TResource : Resource, new()
        where TItem : RecordedItem
    {
        var kind = _items.Kind<TItem>();
        _imports.Add(new TResource().TypeName, (resource, source) =>
        {
            var values = read((TResource)resource, source);
            return new FhirImportedItem(kind.Group, (passport, recordedBy) => kind.Record(passport, values, recordedBy).Id, isConfirmed?.Invoke((TResource)resource) ?? true);
        });
        return this;
    }

    /// <inheritdoc />
    public override async System.Threading.Tasks.Task ExportAsync(IFhirSummary summary, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summary);
        foreach (var export in _exports)
        {
            await export(summary, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override FhirImportedItem Read(Resource resource, FhirImportSource source)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return _imports.TryGetValue(resource.TypeName, out var read)
            ? read(resource, source)
            : base.Read(resource, source);
    }
}

/// <summary>One item being exported: the references and provenance every resource made from it carries.</summary>
/// <param name="Item">The item.</param>
/// <param name="Patient">The reference to the child.</param>
public sealed record FhirItem(RecordedItem Item, ResourceReference Patient)
{
    /// <summary>The system of the identifier each exported resource carries: the item's id as a URN.</summary>
    public const string IdentifierSystem = "urn:ietf:rfc:3986";

    /// <summary>The item's identifier: the same in every export, so an import of it is recorded once.</summary>
    public Identifier Identifier => new(IdentifierSystem, $"urn:uuid:{Item.Id}");

    /// <summary>True when a professional recorded or confirmed it; false when the family reported it.</summary>
    public bool IsVerified => Item.IsVerified;

    /// <summary>When the current values were recorded, as a FHIR dateTime.</summary>
    public string RecordedDate => Item.RecordedBy.RecordedAt.ToString("yyyy-MM-ddTHH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Who recorded it, as a display-only reference: name, role, sector and organisation, or "reported by the family".</summary>
    public ResourceReference Recorder => new() { Display = Describe(Item.RecordedBy) };

    /// <summary>Who confirmed what the family reported, when a professional did.</summary>
    public ResourceReference? Verifier => Item.VerifiedBy is { } by ? new ResourceReference { Display = Describe(by) } : null;

    /// <summary>Plain narrative text for a resource: what a reader of the document sees.</summary>
    /// <param name="text">The words.</param>
    /// <returns>The narrative.</returns>
    public static Narrative Narrative(string text) => new()
    {
        Status = Hl7.Fhir.Model.Narrative.NarrativeStatus.Generated,
        Div = $"<div xmlns=\"http://www.w3.org/1999/xhtml\"><p>{System.Net.WebUtility.HtmlEncode(text)}</p></div>",
    };

    /// <summary>A day as a FHIR date.</summary>
    /// <param name="day">The day.</param>
    /// <returns>yyyy-MM-dd.</returns>
    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(Provenance by)
    {
        var detail = string.Join(", ", new[] { by.Role, by.Sector, by.Organisation }.Where(s => !string.IsNullOrWhiteSpace(s)));
        var who = by.IsVerified ? by.DisplayName : by.Source is null ? $"{by.DisplayName}, reported by the family" : $"{by.DisplayName}, unconfirmed";
        var text = detail.Length > 0 ? $"{who} ({detail})" : who;
        return by.Source is { } source ? $"{text}; {source}" : text;
    }
}
