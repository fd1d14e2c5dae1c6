namespace TrajectoryBuild.Verification.Agreement;

public static partial class CohenKappa
{
    /// <summary>
    /// Kappa of a contingency table with its large-sample standard errors and z-test; null when kappa is undefined.
    /// The formula is the weighted one with agreement weights 1 - d / max(d) (identity when unweighted).
    /// </summary>
    public static KappaAsymptotics? Asymptotic(IReadOnlyList<IReadOnlyList<double>> table, KappaWeights weights = KappaWeights.None)
    {
        var k = ValidateSquare(table);
        var kappa = FromTable(table, weights);
        if (!kappa.IsDefined)
        {
            return null;
        }

        var d = DisagreementWeights(k, weights);
        var largest = d.Max(row => row.Max());
        var w = d.Select(row => row.Select(x => 1 - (x / largest)).ToArray()).ToArray();
        var m = Margins.Of(table);
        var wRow = Enumerable.Range(0, k).Select(i => Enumerable.Range(0, k).Sum(j => m.Column[j] * w[i][j])).ToArray();
        var wColumn = Enumerable.Range(0, k).Select(j => Enumerable.Range(0, k).Sum(i => m.Row[i] * w[i][j])).ToArray();
        var expected = Enumerable.Range(0, k).Sum(i => m.Row[i] * wRow[i]);
        double spread = 0, spreadUnderNull = 0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                spread += table[i][j] / m.Total * Math.Pow(w[i][j] - ((wRow[i] + wColumn[j]) * (1 - kappa.Value)), 2);
                spreadUnderNull += m.Row[i] * m.Column[j] * Math.Pow(w[i][j] - (wRow[i] + wColumn[j]), 2);
            }
        }

        var scale = Math.Pow(1 - expected, 2) * m.Total;
        var se = Math.Sqrt((spread - Math.Pow(kappa.Value - (expected * (1 - kappa.Value)), 2)) / scale);
        var se0 = Math.Sqrt((spreadUnderNull - (expected * expected)) / scale);
        var z = kappa.Value / se0;
        return new KappaAsymptotics(kappa.Value, se, se0, z, KappaAsymptotics.NormalUpperTail(z), 2 * KappaAsymptotics.NormalUpperTail(Math.Abs(z)));
    }
}
