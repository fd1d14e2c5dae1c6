namespace TrajectoryBuild.Verification.Agreement;

/// <summary>One metric's estimate over the items with at least two ratings, with its cluster bootstrap interval.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Value">The point estimate; <see cref="double.NaN"/> when undefined.</param>
/// <param name="Low">The lower bound of the percentile interval; null when undefined or no resample was defined.</param>
/// <param name="High">The upper bound; null as <paramref name="Low"/>.</param>
/// <param name="Items">The items (turns) with ratings from at least two raters.</param>
/// <param name="Clusters">The clusters (trajectories) holding those items.</param>
/// <param name="BootstrapUsed">The resamples whose metric was defined and went into the interval.</param>
/// <param name="Undefined">Why the point estimate is undefined; null when it is defined.</param>
public sealed record AgreementEstimate(AgreementMetric Metric, double Value, double? Low, double? High, int Items, int Clusters, int BootstrapUsed, string? Undefined)
{
    /// <summary>Whether the point estimate is defined.</summary>
    public bool IsDefined => Undefined is null;
}
