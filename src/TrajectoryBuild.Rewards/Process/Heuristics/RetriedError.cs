namespace TrajectoryBuild.Rewards.Process.Heuristics;

/// <summary>
/// <c>retried_error</c>: -1 on a step that repeats, identically (same tool and arguments), a call that errored in the step
/// just before it (a tool error, unreadable arguments, a non-zero exit code); a chain of retries is labeled throughout.
/// </summary>
internal sealed class RetriedError : IStepHeuristic
{
    public string Name => "retried_error";

    public IReadOnlyDictionary<int, StepSignal> Label(TrajectoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var signals = new SortedDictionary<int, StepSignal>();
        var steps = facts.Trajectory.Steps;
        for (var i = 1; i < steps.Count; i++)
        {
            var before = steps[i - 1];
            var failed = before.ToolCalls
                .Select(c => (Signature: StepActions.CallSignature(c), Why: StepActions.Errored(before, c)))
                .Where(f => f.Why is not null)
                .ToList();
            var retry = steps[i].ToolCalls
                .Select(StepActions.CallSignature)
                .Select(s => failed.FirstOrDefault(f => f.Signature == s))
                .FirstOrDefault(f => f.Why is not null);
            if (retry.Why is not null)
            {
                signals[steps[i].Index] = StepSignal.Heuristic(Name, -1,
                    $"step {steps[i].Index}: retries step {before.Index}'s call unchanged after it errored ({retry.Why}): {StepActions.Shorten(retry.Signature, 80)}");
            }
        }

        return signals;
    }
}
