using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Graph;

/// <summary>
/// An immutable, validated graph of targets in a deterministic topological order (stage order, then id).
/// Upstream references to targets outside the graph are allowed only when <c>external</c> says they exist
/// (targets built in an earlier round of the same build).
/// </summary>
public sealed class TargetGraph
{
    private readonly Dictionary<string, TargetSpec> _byId;
    private readonly Dictionary<string, List<string>> _downstream;

    private TargetGraph(Dictionary<string, TargetSpec> byId, Dictionary<string, List<string>> downstream, IReadOnlyList<TargetSpec> order)
    {
        _byId = byId;
        _downstream = downstream;
        Order = order;
    }

    /// <summary>Every target, upstream before downstream.</summary>
    public IReadOnlyList<TargetSpec> Order { get; }

    /// <summary>The target with this id.</summary>
    public TargetSpec this[string id] => _byId[id];

    /// <summary>True when the graph holds <paramref name="id"/>.</summary>
    public bool Contains(string id) => _byId.ContainsKey(id);

    /// <summary>Targets that read <paramref name="id"/>'s outputs.</summary>
    public IReadOnlyList<string> DownstreamOf(string id) => _downstream.TryGetValue(id, out var d) ? d : [];

    /// <summary>Validates <paramref name="targets"/> and orders them; <paramref name="stageOrder"/> ranks stages.</summary>
    /// <exception cref="GraphException">A duplicate id, an unknown upstream, an upstream in a later stage, or a cycle.</exception>
    public static TargetGraph Create(IEnumerable<TargetSpec> targets, IReadOnlyList<string> stageOrder, Func<string, bool>? external = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(stageOrder);
        var rank = stageOrder.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var byId = new Dictionary<string, TargetSpec>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            if (!rank.ContainsKey(target.Stage))
            {
                throw new GraphException($"target {target.Id} names stage '{target.Stage}', which is not in the pipeline ({string.Join(", ", stageOrder)})");
            }

            if (!byId.TryAdd(target.Id, target))
            {
                throw new GraphException($"target {target.Id} is declared twice");
            }
        }

        var downstream = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var target in byId.Values)
        {
            foreach (var up in target.Upstream.Select(u => u.TargetId).Distinct(StringComparer.Ordinal))
            {
                if (byId.TryGetValue(up, out var upTarget))
                {
                    if (rank[upTarget.Stage] > rank[target.Stage])
                    {
                        throw new GraphException($"target {target.Id} reads {up}, which belongs to a later stage ({upTarget.Stage} runs after {target.Stage})");
                    }

                    if (!downstream.TryGetValue(up, out var list))
                    {
                        downstream[up] = list = [];
                    }

                    list.Add(target.Id);
                }
                else if (external is null || !external(up))
                {
                    throw new GraphException($"target {target.Id} reads {up}, which no stage declares");
                }
            }
        }

        var order = TopologicalOrder(byId, rank);
        return new TargetGraph(byId, downstream, order);
    }

    private static List<TargetSpec> TopologicalOrder(Dictionary<string, TargetSpec> byId, Dictionary<string, int> rank)
    {
        // Iterative DFS (O(V+E)) over targets sorted by (stage rank, id) so the order is deterministic.
        var sorted = byId.Values.OrderBy(t => rank[t.Stage]).ThenBy(t => t.Id, StringComparer.Ordinal).ToList();
        var state = new Dictionary<string, byte>(StringComparer.Ordinal); // 1 = on the stack, 2 = done
        var order = new List<TargetSpec>(byId.Count);
        foreach (var root in sorted)
        {
            if (state.ContainsKey(root.Id))
            {
                continue;
            }

            // Each frame keeps its target's upstream list, built once: rebuilding it on every visit made a target
            // with n upstream targets (a dataset report) cost O(n^2).
            var stack = new Stack<(TargetSpec Target, List<string> Ups, int Next)>();
            stack.Push((root, UpstreamIn(root, byId), 0));
            state[root.Id] = 1;
            while (stack.Count > 0)
            {
                var (target, ups, next) = stack.Pop();
                if (next < ups.Count)
                {
                    stack.Push((target, ups, next + 1));
                    var up = ups[next];
                    if (!state.TryGetValue(up, out var s))
                    {
                        state[up] = 1;
                        stack.Push((byId[up], UpstreamIn(byId[up], byId), 0));
                    }
                    else if (s == 1)
                    {
                        var path = stack.Select(f => f.Target.Id).Reverse().SkipWhile(id => id != up).Append(up);
                        throw new GraphException($"dependency cycle: {string.Join(" -> ", path)}");
                    }

                    continue;
                }

                state[target.Id] = 2;
                order.Add(target);
            }
        }

        return order;
    }

    private static List<string> UpstreamIn(TargetSpec target, Dictionary<string, TargetSpec> byId) =>
        target.Upstream.Select(u => u.TargetId).Where(byId.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
}
