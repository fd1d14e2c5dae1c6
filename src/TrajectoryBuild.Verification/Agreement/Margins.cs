namespace TrajectoryBuild.Verification.Agreement;

/// <summary>The row and column shares of a contingency table and its total.</summary>
internal sealed record Margins(double[] Row, double[] Column, double Total)
{
    public static Margins Of(IReadOnlyList<IReadOnlyList<double>> table)
    {
        var k = table.Count;
        var row = new double[k];
        var column = new double[k];
        var total = 0.0;
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j < k; j++)
            {
                row[i] += table[i][j];
                column[j] += table[i][j];
                total += table[i][j];
            }
        }

        if (total > 0)
        {
            for (var i = 0; i < k; i++)
            {
                row[i] /= total;
                column[i] /= total;
            }
        }

        return new Margins(row, column, total);
    }
}
