namespace TrajectoryBuild.Verification.Agreement;

/// <summary>How to bootstrap a confidence interval over clusters (trajectories).</summary>
/// <param name="Resamples">How many resamples (B); 0 computes no interval.</param>
/// <param name="Seed">The seed of the SplitMix64 generator: the same data and seed give the same interval.</param>
/// <param name="ConfidenceLevel">The central share of the percentile interval; 0.95 gives the 2.5th and 97.5th percentiles.</param>
public sealed record BootstrapOptions(int Resamples = 2000, ulong Seed = BootstrapOptions.DefaultSeed, double ConfidenceLevel = 0.95)
{
    /// <summary>The default seed.</summary>
    public const ulong DefaultSeed = 20_250_501;

    /// <summary>What is wrong with these options, every problem at once; empty when they are valid.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Resamples < 0)
        {
            problems.Add($"Resamples is {Resamples}; it must be 0 or more");
        }

        if (!(ConfidenceLevel > 0 && ConfidenceLevel < 1))
        {
            problems.Add($"ConfidenceLevel is {ConfidenceLevel}; it must be between 0 and 1, exclusive");
        }

        return problems;
    }
}
