using TrajectoryBuild.Stages;

namespace TrajectoryBuild.MacroBench.Pipeline;

/// <summary>Reproduce: one target per task, keyed by its row, its commit and the verifier (a checker).</summary>
internal sealed class ReproduceStage : BenchStage
{
    public override string Name => "Reproduce";

    public override StageRole Role => StageRole.Check;

    public override StagePlan Plan(PlanContext context) => PerTask(context, (task, verifier) => new TargetSpec(Name, task.InstanceId)
    {
        Inputs = new Dictionary<string, string> { ["task"] = task.RowDigest },
        Facts = new Dictionary<string, string> { [FactNames.Commit] = task.Commit, [FactNames.Verifier] = verifier },
        WorkUnit = task.InstanceId,
    });
}
