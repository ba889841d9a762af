using Mono.Cecil;
using Mono.Cecil.Cil;

namespace Passport.Tests.Architecture;

/// <summary>
/// Finds what the code of selected types refers to, including the types the compiler generates
/// inside them. NetArchTest 1.3.2 does not look into compiler-generated nested types, and that is
/// where resolver lambdas and async methods keep their bodies, so rules about what a resolver
/// touches are checked here instead.
/// </summary>
internal static class DependencyScan
{
    /// <summary>Types (named by their outermost type) whose code refers to any of the namespaces.</summary>
    public static IReadOnlyList<string> Offenders(string assemblyPath, Func<TypeDefinition, bool> inScope, params string[] forbiddenNamespaces)
    {
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        var offenders = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var outermost = Outermost(type);
            if (!inScope(outermost))
            {
                continue;
            }

            foreach (var reference in References(type))
            {
                if (forbiddenNamespaces.Any(ns => reference.StartsWith(ns + ".", StringComparison.Ordinal)))
                {
                    offenders.Add($"{outermost.FullName} → {reference}");
                }
            }
        }

        return [.. offenders];
    }

    public static TypeDefinition Outermost(TypeDefinition type)
    {
        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        return type;
    }

    private static IEnumerable<string> References(TypeDefinition type)
    {
        foreach (var field in type.Fields)
        {
            yield return Name(field.FieldType);
        }

        foreach (var method in type.Methods)
        {
            yield return Name(method.ReturnType);
            foreach (var parameter in method.Parameters)
            {
                yield return Name(parameter.ParameterType);
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var variable in method.Body.Variables)
            {
                yield return Name(variable.VariableType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case MethodReference called:
                        yield return Name(called.DeclaringType);
                        yield return Name(called.ReturnType);
                        if (called is GenericInstanceMethod generic)
                        {
                            foreach (var argument in generic.GenericArguments)
                            {
                                yield return Name(argument);
                            }
                        }

                        break;
                    case FieldReference field:
                        yield return Name(field.DeclaringType);
                        break;
                    case TypeReference typeReference:
                        yield return Name(typeReference);
                        break;
                }
            }
        }
    }

    private static string Name(TypeReference type) => type.GetElementType().FullName;
}
