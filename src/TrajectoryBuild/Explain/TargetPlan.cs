using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Explain;

/// <summary>A target's standing before a build, and why.</summary>
/// <param name="TargetId">The target.</param>
/// <param name="Stage">Its stage.</param>
/// <param name="Status">FRESH, CACHED, STALE or MISSING.</param>
/// <param name="Key">Its key; null while an upstream output it reads is not built yet.</param>
/// <param name="Causes">Why it is not fresh (for CACHED: what changed since the lock).</param>
public sealed record TargetPlan(string TargetId, string Stage, TargetStatus Status, string? Key, IReadOnlyList<Cause> Causes)
{
    /// <summary>True when a build would execute it (unless an upstream rebuild yields identical bytes).</summary>
    public bool WillRun => Status is TargetStatus.Stale or TargetStatus.Missing;

    /// <summary>
    /// The upstream outputs it reads, as its stage declared them: the spec's own list when it was planned, an equal list
    /// read back from the plan stamp when the stamp answered or the target was reused from it.
    /// </summary>
    public IReadOnlyList<UpstreamRef> Upstream { get; init; } = [];

    /// <summary>What a sharded build keeps on one leg (<see cref="TargetSpec.WorkUnit"/>).</summary>
    public string WorkUnit { get; init; } = string.Empty;
}
