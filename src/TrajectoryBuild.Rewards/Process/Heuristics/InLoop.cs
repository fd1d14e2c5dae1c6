namespace TrajectoryBuild.Rewards.Process.Heuristics;

/// <summary>
/// <c>in_loop</c>: -1 on the steps of a detected loop after its first pass: the same action seeing the same observation
/// <see cref="MinRepeats"/> or more times in a row, or two actions alternating A-B-A-B (each with its same observation).
/// The first pass is not labeled: it was new when the agent took it.
/// </summary>
internal sealed class InLoop : IStepHeuristic
{
    /// <summary>How many identical steps in a row make a loop.</summary>
    public const int MinRepeats = 3;

    public string Name => "in_loop";

    public IReadOnlyDictionary<int, StepSignal> Label(TrajectoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var steps = facts.Trajectory.Steps;
        var keys = steps.Select(s => $"{StepActions.Signature(s)}\n{StepActions.ObservationKey(s)}").ToList();
        var signals = new SortedDictionary<int, StepSignal>();
        Mark(steps.Select(s => s.Index).ToList(), keys, period: 1, minLength: MinRepeats, "repeats the same action and observation", signals);
        Mark(steps.Select(s => s.Index).ToList(), keys, period: 2, minLength: 4, "alternates A-B-A-B", signals);
        return signals;
    }

    // A step "continues" a loop of period p when it equals the step p before it (and, for p = 2, differs from the one
    // before it). A maximal stretch of continuing steps a..b spans steps a-p..b; when that is long enough, a..b are marked.
    private void Mark(List<int> indices, List<string> keys, int period, int minLength, string what, SortedDictionary<int, StepSignal> signals)
    {
        bool Continues(int i) => i >= period && i < keys.Count && keys[i] == keys[i - period] && (period == 1 || keys[i] != keys[i - 1]);
        for (var a = 0; a < keys.Count; a++)
        {
            if (!Continues(a))
            {
                continue;
            }

            var b = a;
            while (Continues(b + 1))
            {
                b++;
            }

            if (b - a + 1 + period >= minLength)
            {
                for (var j = a; j <= b; j++)
                {
                    signals.TryAdd(indices[j], StepSignal.Heuristic(Name, -1,
                        $"step {indices[j]}: inside a loop over steps {indices[a - period]}-{indices[b]} that {what}"));
                }
            }

            a = b;
        }
    }
}
