using System.Globalization;
using GraphQL.Types;
using Passport.Sdk.Pages;

namespace Passport.Sdk.Items;

/// <summary>
/// One declared field of a kind of item: what the API accepts and returns, how the web app shows
/// and asks for it, and the rule its value keeps. Declared through <see cref="ItemKind{TView,TItem}"/>.
/// </summary>
internal sealed class ItemField
{
    /// <summary>No passport reaches further back: it closes at the 25th birthday, or the 26th.</summary>
    internal const int OldestYears = 26;

    public required string Name { get; init; }

    public required FieldKind Kind { get; init; }

    public required string Label { get; init; }

    public bool Required { get; init; }

    public string? Hint { get; init; }

    public string? Description { get; init; }

    public int MaxLength { get; init; } = InputRules.ShortText;

    public int MaxItems { get; init; } = 50;

    public double Min { get; init; }

    public double Max { get; init; }

    /// <summary>For a date: how many years ahead it may be (0: not in the future).</summary>
    public int FutureYears { get; init; }

    public Type? EnumType { get; init; }

    public string? EnumTypeName { get; init; }

    public IReadOnlyList<(object Value, string Label)> Choices { get; init; } = [];

    /// <summary>The value when the input omits the field (a choice's usual value).</summary>
    public object? Default { get; init; }

    /// <summary>The field as the web app asks for it. A yes/no is never required there: an unticked box is the answer no.</summary>
    public PageField ToPage() => new(
        Name,
        Label,
        Kind,
        Required && Kind != FieldKind.YesNo,
        Hint,
        Choices.Select(c => new PageOption(ApiValue(c.Value), c.Label)).ToList(),
        FutureYears > 0);

    /// <summary>The GraphQL type of the field in the item's input.</summary>
    public IGraphType InputType(ItemGraphTypes types)
    {
        var type = NamedType(types);
        return Required && Default is null ? new NonNullGraphType(type) : type;
    }

    /// <summary>The GraphQL type of the field on the item, given the item's property type.</summary>
    public IGraphType OutputType(ItemGraphTypes types, Type propertyType)
    {
        var type = NamedType(types);
        var nonNull = Kind == FieldKind.Lines || (propertyType.IsValueType && Nullable.GetUnderlyingType(propertyType) is null) || (Required && !propertyType.IsValueType);
        return nonNull ? new NonNullGraphType(type) : type;
    }

    private IGraphType NamedType(ItemGraphTypes types) => Kind switch
    {
        FieldKind.Text or FieldKind.LongText => new StringGraphType(),
        FieldKind.Lines => new ListGraphType(new NonNullGraphType(new StringGraphType())),
        FieldKind.Number => new FloatGraphType(),
        FieldKind.WholeNumber => new IntGraphType(),
        FieldKind.YesNo => new BooleanGraphType(),
        FieldKind.Date => new DateScalar(),
        FieldKind.Choice => types.Enum(EnumType!, EnumTypeName!),
        _ => throw new InvalidOperationException($"Unknown field kind {Kind}."),
    };

    /// <summary>
    /// The input's value for this field, checked and converted: errors name the input field
    /// (<paramref name="path"/>, e.g. <c>input.substance</c>).
    /// </summary>
    /// <param name="raw">The value as GraphQL parsed it; null when omitted.</param>
    /// <param name="path">How errors name the field.</param>
    /// <param name="today">Today in the UK, for date rules.</param>
    public object? Read(object? raw, string path, DateOnly today)
    {
        switch (Kind)
        {
            case FieldKind.Text:
            case FieldKind.LongText:
                return Required
                    ? InputRules.Required(path, raw as string, MaxLength)
                    : InputRules.Optional(path, raw as string, MaxLength);
            case FieldKind.Lines:
                var lines = (raw as IEnumerable<object?>)?.ToList() ?? [];
                if (lines.Count > MaxItems)
                {
                    throw PassportException.Invalid(path, $"{path} may list at most {MaxItems} items.");
                }

                var texts = lines.Select((line, i) => InputRules.Required($"{path}[{i}]", line as string, MaxLength)).Distinct(StringComparer.Ordinal).ToList();
                return Required && texts.Count == 0 ? throw PassportException.Invalid(path, $"{path} is required.") : texts;
            case FieldKind.Number:
            case FieldKind.WholeNumber:
                if (raw is null)
                {
                    return Required ? throw PassportException.Invalid(path, $"{path} is required.") : null;
                }

                var number = Convert.ToDouble(raw, CultureInfo.InvariantCulture);
                return double.IsFinite(number) && number >= Min && number <= Max
                    ? raw
                    : throw PassportException.Invalid(path, $"{path} must be between {Min.ToString(CultureInfo.InvariantCulture)} and {Max.ToString(CultureInfo.InvariantCulture)}.");
            case FieldKind.Date:
                if (raw is not DateOnly date)
                {
                    return Required ? throw PassportException.Invalid(path, $"{path} is required.") : null;
                }

                if (date > today.AddYears(FutureYears))
                {
                    throw PassportException.Invalid(path, FutureYears == 0 ? $"{path} cannot be in the future." : $"{path} cannot be more than {FutureYears} years from today.");
                }

                return date >= today.AddYears(-OldestYears)
                    ? date
                    : throw PassportException.Invalid(path, $"{path} cannot be more than {OldestYears} years ago.");
            case FieldKind.Choice:
                return raw ?? Default ?? (Required ? throw PassportException.Invalid(path, $"{path} is required.") : null);
            case FieldKind.YesNo:
                return raw ?? Default ?? false;
            default:
                return raw;
        }
    }

    /// <summary>An enum value as GraphQL spells it: <c>ChildInNeed</c> → <c>CHILD_IN_NEED</c>.</summary>
    internal static string ApiValue(object value)
    {
        var name = value.ToString() ?? "";
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }
}
