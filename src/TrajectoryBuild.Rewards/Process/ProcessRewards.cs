namespace TrajectoryBuild.Rewards.Process;

/// <summary>
/// Combines the sources by the rule set: for each step, the first source in <see cref="ProcessRules.Sources"/> with an
/// opinion gives the label and score; every source's signal is kept as evidence.
/// <list type="bullet">
/// <item><c>human</c> has an opinion on every turn a person scored (<see cref="HumanLabels"/>).</item>
/// <item><c>heuristics</c> has one when an enabled heuristic fired with a non-zero label: the label is the sign of the sum
/// of the fired labels, the score <c>0.5 + 0.5 x mean label</c> (zero labels count in the mean).</item>
/// <item><c>monte_carlo</c> has one when enough rollouts share the step's prefix (<see cref="MonteCarlo"/>).</item>
/// <item>No opinion: label 0, score 0.5, source <c>none</c>.</item>
/// </list>
/// </summary>
public static class ProcessRewards
{
    /// <summary>The process reward of every step of <paramref name="facts"/>.</summary>
    /// <param name="facts">The trajectory and what is known about it.</param>
    /// <param name="rules">The rule set (validated).</param>
    /// <param name="monteCarlo">This trajectory's Monte-Carlo signals (from <see cref="MonteCarlo.Estimate"/>), or null when it has no sibling rollouts.</param>
    public static IReadOnlyList<StepReward> Label(TrajectoryFacts facts, ProcessRules rules, IReadOnlyDictionary<int, StepSignal>? monteCarlo = null)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join("\n", errors), nameof(rules));
        }

        var human = HumanLabels.Of(facts);
        var heuristics = rules.Heuristics.Select(n => StepHeuristics.Find(n)!.Label(facts)).ToList();
        var steps = new List<StepReward>();
        foreach (var step in facts.Trajectory.Steps)
        {
            var bySource = new Dictionary<string, IReadOnlyList<StepSignal>>(StringComparer.Ordinal)
            {
                [ProcessSources.Human] = human.TryGetValue(step.Index, out var h) ? [h] : [],
                [ProcessSources.Heuristics] = [.. heuristics.Select(d => d.GetValueOrDefault(step.Index)).OfType<StepSignal>()],
                [ProcessSources.MonteCarlo] = monteCarlo?.TryGetValue(step.Index, out var m) == true ? [m] : [],
            };
            var signals = rules.Sources.SelectMany(s => bySource[s]).ToList();
            var decided = rules.Sources.Select(s => Decide(s, bySource[s])).FirstOrDefault(d => d is not null);
            steps.Add(decided is { } d
                ? new StepReward(step.Index, d.Label, d.Score, d.Source, signals)
                : new StepReward(step.Index, 0, 0.5, ProcessSources.None, signals));
        }

        return steps;
    }

    private static StepSignal? Decide(string source, IReadOnlyList<StepSignal> signals)
    {
        if (source != ProcessSources.Heuristics)
        {
            return signals.Count > 0 ? signals[0] : null;
        }

        if (!signals.Any(s => s.Label != 0))
        {
            return null;
        }

        var sum = signals.Sum(s => s.Label);
        var score = Math.Round(0.5 + (0.5 * signals.Average(s => s.Label)), 6);
        return new(source, string.Join("+", signals.Select(s => s.Name)), Math.Sign(sum), score, "");
    }
}
