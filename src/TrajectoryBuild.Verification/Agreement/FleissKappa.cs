namespace TrajectoryBuild.Verification.Agreement;

/// <summary>
/// Fleiss' kappa and Randolph's free-marginal kappa for any number of raters, from a counts table: one row per subject,
/// one column per category, each cell the number of raters who put that subject in that category.
/// </summary>
/// <remarks>
/// P_i = sum_j n_ij (n_ij - 1) / (n_i (n_i - 1)) is the agreement on subject i and P-bar its mean. Fleiss:
/// P_e = sum_j p_j^2 with p_j the share of all ratings in category j; Randolph: P_e = 1 / k, k the number of columns.
/// kappa = (P-bar - P_e) / (1 - P_e). Subjects with fewer than two ratings are left out (they cannot agree); subjects may
/// have different numbers of ratings (with a constant number this is exactly statsmodels' <c>fleiss_kappa</c>).
/// Counts need not be whole numbers.
/// </remarks>
public static class FleissKappa
{
    /// <summary>Fleiss' (fixed-marginal) kappa; undefined when no subject has two ratings or P_e is 1.</summary>
    public static Coefficient Compute(IReadOnlyList<IReadOnlyList<double>> counts)
    {
        var k = CountsTable.Validate(counts, nameof(counts));
        var (observed, subjects) = CountsTable.PairwiseAgreement(counts);
        if (subjects == 0)
        {
            return NoSubject;
        }

        var shares = new double[k];
        var total = 0.0;
        foreach (var row in counts)
        {
            var n = CountsTable.Sum(row);
            if (n < 2)
            {
                continue;
            }

            for (var j = 0; j < k; j++)
            {
                shares[j] += row[j];
            }

            total += n;
        }

        var expected = shares.Sum(s => s / total * (s / total));
        return Coefficient.ChanceCorrected(observed, expected, "every rating is in one category, so the agreement expected by chance is 1");
    }

    /// <summary>Randolph's free-marginal kappa, chance agreement 1 / k; undefined with fewer than two categories.</summary>
    public static Coefficient Randolph(IReadOnlyList<IReadOnlyList<double>> counts)
    {
        var k = CountsTable.Validate(counts, nameof(counts));
        var (observed, subjects) = CountsTable.PairwiseAgreement(counts);
        return subjects == 0
            ? NoSubject
            : Coefficient.ChanceCorrected(observed, 1.0 / k, "there is only one category, so the agreement expected by chance is 1");
    }

    internal static Coefficient NoSubject { get; } = Coefficient.Undefined("no item has ratings from at least two raters");
}
