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

    /// <summary>
    /// Lets one module contribute; its sections are marked as owned by it. The module must add
    /// exactly the section its manifest names, the one the host keeps answering MODULE_UNAVAILABLE
    /// if the plugin ever fails to load; otherwise nothing it added is kept.
    /// </summary>
    /// <param name="module">The loaded module.</param>
    /// <param name="manifest">The manifest the host read from the module's plugin folder.</param>
    /// <exception cref="InvalidOperationException">The module adds another section, more than one, or none.</exception>
    public void ContributeFrom(PassportModule module, ModuleManifest manifest)
    {
        var sectionsBefore = _sections.Count;
        var mutationsBefore = _mutations.Count;
        _currentModule = manifest.Name;
        try
        {
            module.ConfigureSchema(this);
            var added = _sections.Skip(sectionsBefore).Select(s => s.Name).ToList();
            if (added is not [var section] || section != manifest.Section)
            {
                var adds = added.Count == 0 ? "no section" : "the section " + string.Join(" and ", added.Select(a => $"'{a}'"));
                throw new InvalidOperationException(
                    $"the module adds {adds} to Passport, but its {ModuleManifest.FileName} names the section '{manifest.Section}'; a module adds exactly the section its manifest names");
            }
        }
        catch
        {
            _sections.RemoveRange(sectionsBefore, _sections.Count - sectionsBefore);
            _mutations.RemoveRange(mutationsBefore, _mutations.Count - mutationsBefore);
            throw;
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
