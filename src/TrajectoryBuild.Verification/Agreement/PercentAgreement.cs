namespace TrajectoryBuild.Verification.Agreement;

/// <summary>
/// Percent agreement: the share of agreeing rating pairs within an item, averaged over the items with at least two
/// ratings, mean_i sum_k r_ik (r_ik - 1) / (r_i (r_i - 1)). With two raters it is the share of items they label alike.
/// No chance correction, so it is defined whenever one item has two ratings.
/// </summary>
public static class PercentAgreement
{
    /// <summary>Percent agreement of a counts table (rows: items, columns: categories, cells: how many raters).</summary>
    public static Coefficient FromCounts(IReadOnlyList<IReadOnlyList<double>> counts)
    {
        CountsTable.Validate(counts, nameof(counts));
        var (observed, items) = CountsTable.PairwiseAgreement(counts);
        return items == 0 ? FleissKappa.NoSubject : Coefficient.Of(observed);
    }

    /// <summary>The share of items two raters label alike.</summary>
    public static Coefficient Compute<T>(IReadOnlyList<T> rater1, IReadOnlyList<T> rater2)
        where T : notnull =>
        FromCounts(LabelPairs.Of(rater1, rater2, null).Counts());
}
