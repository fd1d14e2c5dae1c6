using TrajectoryBuild.Verification.Gate;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>
/// 5. Incomplete verification: some target (FAIL_TO_PASS) tests pass but not all, the targets pass but existing tests
/// broke, or the agent ran no test after its last edit.
/// </summary>
internal static class IncompleteVerificationDetector
{
    public static DetectorFinding? Detect(TaggingContext context)
    {
        var evidence = new List<string>();
        var evaluation = context.Facts.Evaluation;
        var passed = evaluation.FailToPassPassed.Count;
        var total = passed + evaluation.FailToPassFailed.Count;
        if (passed > 0 && evaluation.FailToPassFailed.Count > 0)
        {
            evidence.Add($"{passed} of {total} target tests pass; failing: {Tests(evaluation.FailToPassFailed)}");
        }
        else if (total > 0 && passed == total && evaluation.PassToPassFailed.Count > 0)
        {
            evidence.Add($"all {total} target tests pass, but {evaluation.PassToPassFailed.Count} existing tests broke: {Tests(evaluation.PassToPassFailed)}");
        }

        if (UntestedEdit(context) is { } untested)
        {
            evidence.Add(untested);
        }

        return evidence.Count == 0 ? null : TaggingContext.Finding(FailureClass.IncompleteVerification, evidence);
    }

    private static string? UntestedEdit(TaggingContext context)
    {
        var steps = context.Steps;
        for (var i = steps.Count - 1; i >= 0; i--)
        {
            var calls = steps[i].ToolCalls;
            var lastEdit = calls.Select((c, k) => (c, k)).LastOrDefault(x => TurnActions.IsEdit(x.c), (null!, -1)).Item2;
            if (lastEdit < 0)
            {
                if (calls.Any(TurnActions.RunsTests))
                {
                    return null;
                }

                continue;
            }

            return calls.Skip(lastEdit + 1).Any(TurnActions.RunsTests)
                ? null
                : $"no test run after the last edit ({context.StepName(i)}: `{StepActions.Short(StepActions.Describe(calls[lastEdit]), 60)}`)";
        }

        return null;
    }

    private static string Tests(IReadOnlyList<string> tests) =>
        tests.Count <= 3 ? string.Join(", ", tests) : $"{string.Join(", ", tests.Take(3))} and {tests.Count - 3} more";
}
