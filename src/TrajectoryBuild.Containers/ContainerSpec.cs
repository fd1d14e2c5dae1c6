namespace TrajectoryBuild.Containers;

/// <summary>
/// One hermetic run: an image, argv, and what goes in and comes out. Network is always none and the
/// container is never privileged; nothing of the host is mounted: folders are copied in and out.
/// </summary>
internal sealed record ContainerSpec(string Image, IReadOnlyList<string> Command)
{
    public string WorkingDirectory { get; init; } = "/work";

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Labels on the container (besides <c>trajbuild.run=true</c>), to find a run's container from outside.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>User (name or uid[:gid]) to run as; null keeps the image's default.</summary>
    public string? User { get; init; }

    /// <summary>Host folders whose contents are copied into container folders before the start.</summary>
    public IReadOnlyList<ContainerCopy> CopyIn { get; init; } = [];

    /// <summary>Container paths (file or folder) copied after the run into host folders (regular files and folders only).</summary>
    public IReadOnlyList<ContainerCopy> CopyOut { get; init; } = [];

    public ContainerLimits Limits { get; init; } = new();

    /// <summary>Wall clock from start to exit; past it the container is killed and the result says TimedOut.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>Bytes kept of each of stdout and stderr; the rest is counted and noted.</summary>
    public int OutputLimitBytes { get; init; } = 1024 * 1024;

    /// <summary>
    /// Stop the run (kill the container) once stdout or stderr passes <see cref="OutputLimitBytes"/>, for runs whose
    /// output is useless past the limit (a test log cut short cannot be graded); the result says OutputLimitExceeded.
    /// </summary>
    public bool StopAtOutputLimit { get; init; }

    /// <summary>When set, a run that exits 0 (not killed) is committed as this image before the container is removed.</summary>
    public ImageCommit? CommitAs { get; init; }

    /// <summary>
    /// Share the host's network instead of none. Only for an external scaffold that must reach a model endpoint, when
    /// the manifest says so (<c>network: host</c>); everything else runs with no network at all.
    /// </summary>
    public bool HostNetwork { get; init; }
}

/// <summary>The image a successful run is committed as: <c>Repository:Tag</c>, with labels and a working directory.</summary>
internal sealed record ImageCommit(string Repository, string Tag)
{
    public string ImageName => $"{Repository}:{Tag}";

    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    public string? WorkingDirectory { get; init; }
}
