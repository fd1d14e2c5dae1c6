namespace TrajectoryBuild.MacroBench.Pipeline;

/// <summary>The tasks of one source and the digest of its file.</summary>
internal sealed record SourceTasks(string Source, string FileDigest, IReadOnlyList<BenchTask> Tasks);
