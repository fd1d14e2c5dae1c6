using TrajectoryBuild.Annotation.Store;

namespace TrajectoryBuild.Annotation.Web;

/// <summary>An item two or more annotators submitted and scored differently somewhere.</summary>
internal sealed record Disagreement(long ItemId, string TrajectoryId, IReadOnlyList<string> Annotators, int Cells, int AdjudicatedCells)
{
    /// <summary>Items with at least one (turn, axis) that submitted annotators scored differently, most disputed first.</summary>
    public static IReadOnlyList<Disagreement> Find(IReadOnlyList<LabelRow> submitted, IReadOnlyList<LabelRow> adjudicated)
    {
        var done = adjudicated.GroupBy(r => r.ItemId).ToDictionary(g => g.Key, g => g.Sum(r => r.Scores.Count(s => s is not null)));
        return [.. submitted.GroupBy(r => (r.ItemId, r.TrajectoryId))
            .Select(item => new Disagreement(
                item.Key.ItemId,
                item.Key.TrajectoryId,
                [.. item.Select(r => r.UserName ?? "").Distinct().Order(StringComparer.Ordinal)],
                item.GroupBy(r => r.Turn).Sum(turn => Enumerable.Range(0, turn.First().Scores.Length)
                    .Count(axis => turn.Select(r => r.Scores[axis]).Where(s => s is not null).Distinct().Count() > 1)),
                done.GetValueOrDefault(item.Key.ItemId)))
            .Where(d => d.Annotators.Count > 1 && d.Cells > 0)
            .OrderByDescending(d => d.Cells)
            .ThenBy(d => d.TrajectoryId, StringComparer.Ordinal)];
    }
}
