using GraphQL.Resolvers;
using GraphQL.Types;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Marten.Events.Aggregation;
using Passport.Sdk.Pages;

namespace Passport.Sdk.Items;

/// <summary>A module's read model of one passport's current items, in the module's own PostgreSQL schema.</summary>
public abstract class ItemsView : IPassportView
{
    /// <summary>The passport's id.</summary>
    public Guid Id { get; set; }
}

/// <summary>A module's section of one passport as GraphQL resolves it: the passport and the module's view of it.</summary>
/// <typeparam name="TView">The module's view.</typeparam>
/// <param name="Passport">The passport, with the viewer's access.</param>
/// <param name="View">The module's view; null when nothing is recorded yet.</param>
public sealed record ItemsSection<TView>(PassportNode Passport, TView? View) : IPassportScoped
    where TView : ItemsView;

/// <summary>
/// Every kind of item a module records, and what the host needs of them: the events and the
/// view's projection for Marten, the section and mutations for GraphQL, the item → group index
/// for verification and withholding, the purge for retention, and the section page for the web app.
/// </summary>
/// <typeparam name="TView">The module's view, holding the current items of every kind.</typeparam>
public sealed class RecordedItems<TView>
    where TView : ItemsView, new()
{
    private readonly List<IItemKind<TView>> _kinds = [];

    /// <summary>The kinds, in the order declared (the order of the section and the page).</summary>
    public IReadOnlyList<IItemKind<TView>> Kinds => _kinds;

    /// <summary>Declares a kind of item the passport holds a list of.</summary>
    /// <typeparam name="TItem">The item.</typeparam>
    /// <param name="name">The kind's name, e.g. <c>Allergy</c>: it names the mutations, the graph types and the events.</param>
    /// <param name="field">The section's field that lists them, e.g. <c>allergies</c>.</param>
    /// <param name="group">The field group of every item of the kind.</param>
    /// <param name="items">Where the view holds the current items.</param>
    /// <param name="declare">The kind's fields, rules and presentation.</param>
    /// <returns>These items.</returns>
    public RecordedItems<TView> List<TItem>(string name, string field, string group, Func<TView, List<TItem>> items, Action<ItemKind<TView, TItem>> declare)
        where TItem : RecordedItem =>
        Add(new ItemKind<TView, TItem>(name, field, group, items, null, null), declare);

    /// <summary>Declares a kind of which the passport holds one current record (a school, a legal status).</summary>
    /// <typeparam name="TItem">The record.</typeparam>
    /// <param name="name">The kind's name, e.g. <c>EducationSetting</c>.</param>
    /// <param name="field">The section's field that holds it, e.g. <c>setting</c>.</param>
    /// <param name="group">The record's field group.</param>
    /// <param name="get">Reads the current record from the view.</param>
    /// <param name="set">Sets (or, with null, clears) the current record.</param>
    /// <param name="declare">The kind's fields, rules and presentation.</param>
    /// <returns>These items.</returns>
    public RecordedItems<TView> Single<TItem>(string name, string field, string group, Func<TView, TItem?> get, Action<TView, TItem?> set, Action<ItemKind<TView, TItem>> declare)
        where TItem : RecordedItem =>
        Add(new ItemKind<TView, TItem>(name, field, group, null, get, set), declare);

    /// <summary>The declared kind whose item is <typeparamref name="TItem"/>, e.g. to check its rules in a unit test (<see cref="ItemKind{TView,TItem}.Read"/>).</summary>
    /// <typeparam name="TItem">The item.</typeparam>
    /// <returns>The kind.</returns>
    public ItemKind<TView, TItem> Kind<TItem>()
        where TItem : RecordedItem =>
        _kinds.OfType<ItemKind<TView, TItem>>().SingleOrDefault()
        ?? throw new InvalidOperationException($"No kind of {typeof(TView).Name} holds {typeof(TItem).Name}.");

    /// <summary>The view's projection of the kinds' events and of verification, as the host registers it inline.</summary>
    /// <returns>The projection.</returns>
    public RecordedItemsProjection<TView> Projection() => new(_kinds);

    /// <summary>Registers the events, the view (in <paramref name="databaseSchema"/>) and its inline projection.</summary>
    /// <param name="options">The store options.</param>
    /// <param name="databaseSchema">The module's PostgreSQL schema.</param>
    public void ConfigureMarten(StoreOptions options, string databaseSchema)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var kind in _kinds)
        {
            kind.MapEvents(options);
        }

        options.Events.AddEventType<ItemVerified>();
        options.Projections.Add(Projection(), ProjectionLifecycle.Inline);
        options.Schema.For<TView>().DatabaseSchemaName(databaseSchema);
    }

    /// <summary>The group of a current item of any kind on the passport; null when it names none.</summary>
    /// <param name="session">A query session.</param>
    /// <param name="passportId">The passport.</param>
    /// <param name="itemId">The item.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The group, or null.</returns>
    public async Task<string?> GroupOfItemAsync(IQuerySession session, Guid passportId, Guid itemId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var view = await session.LoadAsync<TView>(passportId, cancellationToken).ConfigureAwait(false);
        return view is null ? null : _kinds.FirstOrDefault(kind => kind.Holds(view, itemId))?.Group;
    }

    /// <summary>Adds the module's section to <c>Passport</c> (one field a kind) and the kinds' mutations.</summary>
    /// <param name="schema">The schema builder.</param>
    /// <param name="field">The section's field on <c>Passport</c>, e.g. <c>health</c>.</param>
    /// <param name="typeName">The section's type, e.g. <c>Health</c>.</param>
    /// <param name="description">What the section holds.</param>
    /// <param name="extend">Adds fields to the section type beyond the kinds', if any.</param>
    /// <param name="groups">The module's field groups, so the mutations' descriptions say whether the family may report into each; null: they say the family may.</param>
    public void AddSection(IPassportSchemaBuilder schema, string field, string typeName, string description, Action<ObjectGraphType>? extend = null, IReadOnlyList<FieldGroup>? groups = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var types = new ItemGraphTypes();
        var section = new ObjectGraphType { Name = typeName, Description = description };
        foreach (var kind in _kinds)
        {
            section.AddField(kind.SectionField(types));
        }

        extend?.Invoke(section);
        schema.AddSection(field, description, section, (passport, context) =>
            context.Loader<TView>().Load(passport.Id).Then(view => new ItemsSection<TView>(passport, view)));
        schema.AddMutations(mutation =>
        {
            foreach (var kind in _kinds)
            {
                kind.DefineMutations(mutation, schema.PassportType, types, groups?.FirstOrDefault(g => g.Name == kind.Group)?.FamilyWrites ?? true);
            }
        });
    }

    /// <summary>The module's section of the passport page.</summary>
    /// <param name="field">The section's field on <c>Passport</c>.</param>
    /// <param name="title">The section's heading.</param>
    /// <param name="sector">The sector that owns the module's data.</param>
    /// <returns>The page.</returns>
    public SectionPage Page(string field, string title, string sector) =>
        new(field, title, sector, _kinds.Select(kind => kind.Block()).ToList());

    /// <summary>Queues the deletion of the passport's view, for the retention job's purge.</summary>
    /// <param name="session">The purge's session.</param>
    /// <param name="passportId">The passport.</param>
    public static void Purge(IDocumentSession session, Guid passportId)
    {
        ArgumentNullException.ThrowIfNull(session);
        session.Delete<TView>(passportId);
    }

    private RecordedItems<TView> Add<TItem>(ItemKind<TView, TItem> kind, Action<ItemKind<TView, TItem>> declare)
        where TItem : RecordedItem
    {
        ArgumentNullException.ThrowIfNull(declare);
        if (_kinds.Any(k => k.Name == kind.Name || k.ItemType == kind.ItemType))
        {
            throw new InvalidOperationException($"The kind {kind.Name} ({typeof(TItem).Name}) is declared twice.");
        }

        declare(kind);
        kind.CheckDeclaration();
        _kinds.Add(kind);
        return this;
    }
}

/// <summary>Applies the kit's events of a module's kinds, and verification, to the module's view.</summary>
/// <typeparam name="TView">The module's view.</typeparam>
public sealed class RecordedItemsProjection<TView> : SingleStreamProjection<TView, Guid>
    where TView : ItemsView, new()
{
    private readonly Dictionary<Type, IItemKind<TView>> _kinds;

    /// <summary>Creates the projection of the kinds' events.</summary>
    /// <param name="kinds">The module's kinds.</param>
    public RecordedItemsProjection(IEnumerable<IItemKind<TView>> kinds)
    {
        _kinds = kinds.ToDictionary(kind => kind.ItemType);
        foreach (var type in _kinds.Values.SelectMany(kind => kind.EventTypes))
        {
            IncludeType(type);
        }

        IncludeType<ItemVerified>();
    }

    /// <inheritdoc />
    public override TView? Evolve(TView? snapshot, Guid id, IEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e.Data)
        {
            case IItemChange change when _kinds.TryGetValue(change.ItemType, out var kind):
                var view = snapshot ?? new TView { Id = id };
                kind.Apply(view, change);
                return view;
            case ItemVerified verified when snapshot is not null:
                foreach (var each in _kinds.Values)
                {
                    each.Verify(snapshot, verified.ItemId, verified.RecordedBy);
                }

                return snapshot;
            default:
                return snapshot;
        }
    }
}

/// <summary>
/// A module whose section is made of recorded items: the kit wires its events, view, schema,
/// item index, purge and page. A module declares its kinds in <see cref="Items"/> and its section.
/// </summary>
/// <typeparam name="TView">The module's view.</typeparam>
public abstract class RecordedItemsModule<TView> : PassportModule
    where TView : ItemsView, new()
{
    /// <summary>The module's kinds of item.</summary>
    protected abstract RecordedItems<TView> Items { get; }

    /// <summary>
    /// The module's kinds as declared in <see cref="Items"/>, for its unit tests: a kind's rules
    /// (<c>Declared.Kind&lt;TItem&gt;().Read(…)</c>) and the view's projection (<c>Declared.Projection()</c>).
    /// </summary>
    public RecordedItems<TView> Declared => Items;

    /// <summary>The section's field on <c>Passport</c>, e.g. <c>health</c>: the manifest's <c>section</c>.</summary>
    protected string SectionField => Manifest.Section;

    /// <summary>The section's GraphQL type, e.g. <c>Health</c>.</summary>
    protected abstract string SectionType { get; }

    /// <summary>What the section holds, for the schema.</summary>
    protected abstract string SectionDescription { get; }

    /// <summary>The section's heading on the passport page, e.g. "Short breaks": the manifest's <c>sectionTitle</c>.</summary>
    protected string SectionTitle => Manifest.SectionTitle;

    /// <inheritdoc />
    public override SectionPage? Page => Items.Page(SectionField, SectionTitle, Manifest.Sector);

    /// <inheritdoc />
    public override void ConfigureMarten(StoreOptions options) => Items.ConfigureMarten(options, Manifest.DatabaseSchema);

    /// <inheritdoc />
    public override Task<string?> GroupOfItemAsync(IQuerySession session, Guid passportId, Guid itemId, CancellationToken cancellationToken) =>
        Items.GroupOfItemAsync(session, passportId, itemId, cancellationToken);

    /// <inheritdoc />
    public override void PurgePassport(IDocumentSession session, Guid passportId) => RecordedItems<TView>.Purge(session, passportId);

    /// <inheritdoc />
    public override void ConfigureSchema(IPassportSchemaBuilder schema) =>
        Items.AddSection(schema, SectionField, SectionType, SectionDescription, ExtendSection, Manifest.FieldGroups);

    /// <summary>Adds fields to the section type beyond the kinds'; none unless overridden.</summary>
    /// <param name="section">The section type.</param>
    protected virtual void ExtendSection(ObjectGraphType section)
    {
    }
}
