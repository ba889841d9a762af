using Hl7.Fhir.Model;

namespace Passport.Sdk.Fhir;

/// <summary>
/// What a module puts into a passport's FHIR summary (IPS document) and what it takes from an
/// imported bundle. A module offers one through <see cref="PassportModule.Fhir"/>; the core builds
/// the Bundle, the Composition and the Patient, makes the access decision and keeps the audit.
/// A kit module declares its mapping with <see cref="ItemsFhirMapping{TView}"/>.
/// </summary>
public abstract class FhirMapping
{
    /// <summary>
    /// Adds to the summary what the reader may see. Ask <see cref="IFhirSummary"/> for each kind of
    /// item: it answers only what the access decision allows, and notes it for the access log.
    /// </summary>
    /// <param name="summary">The summary being built.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>A task that completes when the module has added its part.</returns>
    public abstract System.Threading.Tasks.Task ExportAsync(IFhirSummary summary, CancellationToken cancellationToken);

    /// <summary>The FHIR resource types (e.g. <c>AllergyIntolerance</c>) this module records from an imported bundle.</summary>
    public virtual IReadOnlyCollection<string> ImportedResourceTypes => [];

    /// <summary>
    /// Reads one imported resource as the item it will be recorded as. Throw
    /// <see cref="FhirImportException"/> naming the element at fault when it cannot be read.
    /// </summary>
    /// <param name="resource">A resource of one of <see cref="ImportedResourceTypes"/>.</param>
    /// <param name="source">Where the bundle comes from.</param>
    /// <returns>The item to record, and how.</returns>
    public virtual FhirImportedItem Read(Resource resource, FhirImportSource source) =>
        throw new NotSupportedException($"{GetType().Name} imports no {resource?.TypeName}.");
}

/// <summary>The summary a module adds to: the reader's view of the passport, decided by the core.</summary>
public interface IFhirSummary
{
    /// <summary>The reference every resource uses for the child (the summary's Patient).</summary>
    ResourceReference Patient { get; }

    /// <summary>
    /// The current items of a kind the reader may see, less those withheld from them; null when the
    /// kind's field group is not shared with the reader, whose summary then must not show even that
    /// the section exists. A non-null answer is noted for the access log.
    /// </summary>
    /// <typeparam name="TView">The module's view.</typeparam>
    /// <typeparam name="TItem">The kind of item.</typeparam>
    /// <param name="kind">The kind.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>The items, or null.</returns>
    Task<IReadOnlyList<TItem>?> ItemsAsync<TView, TItem>(Items.ItemKind<TView, TItem> kind, CancellationToken cancellationToken)
        where TView : Items.ItemsView
        where TItem : Items.RecordedItem;

    /// <summary>Says the section is in the summary, empty until resources are added: "none recorded" is information too.</summary>
    /// <param name="section">The section.</param>
    void Include(IpsSection section);

    /// <summary>Adds a resource to the bundle and to the section's entries.</summary>
    /// <param name="section">The section.</param>
    /// <param name="resource">The resource; its id is given by the core.</param>
    void Add(IpsSection section, Resource resource);
}

/// <summary>Where an imported bundle comes from, for the provenance of what it records.</summary>
/// <param name="Organisation">The organisation that sent it: the bundle's Organization, or else the importer's own.</param>
public sealed record FhirImportSource(string Organisation)
{
    /// <summary>The provenance words every imported item carries: "Imported from &lt;organisation&gt;".</summary>
    public string Description => $"Imported from {Organisation}";
}

/// <summary>An imported resource as the item it will be recorded as.</summary>
/// <param name="Group">The field group it is recorded in: the writer must be allowed to record there.</param>
/// <param name="Record">Records it in the change being decided, as coming from the given provenance; returns the new item's id.</param>
/// <param name="IsConfirmed">
/// False when the sender marks it unconfirmed (e.g. a verificationStatus of unconfirmed, or an
/// immunisation reported by someone other than who gave it): it is recorded as not verified, with
/// where it came from, so an import never makes a fact surer than its source said.
/// </param>
public sealed record FhirImportedItem(string Group, Func<PassportWriteContext, Provenance, Guid> Record, bool IsConfirmed = true);

/// <summary>An imported resource the module cannot read: the bundle is refused and nothing is stored.</summary>
/// <param name="element">The element at fault, relative to the resource, in FHIRPath (e.g. <c>code</c>).</param>
/// <param name="message">What is wrong, for the sender.</param>
public sealed class FhirImportException(string element, string message) : Exception(message)
{
    /// <summary>The element at fault, relative to the resource.</summary>
    public string Element { get; } = element;
}
