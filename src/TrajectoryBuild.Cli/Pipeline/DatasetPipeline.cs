using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Packaging.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rewards.Stages;
using TrajectoryBuild.Rollouts.Capture;
using TrajectoryBuild.Rollouts.Evaluation;
using TrajectoryBuild.Rollouts.Stages;
using TrajectoryBuild.Verification.Stages;

namespace TrajectoryBuild.Cli.Pipeline;

/// <summary>
/// The eight stages of a dataset build (with their sub-stages), in order: Mine and Clone (stage 1), Environment and
/// Reproduce (2), Rollout, Capture and Evaluate (3-4), Verify (5), Reward (6), Tag (7), Package (8). A release is not a
/// stage: <c>trajbuild release</c> records a finished build (see ReleaseCommand).
/// </summary>
internal static class DatasetPipeline
{
    public static TrajectoryBuild.Stages.Pipeline Create() => new(
    [
        new MineStage(),
        new CloneStage(),
        new EnvironmentStage(),
        new ReproduceStage(),
        new RolloutStage(),
        new CaptureStage(),
        new EvaluateStage(),
        new VerifyStage(),
        new RewardStage(),
        new TagStage(),
        new PackageStage(),
    ]);

    /// <summary>The stage names, in order (the build host lists them as targets).</summary>
    public static IReadOnlyList<string> StageNames { get; } = Create().StageNames;
}
