using TrajectoryBuild.Stages;

namespace TrajectoryBuild.MacroBench.Pipeline;

/// <summary>Reproduce: one target per task, keyed by its row, its commit and the verifier (a checker).</summary>
internal sealed class ReproduceStage : BenchStage
{
    public override string Name => "Reproduce";

    public override StageRole Role => StageRole.Check;

    public override StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        var verifier = BenchVerifier.Of(context.Manifest);
        foreach (var task in BenchTasks.Of(context.Manifest).SelectMany(s => s.Tasks))
        {
            plan.Add(new TargetSpec(Name, task.InstanceId)
            {
                Inputs = new Dictionary<string, string> { ["task"] = task.RowDigest },
                Facts = new Dictionary<string, string> { [FactNames.Commit] = task.Commit, [FactNames.Verifier] = verifier },
                WorkUnit = task.InstanceId,
            });
        }

        return plan;
    }
}
