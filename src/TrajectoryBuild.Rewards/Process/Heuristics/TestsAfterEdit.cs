namespace TrajectoryBuild.Rewards.Process.Heuristics;

/// <summary>
/// <c>tests_after_edit</c>: +1 on a test run that follows an edit (the edit may be in the same step, before the run); 0 on a
/// test run with no edit since the previous run (or before any edit): checking again without a change proves nothing new.
/// </summary>
internal sealed class TestsAfterEdit : IStepHeuristic
{
    public string Name => "tests_after_edit";

    public IReadOnlyDictionary<int, StepSignal> Label(TrajectoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var signals = new SortedDictionary<int, StepSignal>();
        int? lastEdit = null;
        int? lastRun = null;
        foreach (var step in facts.Trajectory.Steps)
        {
            if (step.ToolCalls.Any(StepActions.IsEdit))
            {
                lastEdit = step.Index;
            }

            if (!StepActions.RunsTests(step))
            {
                continue;
            }

            signals[step.Index] = lastEdit is { } edit && (lastRun is null || edit > lastRun)
                ? StepSignal.Heuristic(Name, 1, $"step {step.Index}: runs the tests after the edit at step {edit}")
                : StepSignal.Heuristic(Name, 0, lastRun is { } run
                    ? $"step {step.Index}: runs the tests with no edit since the run at step {run}"
                    : $"step {step.Index}: runs the tests before any edit");
            lastRun = step.Index;
        }

        return signals;
    }
}
