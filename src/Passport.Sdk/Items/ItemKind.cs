using System.Reflection;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Marten;
using Passport.Sdk.IntegrationEvents;
using Passport.Sdk.Pages;

namespace Passport.Sdk.Items;

/// <summary>One kind of recorded item of a module, for the code that treats every kind alike.</summary>
/// <typeparam name="TView">The module's view that holds the current items.</typeparam>
public interface IItemKind<TView>
    where TView : ItemsView
{
    /// <summary>The kind's name, e.g. <c>Allergy</c>.</summary>
    string Name { get; }

    /// <summary>The field group of every item of the kind.</summary>
    string Group { get; }

    /// <summary>The item's CLR type.</summary>
    Type ItemType { get; }

    /// <summary>The events the kit appends for the kind.</summary>
    IReadOnlyList<Type> EventTypes { get; }

    /// <summary>Registers the kind's events with Marten under the kind's names (<c>allergy_recorded</c>…).</summary>
    void MapEvents(StoreOptions options);

    /// <summary>The view with the change applied.</summary>
    void Apply(TView view, IItemChange change);

    /// <summary>Marks the item confirmed when it is a current item of this kind.</summary>
    void Verify(TView view, Guid itemId, Provenance verifiedBy);

    /// <summary>True when the view holds a current item of this kind with the id.</summary>
    bool Holds(TView view, Guid itemId);

    /// <summary>The kind's field on the module's section type.</summary>
    FieldType SectionField(ItemGraphTypes types);

    /// <summary>Adds the kind's mutations.</summary>
    /// <param name="mutation">The schema's mutation type.</param>
    /// <param name="passportType">What the mutations return.</param>
    /// <param name="types">The schema build's graph types.</param>
    /// <param name="familyReports">Whether the family may report items of the kind (its group's <see cref="FieldGroup.FamilyWrites"/>): the descriptions say who records them.</param>
    void DefineMutations(ObjectGraphType mutation, IGraphType passportType, ItemGraphTypes types, bool familyReports = true);

    /// <summary>The kind as the web app shows and records it.</summary>
    ItemBlock Block();
}

/// <summary>
/// A kind of item a module records: its fields, the rules they keep, its field group, where the
/// module's view holds it, and how it is shown. From this declaration the kit provides the events,
/// the changes (through the one write decision), the mutations, the graph types and the web app's
/// block and form. A list kind is recorded, amended and ended (<c>recordAllergy</c>,
/// <c>amendAllergy</c>, <c>endAllergy</c>); a single record is set and ended (<c>setEducationSetting</c>,
/// <c>endEducationSetting</c>): setting it again amends it and keeps its id.
/// </summary>
/// <typeparam name="TView">The module's view.</typeparam>
/// <typeparam name="TItem">
/// The item: a positional record deriving from <see cref="RecordedItem"/> with one constructor
/// parameter per declared field, named as the field (<c>substance</c> → <c>Substance</c>).
/// </typeparam>
public sealed class ItemKind<TView, TItem> : IItemKind<TView>
    where TView : ItemsView
    where TItem : RecordedItem
{
    private readonly List<ItemField> _fields = [];
    private readonly List<Func<TItem, TItem>> _checks = [];
    private readonly Func<TView, List<TItem>>? _list;
    private readonly Func<TView, TItem?>? _get;
    private readonly Action<TView, TItem?>? _set;
    private Func<TItem, string, string?>? _notice;
    private Func<IEnumerable<TItem>, IEnumerable<TItem>>? _order;
    private string _described;
    private string _heading;
    private string? _description;
    private string _typeName;
    private string _inputTypeName;
    private string? _recordMutation;
    private string? _amendMutation;
    private string? _endMutation;
    private string _itemArgument = "itemId";
    private bool _fieldsAsArguments;
    private (string Argument, string Description)? _endedOn;
    private (string Title, string Button, string? FamilyTitle, string Slug)? _form;
    private bool _leadsPage;
    private ItemChart? _chart;
    private ConstructorInfo? _constructor;

    internal ItemKind(string name, string field, string group, Func<TView, List<TItem>>? list, Func<TView, TItem?>? get, Action<TView, TItem?>? set)
    {
        Name = name;
        Field = field;
        Group = group;
        _list = list;
        _get = get;
        _set = set;
        _typeName = name;
        _inputTypeName = name + "Input";
        _described = "a " + name.ToLowerInvariant();
        _heading = name;
        if (IsList)
        {
            _recordMutation = "record" + name;
            _amendMutation = "amend" + name;
        }
        else
        {
            _recordMutation = "set" + name;
        }

        _endMutation = "end" + name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>The kind's field on the module's section, e.g. <c>allergies</c>.</summary>
    public string Field { get; }

    /// <inheritdoc />
    public string Group { get; }

    /// <summary>True for a list of items; false for one current record.</summary>
    public bool IsList => _list is not null;

    /// <inheritdoc />
    public Type ItemType => typeof(TItem);

    /// <inheritdoc />
    public IReadOnlyList<Type> EventTypes { get; } = [typeof(ItemRecorded<TItem>), typeof(ItemAmended<TItem>), typeof(ItemEnded<TItem>)];

    /// <summary>Says what the kind is, in words.</summary>
    /// <param name="described">One item, e.g. "an allergy" (used in descriptions and errors).</param>
    /// <param name="heading">The block's heading, e.g. "Allergies".</param>
    /// <param name="description">What the section field returns, for the schema; e.g. "Known allergies…".</param>
    /// <returns>The kind.</returns>
    public ItemKind<TView, TItem> Describe(string described, string heading, string? description = null)
    {
        _described = described;
        _heading = heading;
        _description = description;
        return this;
    }

    /// <summary>Names the item's graph types when they differ from the kind's name (e.g. <c>LegalStatusRecord</c>).</summary>
    /// <param name="itemType">The item's object type.</param>
    /// <param name="inputType">Its input type.</param>
    /// <returns>The kind.</returns>
    public ItemKind<TView, TItem> TypeNames(string itemType, string inputType)
    {
        _typeName = itemType;
        _inputTypeName = inputType;
        return this;
    }

    /// <summary>
    /// Names the kind's mutations when they differ from <c>record</c>/<c>amend</c>/<c>end</c> +
    /// name (lists) or <c>set</c>/<c>end</c> + name (single records). An empty name leaves the mutation out.
    /// </summary>
    /// <param name="record">Records (or, for a single record, sets) an item.</param>
    /// <param name="amend">Amends an item of a list.</param>
    /// <param name="end">Ends an item.</param>
    /// <param name="itemArgument">The argument naming the item in amend and end, e.g. <c>activityId</c>.</param>
    /// <returns>The kind.</returns>
    public ItemKind<TView, TItem> Mutations(string? record = null, string? amend = null, string? end = null, string? itemArgument = null)
    {
        _recordMutation = Named(record, _recordMutation);
        _amendMutation = Named(amend, _amendMutation);
        _endMutation = Named(end, _endMutation);
        _itemArgument = itemArgument ?? _itemArgument;
        return this;

        static string? Named(string? given, string? otherwise) => given is null ? otherwise : given.Length == 0 ? null : given;
    }

    /// <summary>The fields are the mutations' own arguments instead of one input object (e.g. <c>addSafeguardingNote(note:)</c>).</summary>
    /// <returns>The kind.</returns>
    public ItemKind<TView, TItem> FieldsAsArguments()
    {
        _fieldsAsArguments = true;
        return this;
    }

    /// <summary>The end mutation takes the day the item ended (default today in the UK, not in the future).</summary>
    /// <param name="argument">The argument's name, e.g. <c>endedOn</c>.</param>
    /// <param name="description">What the day means.</param>
    /// <returns>The kind.</returns>
    public ItemKind<TView, TItem> EndedOn(string argument, string description)
    {
        _endedOn = (argument, description);
        return this;
    }

    /// <summary>Recording or amending an item of this kind is emergency information the care team is told of.</summary>
    /// <param name="notice">Plain words for the notice from the item and "recorded" or "amended"; null when this one is not.</param>
    /// <returns>The kind.</returns>
    public ItemKind<TView, TItem> Notify(Func<TItem, string, string?> notice)
    {
        _notice = notice;
        return this;
    }

    /// <summary>A rule across fields (or one a field kind cannot say), run on the item built from the input; it may return a normalised item.</summary>
    /// <param name="check">Returns the item, or throws <see cref="PassportException.Invalid"/> naming the input field.</param>
    /// <returns>The kind.</returns>
    public ItemKind<TView, TItem> Validate(Func<TItem, TItem> check)
    {
        _checks.Add(check);
        return this;
    }

    /// <summary>The order a list is returned in (default: the order recorded).</summary>
    /// <param name="order">Orders the current items, e.g. by the day measured.</param>
    /// <returns>The kind.</returns>
    public ItemKind<TView, TItem> Ordered(Func<IEnumerable<TItem>, IEnumerable<TItem>> order)
    {
        _order = order;
        return this;
    }

    /// <summary>The web app offers a form for the kind.</summary>
    /// <param name="title">The page title for a professional, e.g. "Add an allergy".</param>
    /// <param name="button">The button's words, e.g. "Save allergy".</param>
    /// <param name="familyTitle">The title for the family when the group lets them report it.</param>
    /// <param name="slug">The form's name in the address; default the kind's name in lower case with hyphens.</param>
    /// <returns>The kind.</returns>
    public ItemKind<TView, TItem> Form(string title, string button, string? familyTitle = null, string? slug = null)
    {
        _form = (title, button, familyTitle, slug ?? Slug(Name));
        return this;
    }

    /// <summary>The kind belongs on the passport's first screen: what anyone must know first.</summary>
    /// <returns>The kind.</returns>
    public ItemKind<TView, TItem> LeadsPage()
    {
        _leadsPage = true;
        return this;
    }

    /// <summary>The web app draws the items' numbers over time beside the list.</summary>
    /// <param name="dateField">The field that dates each item.</param>
    /// <param name="series">The number fields, one line each.</param>
    /// <returns>The kind.</returns>
    public ItemKind<TView, TItem> Chart(string dateField, params string[] series)
    {
        _chart = new ItemChart(dateField, series);
        return this;
    }

    /// <summary>A line of text (at most <paramref name="maxLength"/> characters).</summary>
    public ItemKind<TView, TItem> Text(string name, string label, bool required = false, string? hint = null, int maxLength = InputRules.ShortText, string? description = null) =>
        Add(new ItemField { Name = name, Kind = FieldKind.Text, Label = label, Required = required, Hint = hint, MaxLength = maxLength, Description = description });

    /// <summary>Text of several lines (at most <paramref name="maxLength"/> characters).</summary>
    public ItemKind<TView, TItem> LongText(string name, string label, bool required = false, string? hint = null, int maxLength = InputRules.LongText, string? description = null) =>
        Add(new ItemField { Name = name, Kind = FieldKind.LongText, Label = label, Required = required, Hint = hint, MaxLength = maxLength, Description = description });

    /// <summary>A list of short texts (duplicates dropped), at most <paramref name="maxItems"/>.</summary>
    public ItemKind<TView, TItem> Lines(string name, string label, bool required = false, string? hint = null, int maxItems = 50, string? description = null) =>
        Add(new ItemField { Name = name, Kind = FieldKind.Lines, Label = label, Required = required, Hint = hint, MaxItems = maxItems, Description = description });

    /// <summary>A number with decimals between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public ItemKind<TView, TItem> Number(string name, string label, double min, double max, bool required = false, string? hint = null, string? description = null) =>
        Add(new ItemField { Name = name, Kind = FieldKind.Number, Label = label, Required = required, Hint = hint, Min = min, Max = max, Description = description });

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public ItemKind<TView, TItem> WholeNumber(string name, string label, int min, int max, bool required = false, string? hint = null, string? description = null) =>
        Add(new ItemField { Name = name, Kind = FieldKind.WholeNumber, Label = label, Required = required, Hint = hint, Min = min, Max = max, Description = description });

    /// <summary>Yes or no; false when omitted unless <paramref name="required"/>.</summary>
    public ItemKind<TView, TItem> YesNo(string name, string label, bool required = false, string? hint = null, string? description = null) =>
        Add(new ItemField { Name = name, Kind = FieldKind.YesNo, Label = label, Required = required, Hint = hint, Description = description });

    /// <summary>
    /// A date in the UK calendar: not before a passport could begin (26 years), and not after
    /// today (in Europe/London, when it is recorded) unless <paramref name="futureYears"/> allows it.
    /// </summary>
    public ItemKind<TView, TItem> Date(string name, string label, bool required = false, string? hint = null, int futureYears = 0, string? description = null) =>
        Add(new ItemField { Name = name, Kind = FieldKind.Date, Label = label, Required = required, Hint = hint, FutureYears = futureYears, Description = description });

    /// <summary>One of the values of <typeparamref name="TEnum"/>, shown with the given words.</summary>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <param name="name">The field's name.</param>
    /// <param name="label">The question.</param>
    /// <param name="enumTypeName">The enum's name in the schema, e.g. <c>Severity</c>.</param>
    /// <param name="options">Each value in words, in the order offered.</param>
    /// <param name="required">Whether the input must give it (ignored when <paramref name="defaultValue"/> is given).</param>
    /// <param name="defaultValue">The value when the input omits it.</param>
    /// <param name="hint">A hint under the question.</param>
    /// <param name="description">The field's description in the schema.</param>
    /// <returns>The kind.</returns>
    public ItemKind<TView, TItem> Choice<TEnum>(string name, string label, string enumTypeName, (TEnum Value, string Label)[] options, bool required = false, TEnum? defaultValue = null, string? hint = null, string? description = null)
        where TEnum : struct, Enum =>
        Add(new ItemField
        {
            Name = name,
            Kind = FieldKind.Choice,
            Label = label,
            Required = required,
            Hint = hint,
            Description = description,
            EnumType = typeof(TEnum),
            EnumTypeName = enumTypeName,
            Choices = options.Select(o => ((object)o.Value, o.Label)).ToList(),
            Default = defaultValue,
        });

    /// <inheritdoc />
    public void MapEvents(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var name = EventName(Name);
        options.Events.MapEventType<ItemRecorded<TItem>>(name + "_recorded");
        options.Events.MapEventType<ItemAmended<TItem>>(name + "_amended");
        options.Events.MapEventType<ItemEnded<TItem>>(name + "_ended");
    }

    /// <inheritdoc />
    public void Apply(TView view, IItemChange change)
    {
        ArgumentNullException.ThrowIfNull(view);
        switch (change)
        {
            case ItemRecorded<TItem> recorded when _list is not null:
                _list(view).Add(recorded.Item);
                break;
            case ItemAmended<TItem> amended when _list is not null:
                var items = _list(view);
                var index = items.FindIndex(i => i.Id == amended.Item.Id);
                if (index >= 0)
                {
                    items[index] = amended.Item;
                }

                break;
            case ItemEnded<TItem> ended when _list is not null:
                _list(view).RemoveAll(i => i.Id == ended.ItemId);
                break;
            case ItemRecorded<TItem> recorded:
                _set!(view, recorded.Item);
                break;
            case ItemAmended<TItem> amended:
                _set!(view, amended.Item);
                break;
            case ItemEnded<TItem> ended when _get!(view)?.Id == ended.ItemId:
                _set!(view, null);
                break;
        }
    }

    /// <inheritdoc />
    public void Verify(TView view, Guid itemId, Provenance verifiedBy)
    {
        if (_list is not null)
        {
            var items = _list(view);
            var index = items.FindIndex(i => i.Id == itemId);
            if (index >= 0)
            {
                items[index] = Verified(items[index], verifiedBy);
            }
        }
        else if (_get!(view) is { } current && current.Id == itemId)
        {
            _set!(view, Verified(current, verifiedBy));
        }
    }

    /// <inheritdoc />
    public bool Holds(TView view, Guid itemId) =>
        _list is not null ? _list(view).Exists(i => i.Id == itemId) : _get!(view)?.Id == itemId;

    /// <inheritdoc />
    public FieldType SectionField(ItemGraphTypes types)
    {
        var itemType = ObjectType(types);
        var field = new FieldType
        {
            Name = Field,
            Description = _description ?? (IsList ? $"{_heading}. An empty list means none recorded, never that they are hidden." : $"{_heading}; null when none is recorded."),
            ResolvedType = IsList ? new ListGraphType(new NonNullGraphType(itemType)) : itemType,
            Resolver = new FuncFieldResolver<object?>(context =>
            {
                var section = (ItemsSection<TView>)context.Source!;
                if (_list is not null)
                {
                    // The host leaves withheld items out of every list a field returns.
                    return section.View is null ? [] : _order is null ? _list(section.View) : _order(_list(section.View)).ToList();
                }

                // A single record withheld from the viewer is, for them, no record.
                return section.View is null || _get!(section.View) is not { } current || section.Passport.Access.IsWithheld(current.Id) ? null : current;
            }),
        };
        return field.InFieldGroup(Group);
    }

    /// <inheritdoc />
    public void DefineMutations(ObjectGraphType mutation, IGraphType passportType, ItemGraphTypes types, bool familyReports = true)
    {
        ArgumentNullException.ThrowIfNull(mutation);
        var inputs = InputArguments(types);
        var recorded = familyReports
            ? "verified when a professional of a sector that records it does, reported when the family does."
            : "only professionals of a sector that records it may.";
        var amended = familyReports
            ? " The new values carry who amended them: verified from a professional, reported from the family."
            : " Only professionals of a sector that records it may.";
        var ended = familyReports ? "" : " Only professionals of a sector that records it may.";
        if (_recordMutation is { } record)
        {
            mutation.AddField(new FieldType
            {
                Name = record,
                Description = IsList
                    ? $"Records {_described}: {recorded}"
                    : $"Records {_described}, or amends the current one (its id is kept): {recorded}",
                ResolvedType = passportType,
                Arguments = new QueryArguments([PassportIdArgument(), .. inputs()]),
                Resolver = Resolve(context => IsList ? RecordItem(context) : SetRecord(context)),
            });
        }

        if (IsList && _amendMutation is { } amend)
        {
            mutation.AddField(new FieldType
            {
                Name = amend,
                Description = $"Replaces the values of {_described} on the passport, keeping its id.{amended}",
                ResolvedType = passportType,
                Arguments = new QueryArguments([PassportIdArgument(), ItemArgument(), .. inputs()]),
                Resolver = Resolve(AmendItem),
            });
        }

        if (_endMutation is { } end)
        {
            var arguments = new List<QueryArgument> { PassportIdArgument() };
            if (IsList)
            {
                arguments.Add(ItemArgument());
            }

            if (_endedOn is { } endedOn)
            {
                arguments.Add(new QueryArgument(new GraphQLTypeReference("Date")) { Name = endedOn.Argument, Description = endedOn.Description });
            }

            mutation.AddField(new FieldType
            {
                Name = end,
                Description = IsList
                    ? $"Ends {_described}: it leaves the current list and stays in the passport's history.{ended}"
                    : $"Ends {_described}: it leaves the passport and stays in its history.{ended}",
                ResolvedType = passportType,
                Arguments = new QueryArguments(arguments),
                Resolver = Resolve(EndItem),
            });
        }
    }

    /// <summary>
    /// The current items of this kind in <paramref name="view"/>, in the kind's order (a single
    /// record is a list of one or none). Withheld items are still here: who may see what is the
    /// caller's access decision, never the kind's.
    /// </summary>
    /// <param name="view">The module's view of one passport.</param>
    /// <returns>The current items.</returns>
    public IReadOnlyList<TItem> Current(TView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        if (_list is not null)
        {
            return _order is null ? _list(view) : _order(_list(view)).ToList();
        }

        return _get!(view) is { } current ? [current] : [];
    }

    /// <summary>
    /// Records an item that did not come through the kind's mutation (e.g. one imported from another
    /// system), inside a change being decided: its values are checked by the same field and
    /// <see cref="Validate"/> rules as the record mutation (a refusal names the field), it gets a new
    /// id and <paramref name="recordedBy"/>, and the care team is told as for a recorded item. A list
    /// kind only: a single record would replace what is there.
    /// </summary>
    /// <param name="passport">The change being decided, after the write decision allowed the kind's group.</param>
    /// <param name="values">The item's values; its id and provenance are ignored.</param>
    /// <param name="recordedBy">Who it is recorded as coming from.</param>
    /// <returns>The item as recorded.</returns>
    public TItem Record(PassportWriteContext passport, TItem values, Provenance recordedBy)
    {
        ArgumentNullException.ThrowIfNull(passport);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(recordedBy);
        if (!IsList)
        {
            throw new InvalidOperationException($"The {Name} kind is a single record; only list kinds record items from elsewhere.");
        }

        var item = Build(_fields.ToDictionary(f => f.Name, f => Property(f).GetValue(values), StringComparer.Ordinal), Guid.CreateVersion7(), recordedBy);
        passport.Append(new ItemRecorded<TItem>(Group, item));
        Tell(passport, item, item.Id, "recorded");
        return item;
    }

    /// <summary>
    /// Checks input values exactly as the kind's record and amend mutations do, and builds the
    /// item, without a host: for a module's unit tests of its declaration (its fields' rules and
    /// its <see cref="Validate"/> rules). A refusal is a <see cref="PassportException"/> naming the
    /// input field (<c>input.summary</c>, or <c>summary</c> when the fields are arguments).
    /// </summary>
    /// <param name="values">The input's values by field name, as GraphQL gives them: strings, <see cref="int"/> or <see cref="double"/>, <see cref="bool"/>, <see cref="DateOnly"/>, enum values, lists of strings.</param>
    /// <param name="recordedBy">Who records it; "today" for the date rules is the UK day of its <see cref="Provenance.RecordedAt"/>.</param>
    /// <returns>The item with a new id, as it would be recorded.</returns>
    public TItem Read(IReadOnlyDictionary<string, object?> values, Provenance recordedBy)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(recordedBy);
        return Build(values, Guid.CreateVersion7(), recordedBy);
    }

    /// <inheritdoc />
    public ItemBlock Block() => new(
        Field,
        _heading,
        Group,
        IsList,
        _leadsPage,
        _fields.Select(f => f.ToPage()).ToList(),
        _form is { } form && _recordMutation is { } record
            ? new ItemForm(form.Slug, form.Title, form.FamilyTitle, form.Button, record, IsList ? _amendMutation : null, _fieldsAsArguments ? null : _inputTypeName, _itemArgument)
            : null,
        _endMutation,
        _chart);

    private ItemKind<TView, TItem> Add(ItemField field)
    {
        _fields.Add(field);
        return this;
    }

    private static QueryArgument PassportIdArgument() =>
        new(new NonNullGraphType(new GraphQLTypeReference("ID"))) { Name = "passportId" };

    private QueryArgument ItemArgument() =>
        new(new NonNullGraphType(new GraphQLTypeReference("ID"))) { Name = _itemArgument };

    /// <summary>The arguments that carry the item's values: one input object, or one argument a field.</summary>
    private Func<IEnumerable<QueryArgument>> InputArguments(ItemGraphTypes types)
    {
        if (_fieldsAsArguments)
        {
            return () => _fields.Select(f => new QueryArgument(f.InputType(types)) { Name = f.Name, Description = f.Description ?? f.Hint });
        }

        var input = new InputObjectGraphType { Name = _inputTypeName, Description = $"The values of {_described}." };
        foreach (var field in _fields)
        {
            input.AddField(new FieldType { Name = field.Name, Description = field.Description ?? field.Hint, ResolvedType = field.InputType(types) });
        }

        return () => [new QueryArgument(new NonNullGraphType(input)) { Name = "input" }];
    }

    private IObjectGraphType ObjectType(ItemGraphTypes types)
    {
        var type = new ObjectGraphType { Name = _typeName, Description = $"{Capitalised(_described)}, with who recorded it and whether it is verified." };
        type.AddField(new FieldType
        {
            Name = "id",
            Description = IsList
                ? "The item's id: the same after an amendment; use it to amend, end, verify or withhold the item."
                : "The record's id: kept when it is set again, new after it ended.",
            ResolvedType = new NonNullGraphType(new GraphQLTypeReference("ID")),
            Resolver = new FuncFieldResolver<object?>(c => ((TItem)c.Source!).Id.ToString()),
        });
        foreach (var field in _fields)
        {
            var property = Property(field);
            type.AddField(new FieldType
            {
                Name = field.Name,
                Description = field.Description ?? field.Hint,
                ResolvedType = field.OutputType(types, property.PropertyType),
                Resolver = new FuncFieldResolver<object?>(c => property.GetValue(c.Source)),
            });
        }

        type.AddField(new FieldType
        {
            Name = "recordedBy",
            Description = "Who recorded the current values: name, role, sector and organisation.",
            ResolvedType = new NonNullGraphType(new GraphQLTypeReference("Provenance")),
            Resolver = new FuncFieldResolver<object?>(c => ((TItem)c.Source!).RecordedBy),
        });
        type.AddField(new FieldType
        {
            Name = "recordedAt",
            Description = "When the current values were recorded.",
            ResolvedType = new NonNullGraphType(new GraphQLTypeReference("DateTime")),
            Resolver = new FuncFieldResolver<object?>(c => ((TItem)c.Source!).RecordedBy.RecordedAt),
        });
        type.AddField(new FieldType
        {
            Name = "verified",
            Description = "True when recorded or confirmed by a professional of a sector that records it; false when reported by the family.",
            ResolvedType = new NonNullGraphType(new GraphQLTypeReference("Boolean")),
            Resolver = new FuncFieldResolver<object?>(c => ((TItem)c.Source!).IsVerified),
        });
        type.AddField(new FieldType
        {
            Name = "verifiedBy",
            Description = "The professional who confirmed what the family reported; null until one does.",
            ResolvedType = new GraphQLTypeReference("Provenance"),
            Resolver = new FuncFieldResolver<object?>(c => ((TItem)c.Source!).VerifiedBy),
        });
        return type;
    }

    private static FuncFieldResolver<object?> Resolve(Func<IResolveFieldContext, IPassportChange> change) =>
        new(async context => await context.ChangePassportAsync(change(context)).ConfigureAwait(false));

    private IPassportChange RecordItem(IResolveFieldContext context)
    {
        var passportId = InputRules.PassportId(context.GetArgument<string>("passportId"));
        var values = Values(context);
        return PassportChange.Deciding(passportId, PassportWrite.ToGroup(Group), passport =>
        {
            var item = Build(values, Guid.CreateVersion7(), passport.RecordedBy);
            passport.Append(new ItemRecorded<TItem>(Group, item));
            Tell(passport, item, item.Id, "recorded");
            return Task.CompletedTask;
        });
    }

    private IPassportChange AmendItem(IResolveFieldContext context)
    {
        var passportId = InputRules.PassportId(context.GetArgument<string>("passportId"));
        var itemId = ItemId(context);
        var values = Values(context);
        return PassportChange.Deciding(passportId, PassportWrite.ToGroup(Group, itemId, _itemArgument), async passport =>
        {
            var item = Build(values, itemId, passport.RecordedBy);
            await EnsureCurrentAsync(passport, itemId).ConfigureAwait(false);
            var amendment = new ItemAmended<TItem>(Guid.CreateVersion7(), Group, item);
            passport.Append(amendment);
            Tell(passport, item, amendment.AmendmentId, "amended");
        });
    }

    private IPassportChange SetRecord(IResolveFieldContext context)
    {
        var passportId = InputRules.PassportId(context.GetArgument<string>("passportId"));
        var values = Values(context);
        return PassportChange.Deciding(passportId, PassportWrite.ToGroup(Group), async passport =>
        {
            var view = await passport.ViewAsync<TView>().ConfigureAwait(false);
            var current = view is null ? null : _get!(view);
            if (current is not null && passport.Grant?.IsWithheld(current.Id) == true)
            {
                // The record is withheld from this writer: they may not change what they cannot see.
                throw PassportException.Forbidden($"You cannot change '{Group}' of this passport.");
            }

            var item = Build(values, current?.Id ?? Guid.CreateVersion7(), passport.RecordedBy);
            if (current is null)
            {
                passport.Append(new ItemRecorded<TItem>(Group, item));
                Tell(passport, item, item.Id, "recorded");
            }
            else
            {
                var amendment = new ItemAmended<TItem>(Guid.CreateVersion7(), Group, item);
                passport.Append(amendment);
                Tell(passport, item, amendment.AmendmentId, "amended");
            }
        });
    }

    private IPassportChange EndItem(IResolveFieldContext context)
    {
        var passportId = InputRules.PassportId(context.GetArgument<string>("passportId"));
        var endedOn = _endedOn is { } argument ? context.GetArgument<DateOnly?>(argument.Argument) : null;
        if (IsList)
        {
            var itemId = ItemId(context);
            return PassportChange.Deciding(passportId, PassportWrite.ToGroup(Group, itemId, _itemArgument), async passport =>
            {
                await EnsureCurrentAsync(passport, itemId).ConfigureAwait(false);
                passport.Append(new ItemEnded<TItem>(itemId, Group, passport.RecordedBy, EndDay(endedOn, passport)));
            });
        }

        return PassportChange.Deciding(passportId, PassportWrite.ToGroup(Group), async passport =>
        {
            var view = await passport.ViewAsync<TView>().ConfigureAwait(false);
            // A record withheld from the writer is, for them, no record at all.
            if (view is null || _get!(view) is not { } current || passport.Grant?.IsWithheld(current.Id) == true)
            {
                throw PassportException.Invalid("passportId", $"This passport has no current {StripArticle(_described)} to end.");
            }

            passport.Append(new ItemEnded<TItem>(current.Id, Group, passport.RecordedBy, EndDay(endedOn, passport)));
        });
    }

    private DateOnly? EndDay(DateOnly? given, PassportWriteContext passport)
    {
        if (_endedOn is not { } argument)
        {
            return null;
        }

        var rule = new ItemField { Name = argument.Argument, Kind = FieldKind.Date, Label = argument.Argument };
        return (DateOnly?)rule.Read(given, argument.Argument, passport.Today) ?? passport.Today;
    }

    /// <summary>An id that is not a current item of this kind on this passport is refused and nothing is written.</summary>
    private async Task EnsureCurrentAsync(PassportWriteContext passport, Guid itemId)
    {
        var view = await passport.ViewAsync<TView>().ConfigureAwait(false);
        if (view is null || !Holds(view, itemId))
        {
            throw UnknownItem();
        }
    }

    private PassportException UnknownItem() =>
        PassportException.Invalid(_itemArgument, $"{_itemArgument} is not a current item of this kind on this passport.");

    private Guid ItemId(IResolveFieldContext context) =>
        Guid.TryParse(context.GetArgument<string>(_itemArgument), out var id) ? id : throw UnknownItem();

    /// <summary>The item's values as the request gave them (checked only after the write decision).</summary>
    private IReadOnlyDictionary<string, object?> Values(IResolveFieldContext context)
    {
        if (_fieldsAsArguments)
        {
            return _fields.ToDictionary(f => f.Name, f => context.Arguments?.TryGetValue(f.Name, out var value) == true ? value.Value : null, StringComparer.Ordinal);
        }

        return context.Arguments?.TryGetValue("input", out var input) == true && input.Value is IDictionary<string, object?> values
            ? new Dictionary<string, object?>(values, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
    }

    /// <summary>Checks each value (errors name the input field) and builds the item under <paramref name="id"/>.</summary>
    private TItem Build(IReadOnlyDictionary<string, object?> values, Guid id, Provenance recordedBy)
    {
        var today = UkDate.Of(recordedBy.RecordedAt);
        var constructor = Constructor();
        var parameters = constructor.GetParameters();
        var arguments = new object?[parameters.Length];
        for (var i = 0; i < parameters.Length; i++)
        {
            var field = FieldOf(parameters[i]);
            var path = _fieldsAsArguments ? field.Name : "input." + field.Name;
            var value = field.Read(values.GetValueOrDefault(field.Name), path, today);
            arguments[i] = value is null
                ? parameters[i].HasDefaultValue ? parameters[i].DefaultValue : null
                : Converted(value, parameters[i].ParameterType);
        }

        RecordedItem built = (TItem)constructor.Invoke(arguments);
        var item = (TItem)(built with { Id = id, RecordedBy = recordedBy, VerifiedBy = null });
        return _checks.Aggregate(item, (checkedSoFar, check) => check(checkedSoFar));
    }

    private void Tell(PassportWriteContext passport, TItem item, Guid changeId, string change)
    {
        if (_notice?.Invoke(item, change) is { } what)
        {
            passport.Publish(new EmergencyInformationChanged(changeId, passport.PassportId, what, item.RecordedBy, Group));
        }
    }

    /// <summary>The item's constructor, checked once against the declared fields so a mistake fails at start, not on a family's first save.</summary>
    private ConstructorInfo Constructor()
    {
        if (_constructor is not null)
        {
            return _constructor;
        }

        var constructor = typeof(TItem).GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault()
            ?? throw new InvalidOperationException($"{typeof(TItem).Name} has no public constructor.");
        foreach (var parameter in constructor.GetParameters())
        {
            _ = FieldOf(parameter);
        }

        return _constructor = constructor;
    }

    private ItemField FieldOf(ParameterInfo parameter) =>
        _fields.FirstOrDefault(f => string.Equals(f.Name, parameter.Name, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidOperationException($"{typeof(TItem).Name}'s constructor parameter '{parameter.Name}' is not a declared field of the {Name} kind.");

    private PropertyInfo Property(ItemField field) =>
        typeof(TItem).GetProperty(field.Name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)
        ?? throw new InvalidOperationException($"The {Name} kind declares '{field.Name}', which {typeof(TItem).Name} has no property for.");

    /// <summary>Checks the declaration against the item type; the module calls it at start through <see cref="RecordedItems{TView}"/>.</summary>
    internal void CheckDeclaration()
    {
        _ = Constructor();
        foreach (var field in _fields)
        {
            _ = Property(field);
        }
    }

    private static object? Converted(object value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target.IsInstanceOfType(value))
        {
            return value;
        }

        return target.IsEnum ? Enum.ToObject(target, value) : Convert.ChangeType(value, target, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static T Verified<T>(T item, Provenance verifiedBy)
        where T : RecordedItem => (T)((RecordedItem)item with { VerifiedBy = verifiedBy });

    private static string EventName(string name) => Slug(name).Replace('-', '_');

    private static string Slug(string name)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(name[i]));
        }

        return text.ToString();
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string StripArticle(string described) =>
        described.StartsWith("an ", StringComparison.Ordinal) ? described[3..] : described.StartsWith("a ", StringComparison.Ordinal) ? described[2..] : described;
}
