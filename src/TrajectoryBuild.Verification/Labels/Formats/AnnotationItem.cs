using TrajectoryBuild.Trajectories.Model;

namespace TrajectoryBuild.Verification.Labels.Formats;

/// <summary>A trajectory to put up for annotation: every step becomes one task (Label Studio) or record (Argilla).</summary>
/// <param name="TrajectoryId">The id labels refer to (stage 4's), which <see cref="Trajectory.Id"/> may lack.</param>
/// <param name="Trajectory">The normalized trajectory.</param>
public sealed record AnnotationItem(string TrajectoryId, Trajectory Trajectory)
{
    /// <summary>Only these step indexes (a sampled slice), or null for every step.</summary>
    public IReadOnlyList<int>? Turns { get; init; }
}
