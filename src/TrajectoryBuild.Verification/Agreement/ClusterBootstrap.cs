using TrajectoryBuild.Randomness;

namespace TrajectoryBuild.Verification.Agreement;

/// <summary>
/// The cluster (block) bootstrap: labels are per item (turn) but items are clustered (in trajectories), so whole
/// clusters are resampled with replacement, which keeps the correlation inside a cluster and gives wider, honest
/// intervals than resampling items.
/// </summary>
/// <remarks>
/// Each of the B resamples draws as many clusters as there are, with replacement, from a SplitMix64 generator seeded
/// with <see cref="BootstrapOptions.Seed"/>; a cluster drawn twice counts twice. A resample whose metric is undefined
/// (one category only, for example) is skipped and not counted in <see cref="BootstrapInterval.Used"/>. The bounds are
/// the (1 - level) / 2 and (1 + level) / 2 percentiles of the defined values, linearly interpolated between order
/// statistics (numpy's default).
/// </remarks>
public static class ClusterBootstrap
{
    /// <summary>The percentile interval of <paramref name="metric"/> over resamples of <paramref name="clusters"/>.</summary>
    /// <param name="clusters">The clusters, in a fixed order (the order is part of what the seed reproduces).</param>
    /// <param name="metric">The metric of a resample: the drawn clusters, in draw order.</param>
    /// <param name="options">Resamples, seed and level.</param>
    public static BootstrapInterval Compute<TCluster>(IReadOnlyList<TCluster> clusters, Func<IReadOnlyList<TCluster>, Coefficient> metric, BootstrapOptions options)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(options);
        ThrowIfInvalid(options);
        var values = new List<double>(options.Resamples);
        foreach (var draw in Draws(clusters.Count, options))
        {
            var value = metric([.. draw.Select(i => clusters[i])]);
            if (value.IsDefined)
            {
                values.Add(value.Value);
            }
        }

        return Interval(values, options);
    }

    internal static void ThrowIfInvalid(BootstrapOptions options)
    {
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }
    }

    /// <summary>The cluster indices of each resample; none when there is no cluster.</summary>
    internal static IEnumerable<int[]> Draws(int clusters, BootstrapOptions options)
    {
        if (clusters == 0)
        {
            yield break;
        }

        var random = new SplitMix64(options.Seed);
        for (var b = 0; b < options.Resamples; b++)
        {
            var draw = new int[clusters];
            for (var i = 0; i < clusters; i++)
            {
                draw[i] = random.Next(clusters);
            }

            yield return draw;
        }
    }

    internal static BootstrapInterval Interval(List<double> values, BootstrapOptions options)
    {
        if (values.Count == 0)
        {
            return new BootstrapInterval(null, null, 0, options.Resamples);
        }

        values.Sort();
        var tail = (1 - options.ConfidenceLevel) / 2;
        return new BootstrapInterval(Percentile(values, tail), Percentile(values, 1 - tail), values.Count, options.Resamples);
    }

    /// <summary>The <paramref name="p"/> quantile of sorted values, interpolated between order statistics.</summary>
    internal static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        var h = (sorted.Count - 1) * p;
        var below = (int)Math.Floor(h);
        var above = Math.Min(below + 1, sorted.Count - 1);
        return sorted[below] + ((h - below) * (sorted[above] - sorted[below]));
    }
}
