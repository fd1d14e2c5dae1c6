using TrajectoryBuild.Stages;

namespace TrajectoryBuild.MacroBench.Pipeline;

/// <summary>Mine: one target per source, keyed by the digest of its task file (any row's change re-mines the source).</summary>
internal sealed class MineStage : BenchStage
{
    public override string Name => "Mine";

    public static string Target(string source) => $"Mine/source/{source}";

    public override StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        foreach (var source in BenchTasks.Of(context.Manifest))
        {
            plan.Add(new TargetSpec(Name, $"source/{source.Source}") { Inputs = new Dictionary<string, string> { ["tasks"] = source.FileDigest } });
        }

        return plan;
    }
}
