namespace TrajectoryBuild.Containers;

/// <summary>
/// Limits of a run. Memory, pids and CPU are cgroup limits; swap is off (memory + swap = memory), so a memory hog is
/// OOM-killed, not slowed down. <see cref="DiskBytes"/> bounds what a run may write: no single file may grow past it (the
/// <c>fsize</c> ulimit), and a run whose writes in all pass it is stopped (<see cref="DiskWatch"/>).
/// </summary>
internal sealed record ContainerLimits(long MemoryBytes = 2L * 1024 * 1024 * 1024, long Pids = 512, long NanoCpus = 1_000_000_000)
{
    /// <summary>The default disk limit: 4 GiB.</summary>
    public const long DefaultDiskBytes = 4L * 1024 * 1024 * 1024;

    /// <summary>The most a run may write: a container's writable layer, a local run's folder; also the largest file.</summary>
    public long DiskBytes { get; init; } = DefaultDiskBytes;
}
