using TrajectoryBuild.Stages;

namespace TrajectoryBuild.MacroBench.Pipeline;

/// <summary>Capture: one target per rollout, normalizing its output.</summary>
internal sealed class CaptureStage : BenchStage
{
    public override string Name => "Capture";

    public override StagePlan Plan(PlanContext context) =>
        PerTask(context, (task, _) => new TargetSpec(Name, task.Rollout) { Upstream = [Output($"Rollout/{task.Rollout}")], WorkUnit = task.InstanceId });
}
