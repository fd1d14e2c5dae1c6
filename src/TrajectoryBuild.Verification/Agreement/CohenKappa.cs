namespace TrajectoryBuild.Verification.Agreement;

/// <summary>
/// Cohen's kappa for two raters, unweighted or weighted, as scikit-learn's <c>cohen_kappa_score</c>:
/// kappa = 1 - sum(w * O) / sum(w * E), with O the contingency table of the two raters, E the table expected from its
/// margins (row total x column total / n) and w the disagreement weights on category index positions.
/// </summary>
public static partial class CohenKappa
{
    /// <summary>
    /// Cohen's kappa of two raters' labels of the same items (<paramref name="rater1"/>[i] and
    /// <paramref name="rater2"/>[i] label item i).
    /// </summary>
    /// <param name="rater1">The first rater's labels.</param>
    /// <param name="rater2">The second rater's labels, as many as the first's.</param>
    /// <param name="weights">Disagreement weights on the index positions of <paramref name="labels"/>.</param>
    /// <param name="labels">
    /// The categories and their order (which fixes the weights); items with a label outside the list are ignored.
    /// Null: the labels present in either rater's list, sorted.
    /// </param>
    /// <returns>Kappa; undefined when no item is left or the expected disagreement is 0 (one shared category).</returns>
    public static Coefficient Compute<T>(IReadOnlyList<T> rater1, IReadOnlyList<T> rater2, KappaWeights weights = KappaWeights.None, IReadOnlyList<T>? labels = null)
        where T : notnull =>
        FromTable(LabelPairs.Of(rater1, rater2, labels).Contingency(), weights);

    /// <summary>Cohen's kappa of a square contingency table (rows: first rater's categories, columns: second's).</summary>
    public static Coefficient FromTable(IReadOnlyList<IReadOnlyList<double>> table, KappaWeights weights = KappaWeights.None) =>
        FromTable(table, DisagreementWeights(ValidateSquare(table), weights));

    /// <summary>
    /// Cohen's kappa of a square contingency table with an explicit disagreement weight matrix (0 on full agreement;
    /// statsmodels' Toeplitz weights, for example). Kappa does not change when the weights are scaled.
    /// </summary>
    public static Coefficient FromTable(IReadOnlyList<IReadOnlyList<double>> table, IReadOnlyList<IReadOnlyList<double>> disagreementWeights)
    {
        var k = ValidateSquare(table);
        ArgumentNullException.ThrowIfNull(disagreementWeights);
        if (disagreementWeights.Count != k || disagreementWeights.Any(row => row.Count != k))
        {
            throw new ArgumentException($"the weights must be {k} x {k}, as the table", nameof(disagreementWeights));
        }

        var margins = Margins.Of(table);
        if (margins.Total <= 0)
        {
            return Coefficient.Undefined("no item was labelled by both raters");
        }

        double observed = 0, expected = 0, largest = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                var w = disagreementWeights[i][j];
                observed += w * table[i][j] / margins.Total;
                expected += w * margins.Row[i] * margins.Column[j];
                largest = Math.Max(largest, Math.Abs(w));
            }
        }

        return expected <= 1e-12 * largest || largest == 0
            ? Coefficient.Undefined("the disagreement expected by chance is 0 (the raters used one shared category)")
            : Coefficient.Of(1 - (observed / expected));
    }

    /// <summary>The k x k disagreement weights on index positions: 1 off the diagonal, |i - j| or (i - j)^2.</summary>
    internal static double[][] DisagreementWeights(int k, KappaWeights weights)
    {
        var matrix = new double[k][];
        for (var i = 0; i < k; i++)
        {
            matrix[i] = new double[k];
            for (var j = 0; j < k; j++)
            {
                matrix[i][j] = weights switch
                {
                    KappaWeights.None => i == j ? 0 : 1,
                    KappaWeights.Linear => Math.Abs(i - j),
                    KappaWeights.Quadratic => (i - j) * (i - j),
                    _ => throw new ArgumentOutOfRangeException(nameof(weights), weights, "unknown weights"),
                };
            }
        }

        return matrix;
    }

    internal static int ValidateSquare(IReadOnlyList<IReadOnlyList<double>> table)
    {
        var columns = CountsTable.Validate(table, nameof(table));
        return columns == table.Count
            ? columns
            : throw new ArgumentException($"the contingency table is {table.Count} x {columns}; it must be square", nameof(table));
    }
}
