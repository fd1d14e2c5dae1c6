using TrajectoryBuild.Annotation.Store;
using TrajectoryBuild.Verification.Labels;

namespace TrajectoryBuild.Annotation.Agreement;

/// <summary>Live agreement per axis and overall, from submitted annotators' labels.</summary>
internal static class LiveAgreement
{
    public static IReadOnlyList<AxisAgreement> Compute(IAgreementMetrics metrics, IReadOnlyList<LabelRow> submitted)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var perAxis = new List<AxisAgreement>();
        var all = new List<IReadOnlyDictionary<string, int>>();
        for (var axis = 0; axis < Axes.All.Count; axis++)
        {
            var units = Units(submitted, axis);
            all.AddRange(units);
            perAxis.Add(metrics.Compute(Axes.All[axis].Name, units));
        }

        perAxis.Add(metrics.Compute("overall", all));
        return perAxis;
    }

    /// <summary>Per (item, turn): annotator to score on axis <paramref name="axis"/>, for the scored ones.</summary>
    public static List<IReadOnlyDictionary<string, int>> Units(IReadOnlyList<LabelRow> rows, int axis) =>
        [.. rows.Where(r => r.Scores[axis] is not null)
            .GroupBy(r => (r.ItemId, r.Turn))
            .Select(g => (IReadOnlyDictionary<string, int>)g.ToDictionary(r => r.UserName ?? "", r => r.Scores[axis]!.Value, StringComparer.Ordinal))];
}
