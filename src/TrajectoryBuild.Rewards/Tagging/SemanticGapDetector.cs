using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Rewards.Tagging;

/// <summary>
/// 6. Semantic gap: the rest; always fires. Confirmed when a verified turn (the gate's or a person's) scored
/// <c>relevance</c> or <c>factual_grounding</c> at the lowest level.
/// </summary>
internal static class SemanticGapDetector
{
    public static (DetectorFinding Finding, bool Confirmed) Detect(TaggingContext context)
    {
        var evaluation = context.Facts.Evaluation;
        var evidence = new List<string>
        {
            $"no earlier detector fired; {evaluation.FailToPassFailed.Count} of {evaluation.FailToPassPassed.Count + evaluation.FailToPassFailed.Count} target tests still fail",
        };
        var low = context.Facts.Turns
            .SelectMany(t => new[] { Axes.Relevance, Axes.FactualGrounding }
                .Where(axis => t.Scores[axis] == Axes.Min)
                .Select(axis => $"turn {t.Turn} ({t.Source}): {axis} {Axes.Min}"))
            .ToList();
        evidence.AddRange(low.Take(5));
        if (low.Count > 5)
        {
            evidence.Add($"and {low.Count - 5} more low scores");
        }

        return (TaggingContext.Finding(FailureClass.SemanticGap, evidence), low.Count > 0);
    }
}
