using System.Text.Json.Nodes;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.MacroBench.Pipeline;

/// <summary>Rollout: one target per task, scaffold, model and seed (one of each here), reading the task's reproduction.</summary>
internal sealed class RolloutStage : BenchStage
{
    public override string Name => "Rollout";

    public override StagePlan Plan(PlanContext context) => PerTask(context, (task, _) => new TargetSpec(Name, task.Rollout)
    {
        Params = new JsonObject { ["scaffold"] = "bench", ["model"] = "scripted", ["seed"] = 1 },
        Upstream = [Output($"Reproduce/{task.InstanceId}")],
        WorkUnit = task.InstanceId,
    });
}
