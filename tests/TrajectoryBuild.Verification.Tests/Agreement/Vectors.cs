namespace TrajectoryBuild.Verification.Tests.Agreement;

/// <summary>Data sets of /work/shared/samples/agreement/agreement_vectors.md, shared by several test classes.</summary>
internal static class Vectors
{
    /// <summary>Krippendorff (2011) / Gwet (2015) p.16: 4 observers (rows) x 12 units, values 1..5 (V4.2).</summary>
    public static double?[][] Kripp2011 { get; } =
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
        [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];

    /// <summary>Wikipedia's Krippendorff example: 3 coders (rows) x 15 units, values 1..4 (V4.1).</summary>
    public static double?[][] Wikipedia3x15 { get; } =
    [
        [null, null, null, null, null, 3, 4, 1, 2, 1, 1, 3, 3, null, 3],
        [1, null, 2, 1, 3, 3, 4, 3, null, null, null, null, null, null, null],
        [null, null, 2, 1, 3, 4, 4, null, 2, 1, 1, 3, 3, null, 4],
    ];

    /// <summary>Hayes and Krippendorff (2007): 40 units (rows) x 5 observers, values 0..3 (prodigy-iaa conftest).</summary>
    public static double?[][] Hayes40x5 { get; } =
    [
        [1, 1, 2, null, 2], [1, 1, 0, 1, null], [2, 3, 3, 3, null], [null, 0, 0, null, 0], [0, 0, 0, null, 0],
        [0, 0, 0, null, 0], [1, 0, 2, null, 1], [1, null, 2, 0, null], [2, 2, 2, null, 2], [2, 1, 1, 1, null],
        [null, 1, 0, 0, null], [0, 0, 0, 0, null], [1, 2, 2, 2, null], [3, 3, 2, 2, 3], [1, 1, 1, null, 1],
        [1, 1, 1, null, 1], [2, 1, 2, null, 2], [1, 2, 3, 3, null], [1, 1, 0, 1, null], [0, 0, 0, null, 0],
        [0, 0, 1, 1, null], [0, 0, null, 0, 0], [2, 3, 3, 3, null], [0, 0, 0, 0, null], [1, 2, null, 2, 2],
        [0, 1, 1, 1, null], [0, 0, 0, 1, 0], [1, 2, 1, 2, null], [1, 1, 2, 2, null], [1, 1, 2, null, 2],
        [1, 1, 0, null, 0], [2, 1, 2, 1, null], [2, 2, null, 2, 2], [3, 2, 2, 2, null], [2, 2, 2, null, 2],
        [2, 2, 3, null, 2], [2, 2, 2, null, 2], [2, 2, null, 1, 2], [2, 2, 2, 2, null], [1, 1, 1, null, 1],
    ];

    /// <summary>R irr "anxiety", raters 2 and 3 (V2.3); categories 1, 2, 3, 4, 6 (no 5).</summary>
    public static int[] AnxietyRater2 { get; } = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4];

    /// <inheritdoc cref="AnxietyRater2"/>
    public static int[] AnxietyRater3 { get; } = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2];

    /// <summary>The 5 x 5 contingency table of the anxiety raters 2 (rows) and 3 (columns) on 1, 2, 3, 4, 6.</summary>
    public static double[][] AnxietyTable
    {
        get
        {
            int[] labels = [1, 2, 3, 4, 6];
            var pairs = AnxietyRater2.Zip(AnxietyRater3).ToList();
            return [.. labels.Select(a => labels.Select(b => (double)pairs.Count(p => p.First == a && p.Second == b)).ToArray())];
        }
    }

    public static T[][] Transpose<T>(T[][] rows) =>
        [.. Enumerable.Range(0, rows[0].Length).Select(j => rows.Select(row => row[j]).ToArray())];

    /// <summary>The counts table (units x sorted distinct values) of units given as rows of ratings.</summary>
    public static double[][] Counts(double?[][] units)
    {
        var values = units.SelectMany(u => u).OfType<double>().Distinct().Order().ToList();
        return [.. units.Select(u => values.Select(v => (double)u.Count(x => x == v)).ToArray())];
    }

    /// <summary>Two raters' labels reproducing a contingency table (rows: first rater, columns: second).</summary>
    public static (int[] First, int[] Second) FromTable(int[][] table)
    {
        var pairs = table.SelectMany((row, i) => row.SelectMany((n, j) => Enumerable.Repeat((i, j), n))).ToList();
        return ([.. pairs.Select(p => p.i)], [.. pairs.Select(p => p.j)]);
    }

    /// <summary>Ratings of a reliability matrix (raters x units): one cluster per unit, nulls left out.</summary>
    public static IEnumerable<Verification.Agreement.Rating> Ratings(int?[][] raters) =>
        raters.SelectMany((row, r) => row.Select((v, u) => (v, u)).Where(p => p.v is not null)
            .Select(p => new Verification.Agreement.Rating($"u{p.u}", "0", $"r{r}", p.v!.Value)));
}
