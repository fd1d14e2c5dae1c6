using System.Text.Json.Nodes;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Reproduction.Stages;

/// <summary>
/// Stage 2b, a checker: one target per task stage 1 accepted. It runs the task's tests with the test patch only,
/// then with test patch + gold patch, in fresh containers, k times each, and keeps the task only if the gold patch
/// turns failing tests green and keeps passing ones green. Keyed by the task record, its checkout, the environment's base
/// and env image, the setup and install lines (which name the task image), and the verifier (test command, parser and
/// its version, grading rules, timeout, stability runs): a verifier change re-runs only this stage.
/// </summary>
internal sealed partial class ReproduceStage : IStage
{
    public const string StageName = "Reproduce";
    public const string ReportFile = "validation.json";

    public static string DatasetTarget(string dataset) => $"{StageName}/dataset/{dataset}";

    public string Name => StageName;

    public int Version => 9;

    public StageRole Role => StageRole.Check;

    public StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        var plannedIds = new HashSet<string>(StringComparer.Ordinal);
        var stabilityRuns = context.Manifest.Root["verification"]?["grading"]?["stability_runs"]?.GetValue<long>() is { } runs ? (int)runs : 2;
        foreach (var (dataset, definition) in (context.Manifest.Root["datasets"] as JsonObject ?? []).OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            if (DatasetTasks.Accepted(context, dataset, (JsonObject)definition!) is not { } tasks)
            {
                plan.Defer(Name, $"one target per task of dataset {dataset} that stage 1 accepts", CloneStage.DatasetTarget(dataset));
                continue;
            }

            var datasetTasks = new List<string>();
            foreach (var planned in tasks)
            {
                var id = planned.InstanceId;
                datasetTasks.Add(id);
                if (!plannedIds.Add(id))
                {
                    continue;
                }

                if (planned.Environment is null)
                {
                    // Never dropped silently: the target records the rejection, with what would have matched.
                    plan.Add(new TargetSpec(Name, id)
                    {
                        Params = new JsonObject { ["environments"] = new JsonArray(planned.Candidates.Select(e => (JsonNode)JsonValue.Create(e.Name)).ToArray()) },
                        Upstream = [new UpstreamRef(MineStage.DatasetTarget(dataset), planned.TaskFile)],
                        WorkUnit = id,
                        Locals = new ReproduceInputs(dataset, null, stabilityRuns),
                    });
                    continue;
                }

                plan.Add(new TargetSpec(Name, id)
                {
                    Params = planned.Environment.InstallParams(),
                    Facts = new Dictionary<string, string> { [FactNames.Verifier] = planned.Environment.VerifierDigest(stabilityRuns) },
                    Upstream = planned.RunUpstream(),
                    WorkUnit = id,
                    Locals = new ReproduceInputs(dataset, planned.Environment, stabilityRuns, planned.CheckoutTarget),
                });
            }

            plan.Add(new TargetSpec(Name, $"dataset/{dataset}")
            {
                Upstream = datasetTasks.Select(id => new UpstreamRef($"{Name}/{id}", ReportFile)).ToList(),
                Locals = dataset,
            });
        }

        return plan;
    }
}
