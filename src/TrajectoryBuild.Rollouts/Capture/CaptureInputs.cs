using TrajectoryBuild.Rollouts.Matrix;

namespace TrajectoryBuild.Rollouts.Capture;

/// <summary>What a Capture target reads: a Rollout target's raw output, or a recorded file of an import scaffold.</summary>
internal sealed record CaptureInputs(ScaffoldSpec Scaffold)
{
    /// <summary>For a rollout: the Rollout target and its cell.</summary>
    public string? RolloutTarget { get; init; }

    public string? InstanceId { get; init; }

    public ModelSpec? Model { get; init; }

    public long? Seed { get; init; }

    /// <summary>For an import: the file's absolute path and its path relative to the manifest.</summary>
    public string? File { get; init; }

    public string? RelativeFile { get; init; }
}
