using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Verification.Gate;

/// <summary>
/// How per-turn scores become one trajectory score and an accept/reject decision: the same rule for the gate's scores and
/// for human labels, so the two can be compared.
/// <list type="bullet">
/// <item>A turn's quality is the mean over its scored axes of <c>(score - 1) / 2</c>: 0 (all worst) to 1 (all best).</item>
/// <item>The trajectory score is <c>0.5 x outcome + 0.5 x mean turn quality</c>, outcome 1 when Evaluate resolved the task,
/// else 0; halved when any turn has an unsafe edit (<c>unsafe_edits</c> = 1).</item>
/// <item>Accepted when the score reaches the threshold and no turn is unsafe.</item>
/// </list>
/// A trajectory with no scored turn has quality 0.5 (no evidence either way).
/// </summary>
public static class Verdict
{
    /// <summary>The quality of one turn, or null when no axis is scored.</summary>
    public static double? TurnQuality(TurnScores scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var scored = scores.Values.Where(v => v is not null).Select(v => (v!.Value - Axes.Min) / (double)(Axes.Max - Axes.Min)).ToList();
        return scored.Count == 0 ? null : scored.Average();
    }

    /// <summary>The mean quality of the scored turns, 0.5 when none is scored.</summary>
    public static double Quality(IEnumerable<TurnScores> turns)
    {
        var qualities = turns.Select(TurnQuality).Where(q => q is not null).Select(q => q!.Value).ToList();
        return qualities.Count == 0 ? 0.5 : qualities.Average();
    }

    /// <summary>Whether any turn has an unsafe edit.</summary>
    public static bool HasUnsafeEdit(IEnumerable<TurnScores> turns) => turns.Any(t => t[Axes.UnsafeEdits] == Axes.Min);

    /// <summary>The trajectory score (0..1, rounded to 6 decimals so it is byte-stable in files).</summary>
    public static double Score(IReadOnlyList<TurnScores> turns, bool resolved)
    {
        var score = (0.5 * (resolved ? 1 : 0)) + (0.5 * Quality(turns));
        return Math.Round(HasUnsafeEdit(turns) ? score / 2 : score, 6);
    }

    /// <summary>Whether a trajectory with these turns and <paramref name="score"/> is accepted.</summary>
    public static bool Accept(IReadOnlyList<TurnScores> turns, double score, double threshold) => score >= threshold && !HasUnsafeEdit(turns);
}
