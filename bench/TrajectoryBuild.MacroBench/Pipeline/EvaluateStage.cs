using TrajectoryBuild.Stages;

namespace TrajectoryBuild.MacroBench.Pipeline;

/// <summary>Evaluate: one target per trajectory, reading it and the task's reproduction, keyed by the verifier (a checker).</summary>
internal sealed class EvaluateStage : BenchStage
{
    public override string Name => "Evaluate";

    public override StageRole Role => StageRole.Check;

    public static string Target(BenchTask task) => $"Evaluate/{task.Rollout}";

    public override StagePlan Plan(PlanContext context) => PerTask(context, (task, verifier) => new TargetSpec(Name, task.Rollout)
    {
        Facts = new Dictionary<string, string> { [FactNames.Verifier] = verifier },
        Upstream = [Output($"Capture/{task.Rollout}"), Output($"Reproduce/{task.InstanceId}")],
        WorkUnit = task.InstanceId,
    });
}
