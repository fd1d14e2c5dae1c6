using System.Text.Json.Nodes;
using TrajectoryBuild.Keys;
using TrajectoryBuild.Mining.Stages;
using TrajectoryBuild.Reproduction.Stages;
using TrajectoryBuild.Rollouts.Capture;
using TrajectoryBuild.Rollouts.Matrix;
using TrajectoryBuild.Rollouts.Stages;
using TrajectoryBuild.Stages;

namespace TrajectoryBuild.Rollouts.Evaluation;

/// <summary>
/// Stage 4b, a checker: checks that each captured trajectory's patch stays inside the repository and applies at the
/// base commit (stage 1's patch check, as SWE-bench applies patches), then runs it through its task's verifier in a fresh container (the stage 2
/// machinery): resolved true/false with per-test statuses. Outcome labels come only from here, never from what an agent
/// or a dataset claimed. Keyed by the patch's digest, the task image and the verifier: a new importer version that leaves
/// the patch alone re-runs nothing here. One more target per dataset writes the rollout report.
/// </summary>
internal sealed partial class EvaluateStage : IStage
{
    public const string StageName = "Evaluate";
    public const string RecordFile = "evaluation.json";

    public string Name => StageName;

    public int Version => 6;

    public StageRole Role => StageRole.Check;

    public static string DatasetTarget(string dataset) => $"{StageName}/dataset/{dataset}";

    public StagePlan Plan(PlanContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plan = new StagePlan();
        var planned = new HashSet<string>(StringComparer.Ordinal);
        var capture = new CaptureStage();
        foreach (var (dataset, definition) in ManifestView.Datasets(context.Manifest))
        {
            var matrix = RolloutMatrix.Of(context.Manifest, definition);
            if (!matrix.Scaffolds.Any())
            {
                continue;
            }

            if (RolloutStage.Validated(context, dataset, definition) is not { } tasks)
            {
                plan.Defer(Name, $"one target per captured trajectory of dataset {dataset}", ReproduceStage.DatasetTarget(dataset));
                continue;
            }

            var captures = matrix.Models.Count == 0 ? [] : matrix.Cells(tasks)
                .Select(c => $"{CaptureStage.StageName}/{RolloutStage.Unit(c.Task.InstanceId, c.Scaffold.Name, c.Model.Name, c.Seed)}")
                .ToList();
            captures.AddRange(matrix.Imports.SelectMany(s => capture.ImportTargets(context.Manifest, s)).Select(t => t.Id));
            var byId = tasks.ToDictionary(t => t.InstanceId, StringComparer.Ordinal);
            var pending = new List<string>();
            var evaluations = new List<string>();
            foreach (var captureTarget in captures)
            {
                if (context.OutputsOf(captureTarget) is not { } outputs)
                {
                    pending.Add(captureTarget);
                    continue;
                }

                foreach (var entry in JsonNode.Parse(outputs.ReadAllText(CaptureStage.RecordFile))!["trajectories"]!.AsArray())
                {
                    if (entry!["instance_id"]?.GetValue<string>() is not { } instance || !byId.TryGetValue(instance, out var task))
                    {
                        continue;
                    }

                    var id = entry["id"]!.GetValue<string>();
                    evaluations.Add($"{Name}/{id}");
                    if (planned.Add(id))
                    {
                        var patch = entry["patch_file"]?.GetValue<string>() is { } patchFile ? outputs.ReadAllText(patchFile) : null;
                        plan.Add(Target(task, id, patch));
                    }
                }
            }

            if (pending.Count > 0)
            {
                plan.Defer(Name, $"one target per trajectory captured for dataset {dataset}, and its rollout report", [.. pending]);
                continue;
            }

            plan.Add(new TargetSpec(Name, $"dataset/{dataset}")
            {
                Upstream = [.. captures.Select(c => new UpstreamRef(c, CaptureStage.RecordFile)), .. evaluations.Distinct(StringComparer.Ordinal).Select(e => new UpstreamRef(e, RecordFile))],
                Locals = new ReportInputs(dataset, byId.Keys.ToHashSet(StringComparer.Ordinal), captures),
            });
        }

        return plan;
    }

    private TargetSpec Target(PlannedTask task, string trajectoryId, string? patch) => new(Name, trajectoryId)
    {
        Params = task.Environment!.InstallParams(),
        Facts = new Dictionary<string, string> { [FactNames.Verifier] = task.Environment.VerifierDigest(1) },
        Inputs = new Dictionary<string, string> { ["patch"] = AgentPatch.DigestOf(patch) ?? Digest.OfText("") },
        Upstream = [.. task.RunUpstream(), new UpstreamRef($"{ReproduceStage.StageName}/{task.InstanceId}", ReproduceStage.ReportFile)],
        WorkUnit = task.InstanceId,
        Locals = new EvaluateInputs(task, trajectoryId, patch),
    };
}
