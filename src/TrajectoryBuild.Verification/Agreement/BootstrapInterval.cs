namespace TrajectoryBuild.Verification.Agreement;

/// <summary>
/// A percentile bootstrap interval. <see cref="Low"/> and <see cref="High"/> are null when no resample gave a defined
/// value (or none was asked for); <see cref="Used"/> counts the resamples that did, out of <see cref="Requested"/>.
/// </summary>
public sealed record BootstrapInterval(double? Low, double? High, int Used, int Requested)
{
    /// <summary>Whether the interval has bounds.</summary>
    public bool IsDefined => Low is not null;
}
