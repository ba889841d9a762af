using Hl7.Fhir.Model;
using Passport.Core.Access;
using Passport.Core.Modules;
using Passport.Sdk;
using Passport.Sdk.Fhir;

namespace Passport.Core.Fhir;

/// <summary>
/// Imports a transaction or collection Bundle (e.g. from a GP system) into one passport: every
/// resource is read by the module that records its type, the whole bundle is one change down the
/// one write path (the write decision applies to every group it records in), and each resource is
/// recorded once however often it is sent (by its identifier). A bundle with anything wrong is
/// refused whole, naming each element at fault; nothing of it is stored.
/// </summary>
public sealed class FhirImports(IPassportWriter writer, ModuleCatalog catalog, CurrentViewer viewer)
{
    /// <summary>Most resources one bundle may import.</summary>
    public const int MaxResources = 200;

    /// <summary>Imports the bundle.</summary>
    /// <param name="bundle">The bundle, already parsed.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>What happened to each imported resource, in the bundle's order.</returns>
    /// <exception cref="FhirBundleRefused">The bundle is not one that can be imported.</exception>
    /// <exception cref="PassportException">The write decision refused it (NOT_FOUND, FORBIDDEN, PASSPORT_CLOSED, MODULE_NOT_ENABLED...).</exception>
    public async Task<IReadOnlyList<FhirImportOutcome>> ImportAsync(Bundle bundle, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var problems = new List<FhirImportProblem>();
        if (bundle.Type is not (Bundle.BundleType.Transaction or Bundle.BundleType.Collection))
        {
            problems.Add(new("Bundle.type", "invalid", "Send a transaction or collection Bundle."));
        }

        var importers = catalog.Modules
            .Select(m => m.Fhir)
            .OfType<FhirMapping>()
            .SelectMany(m => m.ImportedResourceTypes.Select(type => (Type: type, Mapping: m)))
            .ToDictionary(x => x.Type, x => x.Mapping, StringComparer.Ordinal);
        var entries = bundle.Entry.Select((entry, index) => (Entry: entry, Path: $"Bundle.entry[{index}]")).ToList();
        var source = new FhirImportSource(
            entries.Select(e => e.Entry.Resource).OfType<Organization>().Select(o => o.Name).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n))
            ?? viewer.Value.Organisation
            ?? "another system");

        var items = new List<(string Path, string Key, FhirImportedItem Item)>();
        Guid? passportId = null;
        foreach (var (entry, path) in entries)
        {
            switch (entry.Resource)
            {
                case null:
                    problems.Add(new($"{path}.resource", "required", "Each entry needs a resource."));
                    continue;
                case Patient or Organization:
                    continue;
                case { } resource when !importers.ContainsKey(resource.TypeName):
                    problems.Add(new($"{path}.resource", "not-supported", $"{resource.TypeName} is not imported. Send {string.Join(", ", importers.Keys.Order(StringComparer.Ordinal))}, with the Patient and the sending Organization if you like."));
                    continue;
            }

            var imported = entry.Resource;
            var target = PassportOf(imported, path, entries, problems);
            if (target is { } id)
            {
                if (passportId is { } first && first != id)
                {
                    problems.Add(new($"{path}.resource", "invalid", "Every resource of one bundle must be about the same passport."));
                }

                passportId ??= id;
            }

            var key = IdentifierOf(imported);
            if (key is null)
            {
                problems.Add(new($"{path}.resource.identifier", "required", "Give the resource an identifier (system and value): it makes importing the same resource again record it only once."));
            }

            try
            {
                var item = importers[imported.TypeName].Read(imported, source);
                if (key is not null)
                {
                    items.Add((path, key, item));
                }
            }
            catch (FhirImportException e)
            {
                problems.Add(new($"{path}.resource.{e.Element}", "business-rule", e.Message));
            }
        }

        if (problems.Count == 0 && items.Count == 0)
        {
            problems.Add(new("Bundle.entry", "required", $"The bundle has nothing to import: send {string.Join(", ", importers.Keys.Order(StringComparer.Ordinal))} resources."));
        }

        if (items.Count > MaxResources)
        {
            problems.Add(new("Bundle.entry", "too-costly", $"Send at most {MaxResources} resources in one bundle."));
        }

        if (problems.Count > 0 || passportId is not { } passport)
        {
            throw new FhirBundleRefused(problems);
        }

        var outcomes = new List<FhirImportOutcome>();
        var change = PassportChange.Deciding(passport, PassportWrite.ToGroups(items.Select(i => i.Item.Group).ToList()), async context =>
        {
            if (!context.RecordedBy.IsVerified)
            {
                throw PassportException.Forbidden("Imported facts are recorded as verified: only a professional of a sector that records them may import.");
            }

            // Decided again from the start when a concurrent change wins the race.
            outcomes.Clear();
            var recordedBy = context.RecordedBy with { Source = source.Description };
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (path, key, item) in items)
            {
                var id = ImportedResource.IdFor(passport, key);
                if (!seen.Add(id) || await context.Session.LoadAsync<ImportedResource>(id).ConfigureAwait(false) is not null)
                {
                    outcomes.Add(new FhirImportOutcome(path, Created: false));
                    continue;
                }

                Guid itemId;
                try
                {
                    itemId = item.Record(context, item.IsConfirmed ? recordedBy : recordedBy with { IsVerified = false });
                }
                catch (PassportException e) when (e.Code == ErrorCodes.ValidationFailed)
                {
                    // The same rules as typing it in; the bundle is refused whole.
                    throw new FhirBundleRefused([new FhirImportProblem($"{path}.resource", "invariant", e.Message)]);
                }

                context.Session.Store(new ImportedResource { Id = id, PassportId = passport, ItemId = itemId, ImportedAt = recordedBy.RecordedAt });
                outcomes.Add(new FhirImportOutcome(path, Created: true));
            }
        });
        await writer.WriteAsync(change, expectedVersion: null, cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>The passport a resource is about: <c>Patient/&lt;passport id&gt;</c>, or the bundle's Patient entry with that id.</summary>
    private static Guid? PassportOf(Resource resource, string path, List<(Bundle.EntryComponent Entry, string Path)> entries, List<FhirImportProblem> problems)
    {
        var property = resource.GetType().GetProperty("Patient") ?? resource.GetType().GetProperty("Subject");
        var element = property?.Name.ToLowerInvariant() ?? "subject";
        var reference = (property?.GetValue(resource) as ResourceReference)?.Reference;
        if (string.IsNullOrWhiteSpace(reference))
        {
            problems.Add(new($"{path}.resource.{element}", "required", $"Say which passport the {resource.TypeName} is about: {element}.reference = Patient/<passport id>."));
            return null;
        }

        var patient = entries.Select(e => e.Entry).FirstOrDefault(e => e.FullUrl == reference)?.Resource as Patient;
        var id = patient?.Id ?? (reference.StartsWith("Patient/", StringComparison.Ordinal) ? reference["Patient/".Length..] : null);
        if (Guid.TryParse(id, out var passport))
        {
            return passport;
        }

        problems.Add(new($"{path}.resource.{element}", "invalid", $"{element}.reference must be Patient/<passport id>, or the fullUrl of the bundle's Patient whose id is the passport id."));
        return null;
    }

    /// <summary>The resource's first identifier with a system and a value, as "system|value".</summary>
    private static string? IdentifierOf(Resource resource) =>
        (resource.GetType().GetProperty("Identifier")?.GetValue(resource) as IEnumerable<Identifier>)?
            .Where(i => !string.IsNullOrWhiteSpace(i.System) && !string.IsNullOrWhiteSpace(i.Value))
            .Select(i => $"{i.System}|{i.Value}")
            .FirstOrDefault();
}

/// <summary>What happened to one imported resource.</summary>
/// <param name="Path">Its entry in the bundle.</param>
/// <param name="Created">True when it was recorded now; false when it had been imported before.</param>
public sealed record FhirImportOutcome(string Path, bool Created);

/// <summary>One thing wrong with a bundle.</summary>
/// <param name="Expression">The element at fault, in FHIRPath.</param>
/// <param name="Code">The FHIR issue type (invalid, required, not-supported, too-costly).</param>
/// <param name="Message">What is wrong.</param>
public sealed record FhirImportProblem(string Expression, string Code, string Message);

/// <summary>The bundle cannot be imported; nothing of it was stored.</summary>
public sealed class FhirBundleRefused(IReadOnlyList<FhirImportProblem> problems) : Exception("The bundle cannot be imported.")
{
    public IReadOnlyList<FhirImportProblem> Problems { get; } = problems;
}

/// <summary>A resource imported into a passport, by its identifier: importing it again records nothing.</summary>
public sealed class ImportedResource
{
    /// <summary>The passport and the resource's "system|value".</summary>
    public string Id { get; set; } = "";

    public Guid PassportId { get; set; }

    /// <summary>The item it was recorded as.</summary>
    public Guid ItemId { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public static string IdFor(Guid passportId, string identifier) => $"{passportId:N}|{identifier}";
}
