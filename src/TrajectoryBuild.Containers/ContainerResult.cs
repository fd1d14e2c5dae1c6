namespace TrajectoryBuild.Containers;

/// <summary>How a run ended. Stdout and Stderr are capped (see <see cref="ContainerSpec.OutputLimitBytes"/>).</summary>
internal sealed record ContainerResult(
    long ExitCode,
    string Stdout,
    string Stderr,
    bool TimedOut,
    bool OomKilled,
    TimeSpan Duration)
{
    /// <summary>The removed container's id, for logs and tests.</summary>
    public string ContainerId { get; init; } = "";

    /// <summary>CopyOut container paths that did not exist after the run.</summary>
    public IReadOnlyList<string> MissingOutputs { get; init; } = [];

    /// <summary>The image id the run was committed as (<see cref="ContainerSpec.CommitAs"/>), or null when it was not.</summary>
    public string? CommittedImageId { get; init; }

    /// <summary>The run was stopped because its output passed the limit (<see cref="ContainerSpec.StopAtOutputLimit"/>).</summary>
    public bool OutputLimitExceeded { get; init; }

    /// <summary>
    /// The run wrote as much as its disk limit (<see cref="ContainerLimits.DiskBytes"/>): it was stopped there, or a file
    /// of it reached the per-file limit, which is the same size.
    /// </summary>
    public bool DiskLimitExceeded { get; init; }
}
