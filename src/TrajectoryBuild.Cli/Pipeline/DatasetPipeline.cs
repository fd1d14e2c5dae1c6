using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Packaging.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rewards.Stages;
using TrajectoryBuild.Rollouts.Capture;
using TrajectoryBuild.Rollouts.Evaluation;
using TrajectoryBuild.Rollouts.Stages;
using TrajectoryBuild.Stages;
using TrajectoryBuild.Verification.Stages;

namespace TrajectoryBuild.Cli.Pipeline;

/// <summary>
/// The eight stages of a dataset build (with their sub-stages), in order. Each stage lands with its own issue;
/// until then it is a <see cref="NotImplementedStage"/>, shown as pending in plans and never built.
/// Implemented: Mine and Clone (stage 1), Environment and Reproduce (stage 2), Rollout, Capture and Evaluate (stages 3-4).
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
        new NotImplementedStage("Release", StageRole.Produce, 8, _ => "one target per dataset version"),
    ]);

    /// <summary>The stage names, in order (the build host lists them as targets).</summary>
    public static IReadOnlyList<string> StageNames { get; } = Create().StageNames;
}
