namespace TrajectoryBuild.MacroBench.Pipeline;

/// <summary>
/// The bench pipeline: the shape of the dataset pipeline (a Mine target per source; Reproduce, Rollout, Capture and
/// Evaluate per task; a Package target per dataset: 4 targets per task + 2) with stages that only write a small file.
/// </summary>
internal static class BenchPipeline
{
    /// <summary>Targets per task.</summary>
    public const int TargetsPerTask = 4;

    public static TrajectoryBuild.Stages.Pipeline Create() =>
        new([new MineStage(), new ReproduceStage(), new RolloutStage(), new CaptureStage(), new EvaluateStage(), new PackageStage()]);

    /// <summary>The targets of a manifest of <paramref name="tasks"/> tasks in one source and one dataset.</summary>
    public static long TargetCount(long tasks) => (TargetsPerTask * tasks) + 2;
}
