namespace TrajectoryBuild.Verification.Agreement;

/// <summary>The agreement of stage 5's human raters, per metric, with cluster bootstrap intervals over trajectories.</summary>
public static class AgreementReport
{
    /// <summary>
    /// Each metric of <paramref name="options"/> over the items (cluster and item together) rated by at least two
    /// raters; items rated once are ignored. The result depends only on the set of ratings, not on their order.
    /// </summary>
    /// <remarks>
    /// All metrics are computed on the same resamples (common random numbers). A metric that is undefined on the whole
    /// data has no interval; resamples where it is undefined are skipped (see <see cref="AgreementEstimate.BootstrapUsed"/>).
    /// Cohen's kappa with more than two raters is the mean over rater pairs of the kappa on the items both rated.
    /// </remarks>
    /// <exception cref="ArgumentException">Invalid options, a null field, a rater rating one item twice, or a value outside <see cref="AgreementOptions.Categories"/>.</exception>
    public static IReadOnlyList<AgreementEstimate> Compute(IEnumerable<Rating> ratings, AgreementOptions options)
    {
        ArgumentNullException.ThrowIfNull(ratings);
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var data = AgreementData.Of(ratings, options.Categories);
        var metrics = options.Metrics.Distinct().ToArray();
        var whole = new AgreementSample([.. data.Clusters.SelectMany(c => c)], data);
        var estimates = metrics.Select(whole.Evaluate).ToArray();
        var replicates = metrics.Select(_ => new List<double>()).ToArray();
        if (estimates.Any(e => e.IsDefined))
        {
            foreach (var draw in ClusterBootstrap.Draws(data.Clusters.Count, options.Bootstrap))
            {
                var sample = new AgreementSample([.. draw.SelectMany(i => data.Clusters[i])], data);
                for (var m = 0; m < metrics.Length; m++)
                {
                    if (estimates[m].IsDefined && sample.Evaluate(metrics[m]) is { IsDefined: true } value)
                    {
                        replicates[m].Add(value.Value);
                    }
                }
            }
        }

        var clusters = data.Clusters.Count;
        return [.. metrics.Select((metric, m) =>
        {
            var interval = ClusterBootstrap.Interval(replicates[m], options.Bootstrap);
            return new AgreementEstimate(metric, estimates[m].Value, interval.Low, interval.High, data.Items, clusters, interval.Used, estimates[m].Reason);
        })];
    }
}
