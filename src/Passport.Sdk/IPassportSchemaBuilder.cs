using GraphQL;
using GraphQL.Types;

namespace Passport.Sdk;

/// <summary>How a module adds to the one GraphQL schema.</summary>
public interface IPassportSchemaBuilder
{
    /// <summary>
    /// Adds the module's section to the <c>Passport</c> type, e.g. <c>health: Health</c>.
    /// The resolver receives the passport as the viewer may see it and returns the section's
    /// source object (which implements <see cref="IPassportScoped"/>), or a batched result of it.
    /// </summary>
    /// <typeparam name="TGraphType">The section's object graph type.</typeparam>
    /// <param name="name">The field name on <c>Passport</c>.</param>
    /// <param name="description">Schema description.</param>
    /// <param name="resolve">Loads the section for a passport.</param>
    void AddSection<TGraphType>(string name, string description, Func<PassportNode, IResolveFieldContext, object?> resolve)
        where TGraphType : IComplexGraphType;

    /// <summary>Adds a field to <c>Passport</c> whose type is an instance built for this schema (as the recorded-item kit builds its types).</summary>
    /// <param name="name">The field name on <c>Passport</c>.</param>
    /// <param name="description">Schema description.</param>
    /// <param name="type">The section's object graph type.</param>
    /// <param name="resolve">Loads the section for a passport.</param>
    void AddSection(string name, string description, IComplexGraphType type, Func<PassportNode, IResolveFieldContext, object?> resolve);

    /// <summary>Adds a mutation field. Mutations that change a passport return <see cref="PassportType"/>.</summary>
    /// <param name="configure">Defines the field on the <c>Mutation</c> type.</param>
    void AddMutations(Action<ObjectGraphType> configure);

    /// <summary>The non-null <c>Passport</c> type, for a mutation's return type.</summary>
    IGraphType PassportType { get; }
}
