namespace TrajectoryBuild.Verification.Labels;

/// <summary>
/// The labels of one trajectory that the build uses, per turn and axis: a reviewer's adjudication where there is one,
/// else the annotators' lower median (with two annotators, the lower score: a turn is only as good as its strictest
/// reader says). Drafts (not submitted) and gold reference labels do not count.
/// </summary>
public static class Consensus
{
    /// <summary>Turn index to (scores, source), for the turns anyone scored; source is <c>adjudicated</c> or <c>human</c>.</summary>
    public static IReadOnlyDictionary<int, (TurnScores Scores, string Source)> Of(IEnumerable<TrajectoryAnnotation> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        var counted = annotations.Where(a => a.Submitted && a.Kind != AnnotationKind.Gold).ToList();
        var adjudicated = counted.Where(a => a.Kind == AnnotationKind.Adjudicated).SelectMany(a => a.Turns).ToDictionary(t => t.Turn, t => t.Scores);
        var human = counted.Where(a => a.Kind == AnnotationKind.Human).SelectMany(a => a.Turns).GroupBy(t => t.Turn).ToDictionary(g => g.Key, g => g.Select(t => t.Scores).ToList());
        var result = new SortedDictionary<int, (TurnScores, string)>();
        foreach (var turn in adjudicated.Keys.Union(human.Keys))
        {
            var values = new int?[Axes.All.Count];
            var source = "human";
            for (var axis = 0; axis < values.Length; axis++)
            {
                if (adjudicated.TryGetValue(turn, out var decided) && decided[axis] is { } d)
                {
                    values[axis] = d;
                    source = "adjudicated";
                    continue;
                }

                var scores = human.GetValueOrDefault(turn, []).Select(s => s[axis]).Where(v => v is not null).Select(v => v!.Value).Order().ToList();
                values[axis] = scores.Count == 0 ? null : scores[(scores.Count - 1) / 2];
            }

            result[turn] = (new TurnScores(values), source);
        }

        return result;
    }
}
