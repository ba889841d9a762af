using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;
using Passport.Sdk;

namespace Passport.Core.GraphQL;

/// <summary>What the modules added to the schema at start: sections of <c>Passport</c> and mutations.</summary>
public sealed class PassportSchemaContributions : IPassportSchemaBuilder
{
    private readonly List<FieldType> _sections = [];
    private readonly List<Action<ObjectGraphType>> _mutations = [];
    private string? _currentModule;

    public IReadOnlyList<FieldType> Sections => _sections;

    public IReadOnlyList<Action<ObjectGraphType>> Mutations => _mutations;

    public IGraphType PassportType => new NonNullGraphType(new GraphQLTypeReference("Passport"));

    /// <summary>Lets one module contribute; its sections are marked as owned by it.</summary>
    public void ContributeFrom(PassportModule module)
    {
        _currentModule = module.Manifest.Name;
        try
        {
            module.ConfigureSchema(this);
        }
        finally
        {
            _currentModule = null;
        }
    }

    public void AddSection<TGraphType>(string name, string description, Func<PassportNode, IResolveFieldContext, object?> resolve)
        where TGraphType : IComplexGraphType
    {
        var field = new FieldType
        {
            Name = name,
            Description = description,
            Type = typeof(TGraphType),
            Resolver = new FuncFieldResolver<object?>(context => resolve((PassportNode)context.Source!, context)),
        };
        _sections.Add(_currentModule is null ? field : field.OwnedByModule(_currentModule));
    }

    public void AddSection(string name, string description, IComplexGraphType type, Func<PassportNode, IResolveFieldContext, object?> resolve)
    {
        var field = new FieldType
        {
            Name = name,
            Description = description,
            ResolvedType = type,
            Resolver = new FuncFieldResolver<object?>(context => resolve((PassportNode)context.Source!, context)),
        };
        _sections.Add(_currentModule is null ? field : field.OwnedByModule(_currentModule));
    }

    public void AddMutations(Action<ObjectGraphType> configure) => _mutations.Add(configure);
}
