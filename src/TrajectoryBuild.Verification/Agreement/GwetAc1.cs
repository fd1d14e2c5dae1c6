namespace TrajectoryBuild.Verification.Agreement;

/// <summary>
/// Gwet's AC1 (nominal; with identity weights it equals Gwet's AC2), for two or more raters, missing ratings allowed.
/// </summary>
/// <remarks>
/// p_a = mean over items with r_i &gt;= 2 ratings of sum_k r_ik (r_ik - 1) / (r_i (r_i - 1));
/// pi_k = mean over items with r_i &gt;= 1 of r_ik / r_i; p_e = sum_k pi_k (1 - pi_k) / (q - 1), q the number of
/// categories (columns); AC1 = (p_a - p_e) / (1 - p_e). Since p_e &lt;= 1 / q, AC1 is defined whenever q &gt;= 2 and
/// one item has two ratings: unlike kappa it stays meaningful when one category dominates (the kappa paradox).
/// </remarks>
public static class GwetAc1
{
    /// <summary>AC1 of a counts table (rows: items, columns: the q categories, cells: how many raters).</summary>
    public static Coefficient FromCounts(IReadOnlyList<IReadOnlyList<double>> counts)
    {
        var q = CountsTable.Validate(counts, nameof(counts));
        var (observed, items) = CountsTable.PairwiseAgreement(counts);
        if (items == 0)
        {
            return FleissKappa.NoSubject;
        }

        if (q < 2)
        {
            return Coefficient.Undefined("there is only one category");
        }

        var pi = new double[q];
        var rated = 0;
        foreach (var row in counts)
        {
            var n = CountsTable.Sum(row);
            if (n <= 0)
            {
                continue;
            }

            for (var k = 0; k < q; k++)
            {
                pi[k] += row[k] / n;
            }

            rated++;
        }

        var expected = pi.Sum(p => p / rated * (1 - (p / rated))) / (q - 1);
        return Coefficient.ChanceCorrected(observed, expected, "the agreement expected by chance is 1");
    }

    /// <summary>
    /// AC1 of two raters' labels of the same items; the categories are <paramref name="labels"/> (items with another
    /// label are ignored) or, when null, the labels present.
    /// </summary>
    public static Coefficient Compute<T>(IReadOnlyList<T> rater1, IReadOnlyList<T> rater2, IReadOnlyList<T>? labels = null)
        where T : notnull =>
        FromCounts(LabelPairs.Of(rater1, rater2, labels).Counts());
}
