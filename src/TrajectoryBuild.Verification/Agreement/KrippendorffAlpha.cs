namespace TrajectoryBuild.Verification.Agreement;

/// <summary>
/// Krippendorff's alpha, alpha = 1 - D_o / D_e, from the coincidence matrix o_ck = sum_u n_uc (n_uk - [c = k]) / (m_u - 1)
/// over the units u with m_u &gt;= 2 values (Krippendorff 2011, as fast-krippendorff and NLTK compute it).
/// </summary>
/// <remarks>
/// Missing data: a null or <see cref="double.NaN"/> cell is missing; a unit with fewer than two values is not pairable
/// and changes nothing. Undefined (not thrown, unlike fast-krippendorff): no pairable unit, or one value only among the
/// pairable units (D_e = 0).
/// </remarks>
public static class KrippendorffAlpha
{
    /// <summary>Alpha of a reliability matrix: one row per rater, one column per unit, null or NaN when missing.</summary>
    public static Coefficient Compute(IReadOnlyList<IReadOnlyList<double?>> reliabilityData, KrippendorffMetric metric)
    {
        ArgumentNullException.ThrowIfNull(reliabilityData);
        var units = reliabilityData.Count == 0 ? 0 : reliabilityData[0].Count;
        if (reliabilityData.Any(row => row.Count != units))
        {
            throw new ArgumentException("every rater's row must have one cell per unit", nameof(reliabilityData));
        }

        var values = reliabilityData.SelectMany(row => row).OfType<double>().Where(double.IsFinite).Distinct().Order().ToArray();
        var index = values.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i);
        var counts = new double[units][];
        for (var u = 0; u < units; u++)
        {
            counts[u] = new double[values.Length];
            foreach (var row in reliabilityData)
            {
                if (row[u] is { } v && double.IsFinite(v))
                {
                    counts[u][index[v]]++;
                }
            }
        }

        return FromValueCounts(counts, values, metric);
    }

    /// <summary>
    /// Alpha of value counts: one row per unit, one column per value of <paramref name="values"/> (ascending for the
    /// ordinal metric), each cell the number of raters who gave that unit that value.
    /// </summary>
    public static Coefficient FromValueCounts(IReadOnlyList<IReadOnlyList<double>> valueCounts, IReadOnlyList<double> values, KrippendorffMetric metric)
    {
        var k = CountsTable.Validate(valueCounts, nameof(valueCounts));
        ArgumentNullException.ThrowIfNull(values);
        if (valueCounts.Count > 0 && values.Count != k)
        {
            throw new ArgumentException($"{values.Count} values for {k} columns of counts", nameof(values));
        }

        var coincidences = Coincidences(valueCounts, k);
        var marginals = coincidences.Select(row => row.Sum()).ToArray();
        var n = marginals.Sum();
        if (n <= 0)
        {
            return FleissKappa.NoSubject;
        }

        double observed = 0, expected = 0;
        for (var c = 0; c < k; c++)
        {
            for (var d = 0; d < k; d++)
            {
                var delta = Delta(metric, values, marginals, c, d);
                observed += coincidences[c][d] * delta;
                expected += marginals[c] * marginals[d] * delta;
            }
        }

        return expected <= 0
            ? Coefficient.Undefined("the pairable units hold one value only, so the expected disagreement is 0")
            : Coefficient.Of(1 - ((n - 1) * observed / expected));
    }

    private static double[][] Coincidences(IReadOnlyList<IReadOnlyList<double>> valueCounts, int k)
    {
        var o = new double[k][];
        for (var c = 0; c < k; c++)
        {
            o[c] = new double[k];
        }

        foreach (var unit in valueCounts)
        {
            var m = CountsTable.Sum(unit);
            if (m < 2)
            {
                continue;
            }

            for (var c = 0; c < k; c++)
            {
                for (var d = 0; d < k; d++)
                {
                    o[c][d] += unit[c] * (unit[d] - (c == d ? 1 : 0)) / (m - 1);
                }
            }
        }

        return o;
    }

    private static double Delta(KrippendorffMetric metric, IReadOnlyList<double> values, double[] marginals, int c, int d)
    {
        if (c == d)
        {
            return 0;
        }

        switch (metric)
        {
            case KrippendorffMetric.Nominal:
                return 1;
            case KrippendorffMetric.Interval:
                return (values[c] - values[d]) * (values[c] - values[d]);
            case KrippendorffMetric.Ratio:
                var sum = values[c] + values[d];
                return sum == 0 ? 0 : Math.Pow((values[c] - values[d]) / sum, 2);
            case KrippendorffMetric.Ordinal:
                var (low, high) = c < d ? (c, d) : (d, c);
                var between = 0.0;
                for (var g = low; g <= high; g++)
                {
                    between += marginals[g];
                }

                return Math.Pow(between - ((marginals[c] + marginals[d]) / 2), 2);
            default:
                throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric");
        }
    }
}
