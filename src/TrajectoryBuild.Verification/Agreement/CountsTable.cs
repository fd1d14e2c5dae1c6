namespace TrajectoryBuild.Verification.Agreement;

/// <summary>Checks and sums of a counts table: rows are items (subjects, units), columns are categories.</summary>
internal static class CountsTable
{
    /// <summary>The number of columns; throws when the table is ragged or holds a negative or non-finite count.</summary>
    public static int Validate(IReadOnlyList<IReadOnlyList<double>> counts, string paramName)
    {
        ArgumentNullException.ThrowIfNull(counts, paramName);
        var columns = counts.Count == 0 ? 0 : counts[0].Count;
        for (var i = 0; i < counts.Count; i++)
        {
            var row = counts[i];
            if (row.Count != columns)
            {
                throw new ArgumentException($"row {i} has {row.Count} columns, row 0 has {columns}", paramName);
            }

            for (var j = 0; j < columns; j++)
            {
                if (!double.IsFinite(row[j]) || row[j] < 0)
                {
                    throw new ArgumentException($"count [{i}][{j}] is {row[j]}; counts are finite and not negative", paramName);
                }
            }
        }

        return columns;
    }

    public static double Sum(IReadOnlyList<double> row)
    {
        var sum = 0.0;
        for (var j = 0; j < row.Count; j++)
        {
            sum += row[j];
        }

        return sum;
    }

    /// <summary>
    /// The mean over rows with at least two ratings of the share of agreeing ordered rating pairs,
    /// sum_k n_ik (n_ik - 1) / (n_i (n_i - 1)); the number of such rows is returned with it.
    /// </summary>
    public static (double Mean, int Rows) PairwiseAgreement(IReadOnlyList<IReadOnlyList<double>> counts)
    {
        var total = 0.0;
        var rows = 0;
        foreach (var row in counts)
        {
            var n = Sum(row);
            if (n < 2)
            {
                continue;
            }

            var agreeing = 0.0;
            for (var j = 0; j < row.Count; j++)
            {
                agreeing += row[j] * (row[j] - 1);
            }

            total += agreeing / (n * (n - 1));
            rows++;
        }

        return (rows == 0 ? double.NaN : total / rows, rows);
    }

    /// <summary>The counts table of two raters' labels: one row per item, two ratings in it.</summary>
    public static double[][] OfPairs(IReadOnlyList<int> rater1, IReadOnlyList<int> rater2, int categories)
    {
        var table = new double[rater1.Count][];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = new double[categories];
            table[i][rater1[i]]++;
            table[i][rater2[i]]++;
        }

        return table;
    }
}
