using TrajectoryBuild.Verification.Gate;

namespace TrajectoryBuild.Rewards.Process;

/// <summary>
/// The human source: a turn a person scored (stage 5's human or adjudicated turns) gives a soft score equal to its
/// <see cref="Verdict.TurnQuality"/>, and a label +1 at or above <see cref="Good"/>, -1 at or below <see cref="Bad"/>, else 0.
/// </summary>
public static class HumanLabels
{
    /// <summary>The quality from which a turn is labeled +1.</summary>
    public const double Good = 0.75;

    /// <summary>The quality up to which a turn is labeled -1.</summary>
    public const double Bad = 0.25;

    /// <summary>The human signals of <paramref name="facts"/>, keyed by step index (turns with no scored axis give none).</summary>
    public static IReadOnlyDictionary<int, StepSignal> Of(TrajectoryFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var signals = new SortedDictionary<int, StepSignal>();
        foreach (var turn in facts.Turns.Where(t => t.IsHuman))
        {
            if (Verdict.TurnQuality(turn.Scores) is { } quality)
            {
                var label = quality >= Good ? 1 : quality <= Bad ? -1 : 0;
                var scores = string.Join(", ", turn.Scores.Values.Select(v => v?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"));
                signals[turn.Turn] = new(ProcessSources.Human, "turn_quality", label, Math.Round(quality, 6),
                    $"step {turn.Turn}: {turn.Source} scores ({scores}) give quality {quality:0.###}");
            }
        }

        return signals;
    }
}
