using System.Text.Json.Nodes;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Testing.Stages;

/// <summary>
/// Test stage 3, a checker (one target per task): keyed by the verifier digest (environments' test commands and
/// verification.grading). Its report does not depend on the command text, so a verifier change re-runs it with
/// identical output and the cascade stops here.
/// </summary>
public sealed class CheckStage(TestStageOptions options) : TestStageBase(options)
{
    public override string Name => "Check";

    public override StageRole Role => StageRole.Check;

    public override StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        var (tasks, awaited) = CollectedTasks(context);
        var verifier = DigestOf(new JsonObject
        {
            ["tests"] = new JsonArray((context.Manifest.Root["environments"] as JsonObject ?? []).OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Value?["test"]?.DeepClone()).ToArray()),
            ["grading"] = context.Manifest.Root["verification"]?["grading"]?.DeepClone(),
        });
        foreach (var (_, id) in tasks)
        {
            plan.Add(new TargetSpec(Name, id)
            {
                Facts = new Dictionary<string, string> { [FactNames.Verifier] = verifier },
                Upstream = [new UpstreamRef($"Checkout/{id}")],
                WorkUnit = id,
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
        var checkout = context.Upstream($"Checkout/{context.Target.Unit}").ReadAllText("checkout.txt").Trim();
        var report = new JsonObject { ["task"] = context.Target.Unit, ["checkout"] = checkout, ["resolved"] = true };
        await context.WriteOutputAsync("report.json", report.ToJsonString() + "\n", cancellationToken).ConfigureAwait(false);
    }
}
