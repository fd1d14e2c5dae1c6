using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Graph;

/// <summary>
/// An immutable, validated graph of targets in a deterministic topological order (stage order, then id).
/// Upstream references to targets outside the graph are allowed only when <c>external</c> says they exist
/// (targets built in an earlier round of the same build).
/// </summary>
public sealed class TargetGraph
{
    private readonly Lazy<Dictionary<string, TargetSpec>> _byId;
    private readonly Lazy<Dictionary<string, List<string>>> _downstream;

    private TargetGraph(Dictionary<string, TargetSpec> byId, TargetSpec[] targets, int[][] upstream, IReadOnlyList<TargetSpec> order)
    {
        _byId = new Lazy<Dictionary<string, TargetSpec>>(byId);
        _downstream = new Lazy<Dictionary<string, List<string>>>(() => Downstream(targets, upstream));
        Order = order;
    }

    private TargetGraph(IReadOnlyList<TargetSpec> order)
    {
        _byId = new Lazy<Dictionary<string, TargetSpec>>(() => order.ToDictionary(t => t.Id, StringComparer.Ordinal));
        _downstream = new Lazy<Dictionary<string, List<string>>>(() =>
        {
            var indexOf = order.Select((t, i) => (t.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.Ordinal);
            return Downstream([.. order], [.. order.Select(t => t.Upstream.Select(u => indexOf[u.TargetId]).Distinct().ToArray())]);
        });
        Order = order;
    }

    /// <summary>Every target, upstream before downstream.</summary>
    public IReadOnlyList<TargetSpec> Order { get; }

    /// <summary>The target with this id.</summary>
    public TargetSpec this[string id] => _byId.Value[id];

    /// <summary>True when the graph holds <paramref name="id"/>.</summary>
    public bool Contains(string id) => _byId.Value.ContainsKey(id);

    /// <summary>Targets that read <paramref name="id"/>'s outputs.</summary>
    public IReadOnlyList<string> DownstreamOf(string id) => _downstream.Value.TryGetValue(id, out var d) ? d : [];

    /// <summary>
    /// The graph of targets already in the order <see cref="Create"/> gives them: the same ids, stages and upstream
    /// references as a graph <see cref="Create"/> validated and ordered (a plan's base), so neither is done again.
    /// </summary>
    internal static TargetGraph OfValidatedOrder(IReadOnlyList<TargetSpec> order) => new(order ?? throw new ArgumentNullException(nameof(order)));

    /// <summary>Validates <paramref name="targets"/> and orders them; <paramref name="stageOrder"/> ranks stages.</summary>
    /// <exception cref="GraphException">A duplicate id, an unknown upstream, an upstream in a later stage, or a cycle.</exception>
    public static TargetGraph Create(IEnumerable<TargetSpec> targets, IReadOnlyList<string> stageOrder, Func<string, bool>? external = null)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(stageOrder);
        var rankOf = stageOrder.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var list = targets as IReadOnlyCollection<TargetSpec> ?? targets.ToList();
        var byId = new Dictionary<string, TargetSpec>(list.Count, StringComparer.Ordinal);
        var indexOf = new Dictionary<string, int>(list.Count, StringComparer.Ordinal);
        var all = new TargetSpec[list.Count];
        var rank = new int[list.Count];
        foreach (var target in list)
        {
            if (!rankOf.TryGetValue(target.Stage, out var stageRank))
            {
                throw new GraphException($"target {target.Id} names stage '{target.Stage}', which is not in the pipeline ({string.Join(", ", stageOrder)})");
            }

            if (!byId.TryAdd(target.Id, target))
            {
                throw new GraphException($"target {target.Id} is declared twice");
            }

            rank[indexOf.Count] = stageRank;
            all[indexOf.Count] = target;
            indexOf.Add(target.Id, indexOf.Count);
        }

        // Each target's upstream targets in the graph, once each, in the order it names them: seenBy[u] is the last
        // target (plus one) that listed u, so a repeat is dropped in O(1) however long the list (a dataset's report
        // reads every trajectory).
        var upstream = new int[all.Length][];
        var seenBy = new int[all.Length];
        var ups = new List<int>();
        for (var t = 0; t < all.Length; t++)
        {
            var target = all[t];
            ups.Clear();
            foreach (var reference in target.Upstream)
            {
                var up = reference.TargetId;
                if (indexOf.TryGetValue(up, out var u))
                {
                    if (seenBy[u] == t + 1)
                    {
                        continue;
                    }

                    if (rank[u] > rank[t])
                    {
                        throw new GraphException($"target {target.Id} reads {up}, which belongs to a later stage ({all[u].Stage} runs after {target.Stage})");
                    }

                    seenBy[u] = t + 1;
                    ups.Add(u);
                }
                else if (external is null || !external(up))
                {
                    throw new GraphException($"target {target.Id} reads {up}, which no stage declares");
                }
            }

            upstream[t] = [.. ups];
        }

        var order = TopologicalOrder(all, rank, upstream);
        return new TargetGraph(byId, all, upstream, order);
    }

    private static List<TargetSpec> TopologicalOrder(TargetSpec[] all, int[] rank, int[][] upstream)
    {
        // Iterative DFS (O(V+E)) over targets sorted by (stage rank, id) so the order is deterministic.
        var sorted = new int[all.Length];
        for (var i = 0; i < sorted.Length; i++)
        {
            sorted[i] = i;
        }

        Array.Sort(sorted, (x, y) => rank[x] != rank[y] ? rank[x].CompareTo(rank[y]) : string.CompareOrdinal(all[x].Id, all[y].Id));
        var state = new byte[all.Length]; // 1 = on the stack, 2 = done
        var order = new List<TargetSpec>(all.Length);
        var stack = new Stack<(int Target, int Next)>();
        foreach (var root in sorted)
        {
            if (state[root] != 0)
            {
                continue;
            }

            stack.Push((root, 0));
            state[root] = 1;
            while (stack.Count > 0)
            {
                var (target, next) = stack.Pop();
                var ups = upstream[target];
                if (next < ups.Length)
                {
                    stack.Push((target, next + 1));
                    var up = ups[next];
                    if (state[up] == 0)
                    {
                        state[up] = 1;
                        stack.Push((up, 0));
                    }
                    else if (state[up] == 1)
                    {
                        var path = stack.Select(f => all[f.Target].Id).Reverse().SkipWhile(id => id != all[up].Id).Append(all[up].Id);
                        throw new GraphException($"dependency cycle: {string.Join(" -> ", path)}");
                    }

                    continue;
                }

                state[target] = 2;
                order.Add(all[target]);
            }
        }

        return order;
    }

    private static Dictionary<string, List<string>> Downstream(TargetSpec[] all, int[][] upstream)
    {
        var downstream = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var t = 0; t < all.Length; t++)
        {
            foreach (var up in upstream[t])
            {
                if (!downstream.TryGetValue(all[up].Id, out var list))
                {
                    downstream[all[up].Id] = list = [];
                }

                list.Add(all[t].Id);
            }
        }

        return downstream;
    }
}
