namespace TrajectoryBuild.Verification.Agreement;

/// <summary>The items of one sample (all of them, or one bootstrap resample) and the tables its metrics share.</summary>
internal sealed class AgreementSample(IReadOnlyList<RatedItem> items, AgreementData data)
{
    private double[][]? _counts;
    private IReadOnlyList<double[][]>? _pairTables;

    private double[][] Counts => _counts ??= [.. items.Select(CountsOf)];

    private IReadOnlyList<double[][]> PairTables => _pairTables ??= BuildPairTables();

    public Coefficient Evaluate(AgreementMetric metric) => metric switch
    {
        AgreementMetric.PercentAgreement => PercentAgreement.FromCounts(Counts),
        AgreementMetric.CohenKappa => MeanCohen(KappaWeights.None),
        AgreementMetric.CohenKappaLinear => MeanCohen(KappaWeights.Linear),
        AgreementMetric.CohenKappaQuadratic => MeanCohen(KappaWeights.Quadratic),
        AgreementMetric.FleissKappa => FleissKappa.Compute(Counts),
        AgreementMetric.RandolphKappa => FleissKappa.Randolph(Counts),
        AgreementMetric.KrippendorffAlphaNominal => Alpha(KrippendorffMetric.Nominal),
        AgreementMetric.KrippendorffAlphaOrdinal => Alpha(KrippendorffMetric.Ordinal),
        AgreementMetric.KrippendorffAlphaInterval => Alpha(KrippendorffMetric.Interval),
        AgreementMetric.GwetAc1 => GwetAc1.FromCounts(Counts),
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "unknown metric"),
    };

    private Coefficient Alpha(KrippendorffMetric metric) =>
        KrippendorffAlpha.FromValueCounts(Counts, [.. data.Categories.Select(c => (double)c)], metric);

    /// <summary>
    /// Cohen's kappa of each pair of raters on the items both rated, averaged over the pairs where it is defined
    /// (Light's kappa when unweighted); with two raters it is their kappa.
    /// </summary>
    private Coefficient MeanCohen(KappaWeights weights)
    {
        var weightMatrix = CohenKappa.DisagreementWeights(data.Categories.Length, weights);
        var kappas = PairTables.Select(table => CohenKappa.FromTable(table, weightMatrix)).ToList();
        var defined = kappas.Where(k => k.IsDefined).Select(k => k.Value).ToList();
        return defined.Count > 0
            ? Coefficient.Of(defined.Average())
            : Coefficient.Undefined(kappas.Count == 0 ? "no two raters rated a common item" : $"no rater pair has a defined kappa: {kappas[0].Reason}");
    }

    private double[] CountsOf(RatedItem item)
    {
        var row = new double[data.Categories.Length];
        foreach (var category in item.Categories)
        {
            row[category]++;
        }

        return row;
    }

    /// <summary>The contingency table of every rater pair (first rater ascending) with a common item, in pair order.</summary>
    private List<double[][]> BuildPairTables()
    {
        var k = data.Categories.Length;
        var tables = new SortedDictionary<int, double[][]>();
        foreach (var item in items)
        {
            for (var a = 0; a < item.Raters.Length; a++)
            {
                for (var b = a + 1; b < item.Raters.Length; b++)
                {
                    var key = (item.Raters[a] * data.Raters) + item.Raters[b];
                    if (!tables.TryGetValue(key, out var table))
                    {
                        table = [.. Enumerable.Range(0, k).Select(_ => new double[k])];
                        tables.Add(key, table);
                    }

                    table[item.Categories[a]][item.Categories[b]]++;
                }
            }
        }

        return [.. tables.Values];
    }
}
