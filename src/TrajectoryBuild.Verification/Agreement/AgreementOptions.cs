namespace TrajectoryBuild.Verification.Agreement;

/// <summary>What <see cref="AgreementReport.Compute"/> computes and how it bootstraps.</summary>
public sealed record AgreementOptions
{
    /// <summary>Every metric, in declaration order.</summary>
    public static IReadOnlyList<AgreementMetric> AllMetrics { get; } = Enum.GetValues<AgreementMetric>();

    /// <summary>The metrics, in the order of the report (a repeated metric is reported once).</summary>
    public IReadOnlyList<AgreementMetric> Metrics { get; init; } = AllMetrics;

    /// <summary>The cluster bootstrap: 2000 resamples, a fixed seed, a 95% percentile interval by default.</summary>
    public BootstrapOptions Bootstrap { get; init; } = new();

    /// <summary>
    /// The categories (the whole scale, for example 1, 2, 3), which fix the Cohen weight positions, Randolph's k and
    /// Gwet's q. Null: the values present among the items with two ratings or more, sorted.
    /// </summary>
    public IReadOnlyList<int>? Categories { get; init; }

    /// <summary>What is wrong with these options, every problem at once; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Metrics is null || Metrics.Count == 0)
        {
            problems.Add("Metrics is empty; name at least one metric");
        }
        else
        {
            problems.AddRange(Metrics.Where(m => !Enum.IsDefined(m)).Distinct().Select(m => $"Metrics holds {(int)m}, which is no metric"));
        }

        if (Bootstrap is null)
        {
            problems.Add("Bootstrap is null");
        }
        else
        {
            problems.AddRange(Bootstrap.Problems());
        }

        if (Categories is not null && Categories.Distinct().Count() != Categories.Count)
        {
            problems.Add("Categories lists a value twice");
        }

        return problems;
    }
}
