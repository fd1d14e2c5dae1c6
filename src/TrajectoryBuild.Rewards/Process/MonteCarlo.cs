namespace TrajectoryBuild.Rewards.Process;

/// <summary>
/// The Monte-Carlo source, where several rollouts of one task share a prefix: for step k of a trajectory, the fraction of
/// the task's trajectories whose first k + 1 actions (tool name and canonical arguments) equal its own that resolve,
/// counted only when at least <c>minRollouts</c> share the prefix. Label +1 above one half, -1 below, 0 at exactly one half.
/// </summary>
public static class MonteCarlo
{
    /// <summary>The signal's name.</summary>
    public const string SignalName = "shared_prefix";

    /// <summary>The signals of every rollout of one task, keyed by trajectory id, then by step index.</summary>
    /// <exception cref="ArgumentException">Two rollouts share a trajectory id.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyDictionary<int, StepSignal>> Estimate(IReadOnlyList<RolloutOutcome> rollouts, int minRollouts = 2)
    {
        ArgumentNullException.ThrowIfNull(rollouts);
        ArgumentOutOfRangeException.ThrowIfLessThan(minRollouts, 1);
        if (rollouts.GroupBy(r => r.TrajectoryId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ArgumentException($"trajectory '{twice.Key}' is listed twice", nameof(rollouts));
        }

        var root = new Node();
        var paths = rollouts.Select(r => r.Trajectory.Steps.Select(StepActions.Signature).ToList()).ToList();
        for (var r = 0; r < rollouts.Count; r++)
        {
            var node = root;
            foreach (var action in paths[r])
            {
                node = node.Child(action);
                node.Count++;
                node.Resolved += rollouts[r].Resolved ? 1 : 0;
            }
        }

        var result = new SortedDictionary<string, IReadOnlyDictionary<int, StepSignal>>(StringComparer.Ordinal);
        for (var r = 0; r < rollouts.Count; r++)
        {
            var signals = new SortedDictionary<int, StepSignal>();
            var node = root;
            var steps = rollouts[r].Trajectory.Steps;
            for (var k = 0; k < steps.Count; k++)
            {
                node = node.Child(paths[r][k]);
                if (node.Count < minRollouts)
                {
                    break;
                }

                var fraction = node.Resolved / (double)node.Count;
                var label = fraction > 0.5 ? 1 : fraction < 0.5 ? -1 : 0;
                signals[steps[k].Index] = new(ProcessSources.MonteCarlo, SignalName, label, Math.Round(fraction, 6),
                    $"step {steps[k].Index}: {node.Resolved} of {node.Count} rollouts sharing the first {k + 1} actions resolve");
            }

            result[rollouts[r].TrajectoryId] = signals;
        }

        return result;
    }

    private sealed class Node
    {
        private readonly Dictionary<string, Node> _children = new(StringComparer.Ordinal);

        public int Count { get; set; }

        public int Resolved { get; set; }

        public Node Child(string action)
        {
            if (!_children.TryGetValue(action, out var child))
            {
                child = new Node();
                _children[action] = child;
            }

            return child;
        }
    }
}
