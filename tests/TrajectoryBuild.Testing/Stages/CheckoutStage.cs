using System.Text.Json.Nodes;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Testing.Stages;

/// <summary>Test stage 2 (one target per task, listed once Collect ran): keyed by the task's commit.</summary>
public sealed class CheckoutStage(TestStageOptions options) : TestStageBase(options)
{
    public override string Name => "Checkout";

    public override StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        var (tasks, awaited) = CollectedTasks(context);
        foreach (var (source, id) in tasks)
        {
            var record = JsonNode.Parse(context.OutputsOf($"Collect/{source}")!.ReadAllText($"tasks/{id}.json"))!;
            plan.Add(new TargetSpec(Name, id)
            {
                Facts = new Dictionary<string, string> { [FactNames.Commit] = record["base_commit"]!.GetValue<string>() },
                Upstream = [new UpstreamRef($"Collect/{source}", $"tasks/{id}.json")],
                WorkUnit = id,
                Locals = source,
            });
        }

        if (awaited.Count > 0)
        {
            plan.Defer(Name, "one target per collected task", awaited);
        }

        return plan;
    }

    protected override async Task BuildAsync(TargetContext context, CancellationToken cancellationToken)
    {
        var source = (string)context.Target.Locals!;
        var record = JsonNode.Parse(context.Upstream($"Collect/{source}").ReadAllText($"tasks/{context.Target.Unit}.json"))!;
        await context.WriteOutputAsync("checkout.txt", $"{record["repo"]}@{record["base_commit"]}\n", cancellationToken).ConfigureAwait(false);
    }
}
