using System.Text.Json.Nodes;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.MacroBench.Pipeline;

/// <summary>Package: one target per dataset, reading its sources' mine reports and every evaluated trajectory.</summary>
internal sealed class PackageStage : BenchStage
{
    public override string Name => "Package";

    public override StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        var sources = BenchTasks.Of(context.Manifest).ToDictionary(s => s.Source, StringComparer.Ordinal);
        foreach (var (name, dataset) in (context.Manifest.Root["datasets"] as JsonObject ?? []).OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            var own = (dataset?["sources"] as JsonArray ?? []).Select(s => sources[s!.GetValue<string>()]).ToList();
            plan.Add(new TargetSpec(Name, $"dataset/{name}")
            {
                Upstream = [.. own.Select(s => Output(MineStage.Target(s.Source))), .. own.SelectMany(s => s.Tasks).Select(t => Output(EvaluateStage.Target(t)))],
            });
        }

        return plan;
    }
}
