namespace TrajectoryBuild.Rewards.Outcome;

/// <summary>The reward for a trajectory's final result, with the pass fractions it was computed from.</summary>
/// <param name="Reward">The reward (see <see cref="OutcomeRules"/>).</param>
/// <param name="Resolved">Whether Evaluate resolved the task.</param>
/// <param name="FailToPass">FAIL_TO_PASS tests passing / FAIL_TO_PASS tests, or null when there are none (or the patch was filtered).</param>
/// <param name="PassToPass">PASS_TO_PASS tests passing / PASS_TO_PASS tests, or null when there are none (or the patch was filtered).</param>
/// <param name="Evidence">Why the reward is what it is, in one line.</param>
public sealed record OutcomeReward(double Reward, bool Resolved, double? FailToPass, double? PassToPass, string Evidence)
{
    /// <summary>The outcome reward of <paramref name="evaluation"/> under <paramref name="rules"/>.</summary>
    public static OutcomeReward Of(EvaluationFacts evaluation, OutcomeRules rules)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        ArgumentNullException.ThrowIfNull(rules);
        if (evaluation.IsFiltered)
        {
            return new(rules.Unresolved, false, null, null, $"filtered before any test ran ({evaluation.FilterReason ?? "no reason given"})");
        }

        var failToPass = Fraction(evaluation.FailToPassPassed.Count, evaluation.FailToPassFailed.Count);
        var passToPass = Fraction(evaluation.PassToPassPassed.Count, evaluation.PassToPassFailed.Count);
        var tests = $"FAIL_TO_PASS {Count(evaluation.FailToPassPassed.Count, evaluation.FailToPassFailed.Count)}, PASS_TO_PASS {Count(evaluation.PassToPassPassed.Count, evaluation.PassToPassFailed.Count)}";
        if (evaluation.Resolved)
        {
            return new(rules.Resolved, true, failToPass, passToPass, $"resolved: {tests}");
        }

        // A patch that breaks a kept test earns no credit for progress on the targets: otherwise fixing every target while
        // breaking the rest would score like a resolved run.
        if (rules.PartialCredit && failToPass is { } share && evaluation.PassToPassFailed.Count == 0)
        {
            var reward = Math.Round(rules.Unresolved + ((rules.Resolved - rules.Unresolved) * share), 6);
            return new(reward, false, failToPass, passToPass, $"unresolved, partial credit for the FAIL_TO_PASS share: {tests}");
        }

        var why = rules.PartialCredit && evaluation.PassToPassFailed.Count > 0 ? ", no partial credit (a PASS_TO_PASS test broke)" : "";
        return new(rules.Unresolved, false, failToPass, passToPass, $"unresolved{why}: {tests}");
    }

    private static double? Fraction(int passed, int failed) => passed + failed == 0 ? null : Math.Round(passed / (double)(passed + failed), 6);

    private static string Count(int passed, int failed) => $"{passed}/{passed + failed} pass";
}
