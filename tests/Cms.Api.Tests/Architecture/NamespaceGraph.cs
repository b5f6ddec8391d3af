using System.Reflection;
using System.Reflection.Emit;

namespace Cms.Api.Tests.Architecture;

/// <summary>
/// Which of the service's namespaces use which, read from the compiled assembly: every type's base, interfaces,
/// members' signatures and the types, methods and fields its IL names (so lambdas and async methods count too).
/// </summary>
public sealed class NamespaceGraph
{
    private static readonly Dictionary<short, OperandType> Operands = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value, o => o.OperandType);

    private readonly Dictionary<string, Dictionary<string, string>> _edges = [];

    private NamespaceGraph(Assembly assembly, string prefix)
    {
        foreach (var type in assembly.GetTypes().Where(t => Ours(t, prefix)))
        {
            var from = type.Namespace!;
            void Use(Type? used, string how)
            {
                foreach (var t in Flatten(used))
                {
                    if (Ours(t, prefix) && t.Namespace != from)
                    {
                        var targets = _edges.TryGetValue(from, out var found) ? found : _edges[from] = [];
                        targets.TryAdd(t.Namespace!, $"{type.FullName} {how} {t.FullName}");
                    }
                }
            }

            Use(type.BaseType, "derives from");
            foreach (var i in type.GetInterfaces())
            {
                Use(i, "implements");
            }

            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
            foreach (var field in type.GetFields(all))
            {
                Use(field.FieldType, "has a field of");
            }

            foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
            {
                if (method is MethodInfo info)
                {
                    Use(info.ReturnType, "returns");
                }

                foreach (var parameter in method.GetParameters())
                {
                    Use(parameter.ParameterType, "takes");
                }

                foreach (var used in UsedBy(method))
                {
                    Use(used, "uses");
                }
            }
        }
    }

    public static NamespaceGraph Of(Assembly assembly, string prefix) => new(assembly, prefix);

    /// <summary>Each cycle (a strongly connected group of namespaces), with one reason per edge inside it.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var group in StronglyConnected().Where(g => g.Count > 1))
        {
            cycles.Add(group.SelectMany(from => _edges[from].Where(e => group.Contains(e.Key)).Select(e => $"{from} -> {e.Key}: {e.Value}")).ToList());
        }

        return cycles;
    }

    public IEnumerable<string> Namespaces => _edges.Keys;

    public IEnumerable<string> UsedBy(string ns) => _edges.TryGetValue(ns, out var targets) ? targets.Keys : [];

    public string Why(string from, string to) => _edges[from][to];

    private static bool Ours(Type t, string prefix) => t.Namespace is { } ns && (ns == prefix || ns.StartsWith(prefix + ".", StringComparison.Ordinal));

    private static IEnumerable<Type> Flatten(Type? type)
    {
        if (type is null)
        {
            yield break;
        }

        if (type.HasElementType)
        {
            foreach (var t in Flatten(type.GetElementType()))
            {
                yield return t;
            }

            yield break;
        }

        if (type.IsGenericParameter)
        {
            yield break;
        }

        yield return type.IsGenericType ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments().SelectMany(Flatten))
            {
                yield return argument;
            }
        }
    }

    /// <summary>The types whose members or tokens a method body names.</summary>
    private static IEnumerable<Type> UsedBy(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            short code = il[at++];
            if (code == 0xFE)
            {
                code = (short)(0xFE00 | il[at++]);
            }

            var operand = Operands[code];
            if (operand is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok)
            {
                var token = BitConverter.ToInt32(il, at);
                foreach (var used in Resolve(method, token, typeArguments, methodArguments))
                {
                    yield return used;
                }
            }

            at += operand switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, at),
                _ => 4,
            };
        }
    }

    private static IEnumerable<Type> Resolve(MethodBase method, int token, Type[]? typeArguments, Type[]? methodArguments)
    {
        MemberInfo? member;
        try
        {
            member = method.Module.ResolveMember(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            return [];
        }

        var generic = member is MethodInfo { IsGenericMethod: true } called ? called.GetGenericArguments() : [];
        return member switch
        {
            Type type => [type],
            { DeclaringType: { } declaring } => [declaring, .. generic],
            _ => generic,
        };
    }

    private List<HashSet<string>> StronglyConnected()
    {
        var nodes = _edges.Keys.Concat(_edges.Values.SelectMany(v => v.Keys)).Distinct().ToList();
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var groups = new List<HashSet<string>>();
        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            onStack.Add(node);
            foreach (var next in UsedBy(node))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (onStack.Contains(next) && index.TryGetValue(next, out var seen))
                {
                    low[node] = Math.Min(low[node], seen);
                }
            }

            if (low[node] == index[node])
            {
                var group = new HashSet<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                }
                while (member != node);
                groups.Add(group);
            }
        }

        foreach (var node in nodes.Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }

        return groups;
    }
}
